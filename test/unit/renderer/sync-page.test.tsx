// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { SyncRunResult, SyncState } from '../../../core/sync/contract';
import { SyncPage } from '../../../renderer/src/pages/sync/SyncPage';
import { FakeCore } from './fake-core';
import { renderWithCore } from './render-app';

function fact(label: string): HTMLElement {
  return within(screen.getByRole('group', { name: label })).getByRole('definition');
}

function signedInCore(): FakeCore {
  const core = new FakeCore();
  core.session = { loggedIn: true, username: 'demo', partnerName: 'Demo Partner', portalUrl: 'http://127.0.0.1:4100' };
  core.sync = { ...core.sync, online: true, loginNeeded: false, portalUrl: 'http://127.0.0.1:4100' };
  return core;
}

function state(core: FakeCore, change: Partial<SyncState>): SyncState {
  const { cursor: _cursor, cached: _cached, ...current } = core.sync;
  return { ...current, ...change };
}

describe('Sync page', () => {
  it('shows the portal, the user, never synced, and the cached counts', async () => {
    const core = signedInCore();
    core.sync.cached = { skus: 6, systems: 25, featureKeys: 1500 };
    renderWithCore(<SyncPage />, core);
    await waitFor(() => expect(fact('Feature keys').textContent).toBe('1,500'));
    expect(fact('Portal address').textContent).toBe('http://127.0.0.1:4100');
    expect(fact('Signed in as').textContent).toBe('demo');
    expect(fact('Portal').textContent).toBe('Online');
    expect(fact('Last successful sync').textContent).toBe('Never');
    expect(fact('SKUs').textContent).toBe('6');
    expect(fact('Systems').textContent).toBe('25');
    expect(document.body.textContent).not.toMatch(/outbox|pending|coming soon/i);
  });

  it('follows sync.state and sync.progress: a bar with the count while running, counts reloaded after', async () => {
    const core = signedInCore();
    renderWithCore(<SyncPage />, core);
    await waitFor(() => expect(fact('Feature keys').textContent).toBe('0'));
    const syncNow = screen.getByRole<HTMLButtonElement>('button', { name: 'Sync now' });
    expect(syncNow.disabled).toBe(false);

    act(() => core.emit('sync.state', state(core, { running: true })));
    expect(screen.getByRole('progressbar', { name: 'Syncing' })).toBeTruthy();
    expect(syncNow.disabled).toBe(true);
    act(() => core.emit('sync.progress', { phase: 'pull', applied: 1200 }));
    expect(screen.getByText('Syncing… changes applied: 1,200')).toBeTruthy();

    core.sync = { ...core.sync, lastSuccessAt: '2026-10-09T12:00:00.000Z', cached: { skus: 6, systems: 25, featureKeys: 150 } };
    act(() => core.emit('sync.state', state(core, { running: false })));
    await waitFor(() => expect(fact('Feature keys').textContent).toBe('150'));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(fact('Last successful sync').textContent).toMatch(/2026/);
    expect(syncNow.disabled).toBe(false);
  });

  it('shows the last error with its message, and a way to sign in again when login is needed', async () => {
    const core = signedInCore();
    renderWithCore(<SyncPage />, core);
    await screen.findByRole('button', { name: 'Sync now' });

    act(() =>
      core.emit('sync.state', state(core, { online: false, lastError: { kind: 'offline', message: 'The portal cannot be reached.' } })),
    );
    let alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The last sync did not finish');
    expect(alert.textContent).toContain('The portal cannot be reached.');
    expect(within(alert).queryByRole('link', { name: 'Sign in again' })).toBeNull();
    expect(fact('Portal').textContent).toBe('Offline');

    act(() =>
      core.emit(
        'sync.state',
        state(core, { online: true, loginNeeded: true, lastError: { kind: 'login_needed', message: 'The portal asked for your password again.' } }),
      ),
    );
    alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The portal asked for your password again.');
    expect(within(alert).getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe('#/sign-in');
  });

  it('Sync now calls sync.now once and is disabled until it ends', async () => {
    const core = signedInCore();
    let finish: (result: SyncRunResult) => void = () => {};
    core.syncNow = () => new Promise((resolve) => (finish = resolve));
    renderWithCore(<SyncPage />, core);
    const button = await screen.findByRole<HTMLButtonElement>('button', { name: 'Sync now' });
    await waitFor(() => expect(button.disabled).toBe(false));
    fireEvent.click(button);
    expect(button.disabled).toBe(true);
    expect(core.callsTo('sync.now')).toEqual([{}]);
    core.sync = { ...core.sync, lastSuccessAt: '2026-10-09T12:00:00.000Z' };
    await act(async () => finish({ ok: true, applied: 3, fullResync: false, state: state(core, {}) }));
    await waitFor(() => expect(button.disabled).toBe(false));
    expect(fact('Last successful sync').textContent).toMatch(/2026/);
  });
});

describe('online badge and sync state', () => {
  it('the app bar badge follows sync.state as well as the connectivity check', async () => {
    const { AppShell } = await import('../../../renderer/src/shell/AppShell');
    const core = signedInCore();
    core.online = { online: true, portalUrl: 'http://127.0.0.1:4100', checkedAt: null };
    renderWithCore(
      <AppShell page="sync" title="Sync">
        <SyncPage />
      </AppShell>,
      core,
    );
    const badge = await within(screen.getByRole('banner')).findByRole('status');
    await waitFor(() => expect(badge.textContent).toBe('Online'));
    await screen.findByRole('button', { name: 'Sync now' });
    act(() => core.emit('sync.state', state(core, { online: false, lastError: { kind: 'offline', message: 'Cannot reach the portal.' } })));
    expect(badge.textContent).toBe('Offline');
    expect(within(screen.getByRole('banner')).getByText('demo')).toBeTruthy();
  });
});
