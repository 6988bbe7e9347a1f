// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AboutPage } from '../../../renderer/src/pages/about/AboutPage';
import { AppShell } from '../../../renderer/src/shell/AppShell';
import { FakeCore, FakeHostLink } from './fake-core';
import { renderWithCore } from './render-app';

function renderShell(core = new FakeCore(), link: FakeHostLink | null = null) {
  renderWithCore(
    <AppShell page="about" title="About">
      <AboutPage />
    </AppShell>,
    core,
    link,
  );
  return core;
}

function fact(label: string): HTMLElement {
  return within(screen.getByRole('group', { name: label })).getByRole('definition');
}

describe('app shell', () => {
  it('shows the app name and lists only the real pages as links', async () => {
    renderShell();
    const banner = screen.getByRole('banner');
    expect(banner.textContent).toContain('FieldKey');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    // Signed out: Sign in is offered, first.
    await waitFor(() =>
      expect(
        within(nav)
          .getAllByRole('link')
          .map((link) => [link.textContent, link.getAttribute('href')]),
      ).toEqual([
        ['Sign in', '#/sign-in'],
        ['Redeem', '#/redeem'],
        ['Codes', '#/codes'],
        ['Bulk redemption', '#/bulk'],
        ['Keys', '#/keys'],
        ['Quick Lookup', '#/lookup'],
        ['Systems', '#/systems'],
        ['Servers', '#/servers'],
        ['Sync', '#/sync'],
        ['Settings', '#/settings'],
        ['About', '#/about'],
      ]),
    );
    expect(within(nav).getByRole('link', { name: 'About' }).getAttribute('aria-current')).toBe('page');
    expect(document.body.textContent).not.toMatch(/coming soon/i);
    await screen.findByText('/data/fieldkey');
  });

  it('the online badge follows app.onlineChanged', async () => {
    const core = renderShell();
    const badge = await within(screen.getByRole('banner')).findByRole('status');
    expect(badge.textContent).toBe('Offline');

    act(() => core.emit('app.onlineChanged', { online: true, portalUrl: 'https://portal.example.com', checkedAt: '2026-10-09T12:00:00Z' }));
    expect(badge.textContent).toBe('Online');
    act(() =>
      core.emit('app.onlineChanged', { online: false, portalUrl: 'https://portal.example.com', checkedAt: '2026-10-09T12:01:00Z' }),
    );
    expect(badge.textContent).toBe('Offline');
  });

  it('while something waits for the portal, the app bar says how many and links to the Sync page', async () => {
    const core = new FakeCore();
    core.session = { loggedIn: true, username: 'demo', partnerName: 'Demo', portalUrl: 'https://portal.example.com' };
    renderShell(core);
    const banner = screen.getByRole('banner');
    await within(banner).findByRole('status');
    expect(within(banner).queryByRole('link', { name: /waiting|attention/ })).toBeNull();

    act(() => core.emit('sync.outbox', { counts: { pending: 2, inDoubt: 1, needsAttention: 0 }, operation: null }));
    const waiting = await within(banner).findByRole('link', { name: '3 waiting to send' });
    expect(waiting.getAttribute('href')).toBe('#/sync');

    act(() => core.emit('sync.outbox', { counts: { pending: 0, inDoubt: 0, needsAttention: 1 }, operation: null }));
    expect((await within(banner).findByRole('link', { name: '1 needs attention' })).getAttribute('href')).toBe('#/sync');

    act(() => core.emit('sync.outbox', { counts: { pending: 0, inDoubt: 0, needsAttention: 0 }, operation: null }));
    await waitFor(() => expect(within(banner).queryByRole('link', { name: /waiting|attention/ })).toBeNull());
  });

  it('the badge tooltip names the portal, or says none is configured', async () => {
    const core = renderShell();
    const chip = (await within(screen.getByRole('banner')).findByRole('status')).firstElementChild as HTMLElement;
    fireEvent.mouseOver(chip);
    expect((await screen.findByRole('tooltip')).textContent).toBe('No portal is configured. Add its address in Settings.');
    act(() => core.emit('app.onlineChanged', { online: true, portalUrl: 'https://portal.example.com', checkedAt: null }));
    await waitFor(() => expect(screen.getByRole('tooltip').textContent).toBe('The portal at https://portal.example.com answers.'));
  });

  it('shows the reconnecting banner only after a working link dropped, and hides it when back', async () => {
    const link = new FakeHostLink('connecting');
    const core = renderShell(new FakeCore(), link);
    const reconnecting = () => screen.queryByText('Lost the connection to FieldKey. Reconnecting…');

    expect(reconnecting()).toBeNull();
    act(() => link.set('connected'));
    expect(reconnecting()).toBeNull();

    act(() => link.set('disconnected'));
    expect(reconnecting()).not.toBeNull();
    act(() => link.set('connecting'));
    expect(reconnecting()).not.toBeNull();

    const loadsBefore = core.callsTo('app.info').length;
    act(() => link.set('connected'));
    await waitFor(() => expect(reconnecting()).toBeNull());
    // Events sent while the link was down are lost, so it loads again.
    await waitFor(() => expect(core.callsTo('app.info').length).toBeGreaterThan(loadsBefore));
  });
});

