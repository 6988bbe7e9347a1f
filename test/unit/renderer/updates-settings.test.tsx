// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../../core/rpc/errors';
import type { UpdateState } from '../../../core/updates/contract';
import { SettingsPage } from '../../../renderer/src/pages/settings/SettingsPage';
import { FakeCore } from './fake-core';
import { renderWithCore } from './render-app';

async function renderSettings<C extends FakeCore>(core: C): Promise<C> {
  renderWithCore(<SettingsPage />, core);
  await screen.findByRole('heading', { name: 'Updates' });
  return core;
}

/** A core that plays the desktop app: the updater's state is set by the test and announced like the real one. */
function desktopCore(initial: UpdateState = { status: 'not-configured' }): FakeCore & { announce(state: UpdateState): void } {
  const core = new FakeCore();
  core.appInfo = { ...core.appInfo, host: 'electron' };
  core.updates = initial;
  return Object.assign(core, {
    announce(state: UpdateState) {
      core.updates = state;
      act(() => core.emit('updates.changed', state));
    },
  });
}

describe('Settings › Updates', () => {
  it('in the browser host: shows the version and says updates come with the installed app, with nothing to click', async () => {
    await renderSettings(new FakeCore());
    expect(await screen.findByText(/Updates come with the installed app/)).toBeTruthy();
    expect(screen.getByText('FieldKey 1.2.3 is running.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Check for updates' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Update feed address' })).toBeNull();
  });

  it('with no feed: says no checks are made, Check is off; a feed address is saved with Save, through settings.set', async () => {
    const core = await renderSettings(desktopCore());
    expect(await screen.findByText('No update feed is set, so FieldKey does not look for updates.')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Check for updates' }).disabled).toBe(true);

    fireEvent.change(screen.getByRole('textbox', { name: 'Update feed address' }), {
      target: { value: ' https://updates.example.com/fk/ ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(core.callsTo('settings.set')).toEqual([{ patch: { updateFeedUrl: 'https://updates.example.com/fk/' } }]));
    core.announce({ status: 'idle' });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Check for updates' }).disabled).toBe(false);
  });

  it('check → available → download with progress → Restart to update, each step a call the core receives', async () => {
    const core = await renderSettings(desktopCore({ status: 'idle' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Check for updates' }));
    await waitFor(() => expect(core.callsTo('updates.check')).toHaveLength(1));

    core.announce({ status: 'checking' });
    expect(screen.getByText('Looking for updates…')).toBeTruthy();
    core.announce({ status: 'available', version: '0.2.0' });
    expect(screen.getByText('FieldKey 0.2.0 is available.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Download 0.2.0' }));
    await waitFor(() => expect(core.callsTo('updates.download')).toHaveLength(1));

    core.announce({ status: 'downloading', version: '0.2.0', percent: 40 });
    expect(screen.getByRole('progressbar', { name: 'Update download' }).getAttribute('aria-valuenow')).toBe('40');
    expect(screen.getByText('Downloading FieldKey 0.2.0: 40 %')).toBeTruthy();

    core.announce({ status: 'downloaded', version: '0.2.0' });
    expect(screen.getByText('FieldKey 0.2.0 is downloaded. Restart FieldKey to install it.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Restart to update' }));
    await waitFor(() => expect(core.callsTo('updates.restart')).toHaveLength(1));
  });

  it('up to date: says which version and when it was checked', async () => {
    await renderSettings(desktopCore({ status: 'up-to-date', version: '1.2.3', checkedAt: '2026-12-04T12:00:00.000Z' }));
    expect(await screen.findByText(/FieldKey 1\.2\.3 is the latest version \(checked .+\)\./)).toBeTruthy();
  });

  it.each([
    [{ status: 'error', error: 'feed-unreachable' }, 'The update feed could not be reached.'],
    [{ status: 'error', error: 'feed-not-found' }, 'There is no update information (latest.yml) at the feed address.'],
    [{ status: 'error', error: 'feed-refused', httpStatus: 503 }, 'The update feed refused the request (HTTP 503).'],
    [{ status: 'error', error: 'feed-damaged' }, 'latest.yml cannot be read.'],
    [{ status: 'error', error: 'unexpected' }, 'The log has the details.'],
  ] as const)('a failed check (%o) is one clear sentence, and Check stays offered', async (state, sentence) => {
    await renderSettings(desktopCore(state));
    expect((await screen.findByRole('status')).textContent).toContain(sentence);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Check for updates' }).disabled).toBe(false);
  });

  it('a damaged download offers the download again', async () => {
    await renderSettings(desktopCore({ status: 'error', error: 'download-damaged', version: '0.2.0' }));
    expect((await screen.findByRole('status')).textContent).toContain('did not match its checksum');
    expect(screen.getByRole('button', { name: 'Download 0.2.0' })).toBeTruthy();
  });

  it("a feed address that is not http(s) shows the API's message under the field", async () => {
    const core = await renderSettings(desktopCore());
    core.failNext = {
      method: 'settings.set',
      error: new ApiError('VALIDATION', 'Invalid arguments', {
        fields: [
          {
            field: 'patch.updateFeedUrl',
            code: 'zod.custom',
            message: 'must be an http:// or https:// address, for example https://portal.example.com',
          },
        ],
      }),
    };
    const field = await screen.findByRole('textbox', { name: 'Update feed address' });
    fireEvent.change(field, { target: { value: 'ftp://x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(field.getAttribute('aria-describedby')!)?.textContent).toMatch(/^Must be an http:\/\/ or https:\/\//);
  });
});
