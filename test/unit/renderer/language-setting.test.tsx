// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { App } from '../../../renderer/src/App';
import { CoreProvider } from '../../../renderer/src/api/CoreProvider';
import { createI18n } from '../../../renderer/src/i18n/i18n';
import { SettingsPage } from '../../../renderer/src/pages/settings/SettingsPage';
import { ThemeModeProvider } from '../../../renderer/src/theme/ThemeModeProvider';
import { FakeCore } from './fake-core';

/** An i18n instance in `language` (fr.json holds the French). */
function i18nWithFrench(language: 'en' | 'fr') {
  return createI18n(language);
}

function renderSettings(core: FakeCore, language: 'en' | 'fr' = 'en') {
  render(
    <I18nextProvider i18n={i18nWithFrench(language)}>
      <CoreProvider client={core.client} link={null}>
        <ThemeModeProvider>
          <SettingsPage />
        </ThemeModeProvider>
      </CoreProvider>
    </I18nextProvider>,
  );
}

/** Opens the Language select and gives its options' names (and their lang attributes). */
async function languageOptions() {
  fireEvent.mouseDown(await screen.findByRole('combobox', { name: /^(Language|Langue)$/ }));
  const listbox = await screen.findByRole('listbox');
  return within(listbox)
    .getAllByRole('option')
    .map((option) => ({ name: option.textContent, lang: option.getAttribute('lang') }));
}

describe('Settings → Language', () => {
  afterEach(() => vi.restoreAllMocks());

  it('offers System (naming the system language), English and Français, each language by its own name', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE', 'fr-CH', 'en-US']);
    renderSettings(new FakeCore());
    expect(await languageOptions()).toEqual([
      { name: 'System (French)', lang: null },
      { name: 'English', lang: 'en' },
      { name: 'Français', lang: 'fr' },
    ]);
  });

  it('in French, System is named in French and the two languages keep their own names', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-GB']);
    renderSettings(new FakeCore(), 'fr');
    expect(await languageOptions()).toEqual([
      { name: 'Système (anglais)', lang: null },
      { name: 'English', lang: 'en' },
      { name: 'Français', lang: 'fr' },
    ]);
  });

  it('choosing Français is a change like any other: saved by Save, through settings.set', async () => {
    const core = new FakeCore();
    renderSettings(core);
    await languageOptions();
    fireEvent.click(screen.getByRole('option', { name: 'Français' }));
    expect(await screen.findByText('1 unsaved change')).toBeTruthy();
    expect(core.callsTo('settings.set')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(core.callsTo('settings.set')).toEqual([{ patch: { language: 'fr' } }]));
    expect(core.settings.language).toBe('fr');
  });

  it('the whole app follows settings.changed at once: <html lang>, the page and the window title', async () => {
    const core = new FakeCore();
    window.history.replaceState(null, '', '/#/settings');
    await act(async () => {
      render(
        <I18nextProvider i18n={i18nWithFrench('en')}>
          <App connecting={Promise.resolve({ kind: 'connected', client: core.client, link: null })} />
        </I18nextProvider>,
      );
    });
    expect(await screen.findByRole('combobox', { name: 'Language' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Settings – FieldKey');

    // Another window saved French: this one follows without a reload.
    act(() => core.emit('settings.changed', { ...core.settings, language: 'fr' }));
    expect(await screen.findByRole('combobox', { name: 'Langue' })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe('fr'));
    expect(document.title).toBe('Paramètres – FieldKey');

    act(() => core.emit('settings.changed', { ...core.settings, language: 'en' }));
    expect(await screen.findByRole('combobox', { name: 'Language' })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    expect(document.title).toBe('Settings – FieldKey');
  });
});
