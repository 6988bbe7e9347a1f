import { defaultSettings, type Settings } from '../../../core/settings/contract';
import { changedFields, patchFromDraft, shownText, type SettingsDraft } from '../../../renderer/src/pages/settings/settings-draft';

const stored: Settings = { ...defaultSettings, portalUrl: 'https://portal.example.com', connectivityCheckSeconds: 60 };

describe('the Settings draft: nothing changes until Save', () => {
  it('a control shows the draft where changed, else what is stored (a missing address as empty)', () => {
    expect(shownText(stored, { theme: 'dark' }, 'theme')).toBe('dark');
    expect(shownText(stored, {}, 'theme')).toBe('system');
    expect(shownText(stored, {}, 'updateFeedUrl')).toBe('');
    expect(shownText(stored, {}, 'connectivityCheckSeconds')).toBe('60');
  });

  it.each<[string, SettingsDraft, string[]]>([
    ['nothing touched', {}, []],
    [
      'a value typed back to what is stored is no change',
      { theme: 'system', portalUrl: ' https://portal.example.com ', connectivityCheckSeconds: '60' },
      [],
    ],
    ['each changed field, in the order of the page', { updateFeedUrl: 'https://u.example', theme: 'dark' }, ['theme', 'updateFeedUrl']],
  ])('changed fields: %s', (_name, draft, expected) => {
    expect(changedFields(stored, draft)).toEqual(expected);
  });

  it('the patch: changed fields only, addresses trimmed and empty as none, intervals as numbers', () => {
    expect(patchFromDraft(stored, { theme: 'dark', portalUrl: '  ', syncIntervalMinutes: ' 15 ', connectivityCheckSeconds: '60' })).toEqual(
      {
        ok: true,
        patch: { theme: 'dark', portalUrl: null, syncIntervalMinutes: 15 },
      },
    );
  });

  it('an interval that is not a whole number is named, and nothing is sent', () => {
    expect(patchFromDraft(stored, { connectivityCheckSeconds: '1.5', syncIntervalMinutes: 'x', theme: 'dark' })).toEqual({
      ok: false,
      notWholeNumbers: ['connectivityCheckSeconds', 'syncIntervalMinutes'],
    });
  });
});
