// @vitest-environment jsdom
import type { Message } from '../../../core/messages/catalogue';
import { say } from '../../../core/messages/say';
import type { SyncError, SyncErrorKind } from '../../../core/sync/contract';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { SyncRunResult, SyncState } from '../../../core/sync/contract';
import { SyncPage } from '../../../renderer/src/pages/sync/SyncPage';
import { FakeCore, fakeRedemption, fakeSystemOperation } from './fake-core';
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
    expect(document.body.textContent).not.toMatch(/coming soon/i);
    expect(screen.getByText('Nothing is waiting for the portal.')).toBeTruthy();
  });

  it('offers Log out when signed in; afterwards it says not signed in', async () => {
    const core = signedInCore();
    renderWithCore(<SyncPage />, core);
    const main = await screen.findByRole('region', { name: 'Status' });
    fireEvent.click(within(main).getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(fact('Signed in as').textContent).toBe('Not signed in'));
    expect(core.calls.filter((c) => c.method === 'session.logout')).toHaveLength(1);
    expect(within(main).queryByRole('button', { name: 'Log out' })).toBeNull();
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
    expect(screen.getByRole('progressbar', { name: 'Syncing' }).getAttribute('aria-valuenow')).toBeNull(); // indeterminate
    act(() => core.emit('sync.progress', { phase: 'pull', applied: 1200 }));
    expect(screen.getByText('Syncing… changes applied: 1,200')).toBeTruthy();
    // A portal that tells its latest position gives a real bar.
    act(() => core.emit('sync.progress', { phase: 'pull', applied: 5000, fraction: 0.42 }));
    expect(screen.getByRole('progressbar', { name: 'Syncing' }).getAttribute('aria-valuenow')).toBe('42');

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
      core.emit(
        'sync.state',
        state(core, { online: false, lastError: syncError('offline', say('portalError.offline', { url: 'https://portal.example.com' })) }),
      ),
    );
    let alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The last sync did not finish');
    expect(alert.textContent).toContain('Cannot reach the portal at https://portal.example.com.');
    expect(within(alert).queryByRole('link', { name: 'Sign in again' })).toBeNull();
    expect(fact('Portal').textContent).toBe('Offline');

    act(() =>
      core.emit(
        'sync.state',
        state(core, {
          online: true,
          loginNeeded: true,
          lastError: syncError('login_needed', say('syncState.passwordAgain')),
        }),
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
    act(() =>
      core.emit(
        'sync.state',
        state(core, { online: false, lastError: syncError('offline', say('portalError.offline', { url: 'https://portal.example.com' })) }),
      ),
    );
    expect(badge.textContent).toBe('Offline');
    expect(within(screen.getByRole('banner')).getByText('demo')).toBeTruthy();
  });
  describe('the outbox', () => {
    it('counts and lists what waits for the portal, with the reason and the codes', async () => {
      const core = signedInCore();
      core.sync.outbox = { pending: 1, inDoubt: 1, needsAttention: 0 };
      core.outboxOperations = [
        {
          ...fakeRedemption(2, { mac: '000ADD023F8F', systemName: 'Front desk', authCodes: ['43XC98-68WTGB-CWMH53-YS4RA9'] }, 'in_doubt'),
          lastError: 'The portal did not answer within 15 s.',
        },
        fakeRedemption(1, { mac: '000ADD0C0FFE', authCodes: ['AAAAAA-BBBBBB-CCCCCC-DDDDDD', 'AAAAAA-BBBBBB-CCCCCC-EEEEEE'] }, 'pending'),
      ];
      renderWithCore(<SyncPage />, core);
      const table = await screen.findByRole('table', { name: 'Operations waiting for the portal' });
      expect(fact('Pending').textContent).toBe('1');
      expect(fact('In doubt').textContent).toBe('1');
      expect(fact('Needs attention').textContent).toBe('0');
      const rows = within(table).getAllByRole('row').slice(1);
      expect(rows.map((row) => within(row).getAllByRole('cell')[3]!.textContent)).toEqual(['In doubt', 'Pending']);
      expect(rows[0]!.textContent).toContain('00:0A:DD:02:3F:8F');
      expect(rows[0]!.textContent).toContain('Front desk');
      expect(rows[0]!.textContent).toContain('The portal did not answer within 15 s.');
      expect(rows[1]!.textContent).toContain('AAAAAA-BBBBBB-CCCCCC-EEEEEE');
      expect(screen.getByText(/never redeems a code twice/)).toBeTruthy();
      expect(within(table).queryByRole('button', { name: /Dismiss/ })).toBeNull();
    });

    it('lists systems from Add Systems beside redemptions: "Add system …" or "Rename …"', async () => {
      const core = signedInCore();
      core.sync.outbox = { pending: 3, inDoubt: 0, needsAttention: 1 };
      core.outboxOperations = [
        fakeSystemOperation(9, { mac: '000ADD023F8F', systemName: 'Front desk', action: 'add' }, 'pending'),
        fakeSystemOperation(8, { mac: '000ADD0C0FFE', systemName: null, action: 'add' }, 'pending'),
        fakeSystemOperation(7, { mac: '000ADD111111', systemName: 'Back office', action: 'rename' }, 'needs_attention'),
        fakeRedemption(6, { mac: '000ADD222222', authCodes: ['AAAAAA-BBBBBB-CCCCCC-DDDDDD'] }, 'pending'),
      ];
      renderWithCore(<SyncPage />, core);
      const table = await screen.findByRole('table', { name: 'Operations waiting for the portal' });
      const rows = within(table).getAllByRole('row').slice(1);
      expect(rows.map((row) => within(row).getAllByRole('cell')[2]!.textContent)).toEqual([
        'Add system 00:0A:DD:02:3F:8F “Front desk”',
        'Add system 00:0A:DD:0C:0F:FE',
        'Rename 00:0A:DD:11:11:11 to “Back office”',
        'AAAAAA-BBBBBB-CCCCCC-DDDDDD',
      ]);
      fireEvent.click(within(table).getByRole('button', { name: 'Dismiss the system change for 00:0A:DD:11:11:11' }));
      await waitFor(() => expect(core.calls.filter((c) => c.method === 'sync.dismiss').map((c) => c.args)).toEqual([{ id: 7 }]));
    });

    it('an answered redemption updates the cached counts (its keys are in the cache now)', async () => {
      const core = signedInCore();
      core.sync.cached = { skus: 6, systems: 25, featureKeys: 150 };
      renderWithCore(<SyncPage />, core);
      await waitFor(() => expect(fact('Feature keys').textContent).toBe('150'));
      core.sync.cached = { skus: 6, systems: 25, featureKeys: 152 };
      const done = fakeRedemption(
        5,
        { mac: '000ADD023F8F', authCodes: ['AAAAAA-BBBBBB-CCCCCC-DDDDDD', 'AAAAAA-BBBBBB-CCCCCC-EEEEEE'] },
        'done',
      );
      act(() => core.emit('sync.outbox', { counts: core.sync.outbox, operation: done }));
      await waitFor(() => expect(fact('Feature keys').textContent).toBe('152'));
    });

    it('a needs-attention operation stays until dismissed, and the list follows sync.outbox', async () => {
      const core = signedInCore();
      const refused = fakeRedemption(3, { mac: '000ADD023F8F', authCodes: ['43XC98-68WTGB-CWMH53-YS4RA9'] }, 'needs_attention', [
        { authCode: '43XC98-68WTGB-CWMH53-YS4RA9', status: 'already_redeemed', mac: '000ADD999999' },
      ]);
      refused.lastError = 'The code was not redeemed: 43XC98-68WTGB-CWMH53-YS4RA9 (already redeemed).';
      core.sync.outbox = { pending: 0, inDoubt: 0, needsAttention: 1 };
      core.outboxOperations = [refused];
      renderWithCore(<SyncPage />, core);
      const dismiss = await screen.findByRole('button', { name: 'Dismiss the redemption for 00:0A:DD:02:3F:8F' });
      expect(screen.getByText(/already redeemed/)).toBeTruthy();

      fireEvent.click(dismiss);
      await waitFor(() => expect(core.calls.filter((c) => c.method === 'sync.dismiss').map((c) => c.args)).toEqual([{ id: 3 }]));
      await screen.findByText('Nothing is waiting for the portal.');

      // Something queued elsewhere (the Redeem page) shows up without a reload.
      core.outboxOperations = [fakeRedemption(4, { mac: '000ADD0C0FFE', authCodes: ['AAAAAA-BBBBBB-CCCCCC-DDDDDD'] }, 'pending')];
      core.sync.outbox = { pending: 1, inDoubt: 0, needsAttention: 0 };
      act(() => core.emit('sync.outbox', { counts: core.sync.outbox, operation: core.outboxOperations[0] }));
      await waitFor(() => expect(fact('Pending').textContent).toBe('1'));
      expect(await screen.findByText('00:0A:DD:0C:0F:FE')).toBeTruthy();
    });
  });
});

/** A sync failure as the engine reports it: kind, message (code, params) and its English. */
function syncError(kind: SyncErrorKind, said: Message): SyncError {
  return { kind, message: said.message, said };
}
