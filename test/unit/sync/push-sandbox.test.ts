/**
 * The push half of sync (the outbox) against the real sandbox portal over 127.0.0.1, into real
 * SQLite files: redeem online, queue offline, replay after a lost answer, Retry-After, hangs,
 * 401, 410, business refusals, and a client clock that is a day off.
 */
import type { ApiError } from '../../../core/rpc/errors';
import type { Events } from '../../../core/api/contract';
import type { OutboxChange } from '../../../core/sync/contract';
import { backoffMs, BACKOFF_CAP_MS } from '../../../core/sync/push';
import { useSandboxCores } from '../../support/sandbox-cores';
import { redemptionsRecorded, unredeemedCodes } from '../../support/sandbox-portal';
import type { SyncTestCore } from '../../support/sync-core';

const DAY = 24 * 60 * 60 * 1000;
const MAC = '000ADD0C0FFE';

describe('sync: push the outbox to the sandbox portal', () => {
  const { portal, core, signedInCore: loggedInApp, restartPortal } = useSandboxCores();

  const freshCodes = async (n: number) => (await unredeemedCodes(portal)).slice(0, n).map((c) => c.code);

  const outboxEvents = (app: SyncTestCore) => {
    const seen: OutboxChange[] = [];
    app.core.events.subscribe((name, payload) => {
      if (name === 'sync.outbox') seen.push(payload as Events['sync.outbox']);
    });
    return seen;
  };

  const submitError = async (app: SyncTestCore, args: Parameters<SyncTestCore['client']['invoke']>[1]) => {
    try {
      await app.client.invoke('redeem.submit', args as never);
    } catch (err) {
      return err as ApiError;
    }
    throw new Error('redeem.submit did not fail');
  };

  it('online: the redemption is answered at once, its keys are in the cache, nothing stays queued', async () => {
    const app = await loggedInApp();
    const events = outboxEvents(app);
    const codes = await freshCodes(3);
    const result = await app.client.invoke('redeem.submit', {
      mac: '00:0a:dd:0c:0f:fe',
      systemName: 'Front desk',
      authCodes: [codes[0]!.toLowerCase().replaceAll('-', ''), codes[1]!, codes[2]!],
    });
    expect(result.queued).toBe(false);
    expect(result.operation.status).toBe('done');
    expect(result.operation.results!.map((r) => [r.authCode, r.status])).toEqual(codes.map((c) => [c, 'redeemed']));
    const keys = app.core.db.prepare('SELECT auth_code, feature_key, mac FROM feature_keys WHERE mac = ? ORDER BY auth_code').all(MAC) as {
      feature_key: string;
    }[];
    expect(keys).toHaveLength(3);
    expect(keys.map((k) => k.feature_key).sort()).toEqual(result.operation.results!.map((r) => r.featureKey).sort());
    expect(app.core.db.prepare('SELECT name FROM systems WHERE mac = ?').pluck().get(MAC)).toBe('Front desk');
    expect((await app.client.invoke('sync.status')).outbox).toEqual({ pending: 0, inDoubt: 0, needsAttention: 0 });
    expect(events.map((e) => e.operation?.status)).toEqual(['pending', 'in_flight', 'done']);
    expect(app.core.db.prepare('SELECT count(*) FROM outbox_codes').pluck().get()).toBe(0);
    const recorded = redemptionsRecorded(portal.dataFile);
    expect(codes.map((c) => recorded.get(c))).toEqual([1, 1, 1]);
  });

  it('malformed input is refused before anything is queued, naming the field', async () => {
    const app = await loggedInApp();
    const [code] = (await freshCodes(1)) as [string];
    const badMac = await submitError(app, { mac: '00:0A:DD:02:3F', authCodes: [code] });
    expect(badMac.code).toBe('VALIDATION');
    expect(badMac.details).toEqual({
      fields: [{ field: 'mac', code: 'mac.wrongLength', message: expect.stringMatching(/12 hex digits/), params: { digits: 10 } }],
    });
    const dup = await submitError(app, { mac: MAC, authCodes: [code, code!.toLowerCase(), 'ABC'] });
    expect(dup.details).toEqual({
      fields: [
        { field: 'authCodes.1', code: 'code.duplicate', message: 'Same code as Auth Code 1.', params: { of: 1 } },
        { field: 'authCodes.2', code: 'code.tooShort', message: expect.stringMatching(/Too short/), params: { length: 3 } },
      ],
    });
    expect(app.core.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
  });

  it('offline: the redemption is queued durably, cannot be queued twice, and goes out once when the portal is back', async () => {
    const app = await loggedInApp();
    const codes = await freshCodes(2);
    await portal.close();

    const queued = await app.client.invoke('redeem.submit', { mac: MAC, authCodes: codes });
    expect(queued.queued).toBe(true);
    // Refused outright: pending; a kept-alive connection cut as it was used: in doubt. Either is safe.
    expect(['pending', 'in_doubt']).toContain(queued.operation.status);
    expect(queued.queuedReason?.message).toMatch(/cannot be reached/);
    expect(app.scheduler.delays.at(-1)).toBeGreaterThanOrEqual(1000); // a backoff, not a busy loop

    const again = await submitError(app, { mac: MAC, authCodes: [codes[1]!] });
    expect(again.code).toBe('CONFLICT');
    expect(again.details).toEqual({ authCodes: [codes[1]] });
    const listed = await app.client.invoke('sync.outbox', {});
    expect(listed.operations.map((o) => o.id)).toEqual([queued.operation.id]);
    expect(listed.counts.pending + listed.counts.inDoubt).toBe(1);

    await restartPortal();
    const run = await app.client.invoke('sync.now');
    expect(run.ok).toBe(true);
    const done = app.core.outbox.get(queued.operation.id)!;
    expect(done.status).toBe('done');
    expect(done.attempts).toBe(2);
    const recorded = redemptionsRecorded(portal.dataFile);
    expect(codes.map((c) => recorded.get(c))).toEqual([1, 1]);
  });

  it('the portal commits then the answer is cut: in doubt, and the replay with the same key gets the first answer', async () => {
    const app = await loggedInApp();
    const codes = await freshCodes(2);
    portal.faults.arm({ kind: 'cut_after_commit' });
    const first = await app.client.invoke('redeem.submit', { mac: MAC, authCodes: codes });
    expect(first.queued).toBe(true);
    expect(first.operation.status).toBe('in_doubt');
    expect(first.operation.lastError).toMatch(/sent again safely/);

    await app.client.invoke('sync.now');
    const replayed = app.core.outbox.getRedemption(first.operation.id)!;
    expect(replayed.status).toBe('done');
    expect(replayed.results!.map((r) => r.status)).toEqual(['redeemed', 'redeemed']);
    expect(replayed.idempotencyKey).toBe(first.operation.idempotencyKey);
    const recorded = redemptionsRecorded(portal.dataFile);
    expect(codes.map((c) => recorded.get(c))).toEqual([1, 1]);
  });

  it.each([
    ['unavailable', 503],
    ['rate_limit', 429],
  ] as const)('%s (%i) with Retry-After: the queue waits exactly as long as the portal asked', async (kind, _status) => {
    const app = await loggedInApp();
    const [code] = await freshCodes(1);
    portal.faults.arm({ kind, retryAfterSeconds: 7 });
    const before = app.scheduler.delays.length;
    const result = await app.client.invoke('redeem.submit', { mac: MAC, authCodes: [code!] });
    expect(result.queued).toBe(true);
    expect(result.operation.status).toBe('pending');
    expect(result.operation.lastError).toMatch(/busy/);
    expect(app.scheduler.delays.slice(before)).toContain(7000);

    app.scheduler.fire(); // the time has come
    await expect.poll(() => app.core.outbox.get(result.operation.id)!.status, { timeout: 10_000 }).toBe('done');
    expect(redemptionsRecorded(portal.dataFile).get(code!)).toBe(1);
  });

  it('a hang times out, leaves the redemption in doubt, and the retry completes it once', async () => {
    const app = await loggedInApp({ portalTimeoutMs: 400 });
    const [code] = await freshCodes(1);
    portal.faults.arm({ kind: 'hang' });
    const result = await app.client.invoke('redeem.submit', { mac: MAC, authCodes: [code!] });
    expect(result.operation.status).toBe('in_doubt');
    expect(result.operation.lastError).toMatch(/did not answer/);
    await app.client.invoke('sync.now');
    expect(app.core.outbox.get(result.operation.id)!.status).toBe('done');
    expect(redemptionsRecorded(portal.dataFile).get(code!)).toBe(1);
  });

  it('401 pauses the queue and asks for the password; after signing in it goes out', async () => {
    const app = await loggedInApp();
    const [code] = await freshCodes(1);
    // The portal forgets the session (as after a password change elsewhere).
    const token = await readToken(app);
    expect((await portal.call('DELETE', '/api/v1/session', { token })).status).toBeLessThan(300);

    const before = app.scheduler.delays.length;
    const result = await app.client.invoke('redeem.submit', { mac: MAC, authCodes: [code!] });
    expect(result.queued).toBe(true);
    expect(result.operation.status).toBe('pending');
    expect(result.queuedReason?.message).toMatch(/Sign in/);
    const state = await app.client.invoke('sync.status');
    expect(state.loginNeeded).toBe(true);
    expect(app.scheduler.delays.slice(before)).toEqual([]); // paused: nothing retries by itself

    await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
    await expect.poll(() => app.core.outbox.get(result.operation.id)!.status, { timeout: 10_000 }).toBe('done');
    expect(redemptionsRecorded(portal.dataFile).get(code!)).toBe(1);
  });

  it('a refused code needs attention (listed, still reserved) until dismissed; the others in its batch are redeemed', async () => {
    const app = await loggedInApp();
    const codes = await freshCodes(2);
    // Someone else redeems the first code on the portal directly.
    const token = await portal.login();
    await portal.call('POST', '/api/v1/redemptions', {
      token,
      key: 'elsewhere-0001',
      body: { mac: '000ADD999999', authCodes: [codes[0]] },
    });

    const result = await app.client.invoke('redeem.submit', { mac: MAC, authCodes: codes });
    expect(result.queued).toBe(false);
    expect(result.operation.status).toBe('needs_attention');
    expect(result.operation.results!.map((r) => r.status)).toEqual(['already_redeemed', 'redeemed']);
    expect(result.operation.lastError).toBe(`1 of 2 codes were not redeemed: ${codes[0]} (already redeemed).`);
    expect((await app.client.invoke('sync.status')).outbox.needsAttention).toBe(1);

    // Still listed after a restart of the sync engine and a pull; its code cannot be queued again.
    await app.client.invoke('sync.now');
    expect((await app.client.invoke('sync.outbox', {})).operations.map((o) => o.status)).toEqual(['needs_attention']);
    expect((await submitError(app, { mac: MAC, authCodes: [codes[0]!] })).code).toBe('CONFLICT');
    // The redeemed one is released: the cache knows it now.
    expect(app.core.db.prepare('SELECT auth_code FROM outbox_codes').pluck().all()).toEqual([codes[0]!.replaceAll('-', '')]);

    const dismissed = await app.client.invoke('sync.dismiss', { id: result.operation.id });
    expect(dismissed.status).toBe('dismissed');
    expect((await app.client.invoke('sync.outbox', {})).operations).toEqual([]);
    expect((await app.client.invoke('sync.outbox', { statuses: ['dismissed'] })).operations).toHaveLength(1);
    // Once dismissed, the code may be queued again (the portal answers already redeemed again).
    const again = await app.client.invoke('redeem.submit', { mac: MAC, authCodes: [codes[0]!] });
    expect(again.operation.status).toBe('needs_attention');
    const notDismissable = await app.client.invoke('sync.dismiss', { id: result.operation.id }).catch((err: ApiError) => err);
    expect((notDismissable as ApiError).code).toBe('CONFLICT');
  });

  it('a 410 on the change feed rebuilds the cache and leaves the outbox exactly as it was', async () => {
    const app = await loggedInApp();
    const codes = await freshCodes(2);
    const token = await portal.login();
    await portal.call('POST', '/api/v1/redemptions', {
      token,
      key: 'elsewhere-0002',
      body: { mac: '000ADD999999', authCodes: [codes[0]] },
    });
    await app.client.invoke('redeem.submit', { mac: MAC, authCodes: codes }); // needs attention
    const outboxBefore = app.core.db.prepare('SELECT * FROM outbox ORDER BY id').all();
    const reservedBefore = app.core.db.prepare('SELECT * FROM outbox_codes ORDER BY auth_code').all();

    // Enough churn that compaction removes entries past the app's cursor.
    for (const [i, name] of ['A', 'B', 'A'].entries()) {
      await portal.call('POST', '/api/v1/systems', { token, key: `rename-${i}-0000`, body: { mac: '000ADD999999', systemName: name } });
    }
    await app.client.invoke('sync.now');
    await portal.call('POST', '/api/v1/systems', { token, key: 'rename-3-0000', body: { mac: '000ADD999999', systemName: 'C' } });
    await portal.call('POST', '/api/v1/systems', { token, key: 'rename-4-0000', body: { mac: '000ADD999999', systemName: 'D' } });
    app.core.db.prepare(`UPDATE sync_state SET value = '1' WHERE name = 'cursor'`).run();
    portal.faults.compactChanges();

    const run = await app.client.invoke('sync.now');
    expect(run.ok).toBe(true);
    expect(run.fullResync).toBe(true);
    expect(app.core.db.prepare('SELECT * FROM outbox ORDER BY id').all()).toEqual(outboxBefore);
    expect(app.core.db.prepare('SELECT * FROM outbox_codes ORDER BY auth_code').all()).toEqual(reservedBefore);
    expect(app.core.db.prepare('SELECT count(*) FROM feature_keys WHERE auth_code = ?').pluck().get(codes[1]!.replaceAll('-', ''))).toBe(1);
  });

  it.each([
    ['a day ahead', DAY],
    ['a day behind', -DAY],
  ])('a client clock %s changes nothing: redeemed once, and Retry-After is still the portal’s 5 s', async (_label, skew) => {
    const app = await loggedInApp({ now: () => new Date(Date.now() + skew) });
    const codes = await freshCodes(2);
    expect((await app.client.invoke('redeem.submit', { mac: MAC, authCodes: [codes[0]!] })).operation.status).toBe('done');
    portal.faults.arm({ kind: 'unavailable', retryAfterSeconds: 5 });
    const before = app.scheduler.delays.length;
    const busy = await app.client.invoke('redeem.submit', { mac: MAC, authCodes: [codes[1]!] });
    expect(busy.operation.status).toBe('pending');
    expect(app.scheduler.delays.slice(before)).toContain(5000);
    app.scheduler.fire();
    await expect.poll(() => app.core.outbox.get(busy.operation.id)!.status, { timeout: 10_000 }).toBe('done');
    const recorded = redemptionsRecorded(portal.dataFile);
    expect(codes.map((c) => recorded.get(c))).toEqual([1, 1]);
  });

  it('after a crash mid-send the operation is in doubt at start-up and is replayed with its key', async () => {
    const app = await loggedInApp();
    const [code] = await freshCodes(1);
    portal.faults.arm({ kind: 'cut_after_commit' });
    const sent = await app.client.invoke('redeem.submit', { mac: MAC, authCodes: [code!] });
    // As if the process had died after the request left: the row says in flight.
    app.core.db.prepare(`UPDATE outbox SET status = 'in_flight' WHERE id = ?`).run(sent.operation.id);
    const dataDir = app.dataDir;
    app.close();

    const restarted = core({ dataDir });
    expect(restarted.core.outbox.get(sent.operation.id)!.status).toBe('in_doubt');
    restarted.scheduler.fire(); // the start-up push
    await expect.poll(() => restarted.core.outbox.get(sent.operation.id)!.status, { timeout: 10_000 }).toBe('done');
    expect(redemptionsRecorded(portal.dataFile).get(code!)).toBe(1);
  });
});

describe('backoff', () => {
  it.each([
    [1, 0, 1000],
    [1, 0.999, 1999],
    [2, 0, 2000],
    [3, 0.5, 6000],
    [6, 0, 32_000],
    [40, 0, BACKOFF_CAP_MS / 2],
    [40, 0.999, BACKOFF_CAP_MS * 0.9995],
  ])('after %i failed sends with jitter %f: %i ms', (failed, random, expected) => {
    expect(backoffMs(failed, random)).toBe(Math.round(expected));
  });
});

async function readToken(app: SyncTestCore): Promise<string> {
  const { FileSecretStore, portalTokenSecretName, SECRETS_FILE_NAME } = await import('../../../core/secrets/secret-store');
  const path = await import('node:path');
  const store = new FileSecretStore(path.join(app.dataDir, SECRETS_FILE_NAME));
  const url = (await app.client.invoke('sync.status')).portalUrl!;
  return (await store.get(portalTokenSecretName(url)))!;
}