describe('About page', () => {
  it('shows version, host, data directory, database file and schema version', async () => {
    renderShell();
    await waitFor(() => expect(fact('Version').textContent).toBe('1.2.3'));
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toEqual(['About']);
    expect(fact('Running as').textContent).toBe('Browser host');
    expect(fact('Data directory').textContent).toBe('/data/fieldkey');
    expect(fact('Database file').textContent).toBe('/data/fieldkey/fieldkey.db');
    expect(fact('Database schema version').textContent).toBe('1');
    expect(fact('Portal address').textContent).toBe('Not configured');
    expect(fact('Last checked').textContent).toBe('Not checked yet');
  });

  it('names the desktop app when the core runs in Electron', async () => {
    const core = new FakeCore();
    core.appInfo.host = 'electron';
    renderShell(core);
    await waitFor(() => expect(fact('Running as').textContent).toBe('Desktop app'));
  });

  it('Check now calls app.checkOnline and shows when it was checked', async () => {
    const core = renderShell();
    await waitFor(() => expect(fact('Version').textContent).toBe('1.2.3'));
    fireEvent.click(screen.getByRole('button', { name: 'Check now' }));
    await waitFor(() => expect(fact('Last checked').textContent).not.toBe('Not checked yet'));
    expect(core.callsTo('app.checkOnline')).toEqual([{}]);
    expect(fact('Last checked').textContent).toMatch(/2026/);
  });
});

describe('a settings file set aside at start', () => {
  beforeEach(() => sessionStorage.clear());

  it('is told once: shown with where the old file went, gone for good once dismissed', async () => {
    const core = new FakeCore();
    core.appInfo.settingsFileSetAside = '/data/fieldkey/settings.json.unreadable-1764870000000';
    const first = renderWithCore(
      <AppShell page="about" title="About">
        <AboutPage />
      </AppShell>,
      core,
    );
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain('started with default settings');
    expect(notice.textContent).toContain('/data/fieldkey/settings.json.unreadable-1764870000000');
    fireEvent.click(within(notice).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByText(/started with default settings/)).toBeNull());
    first.unmount();

    // A reload in the same session does not bring it back.
    renderShell(core);
    await screen.findByRole('navigation', { name: 'Main' });
    await waitFor(() => expect(core.calls.some((call) => call.method === 'app.info')).toBe(true));
    expect(screen.queryByText(/started with default settings/)).toBeNull();
  });

  it('says nothing when the settings were read', async () => {
    renderShell();
    await waitFor(() => expect(fact('Version')).toBeTruthy());
    expect(screen.queryByText(/started with default settings/)).toBeNull();
  });
});
