/**
 * The pull half of sync against the real sandbox portal over 127.0.0.1, into real SQLite files.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SyncProgress, SyncState } from '../../../core/sync/contract';
import { DEMO_COUNTS } from '../../../portal-sandbox/seed';
import { useSandboxCores } from '../../support/sandbox-cores';
import { unredeemedCodes } from '../../support/sandbox-portal';
import { cacheContents } from '../../support/sync-core';

const DAY = 24 * 60 * 60 * 1000;

describe('sync: pull from the sandbox portal', () => {
  const { portal, core, signedInCore } = useSandboxCores({ enableFaults: true });
  /** /api/v1/changes requests the app made. */
  let changeRequests: string[];

  const countingFetch: typeof fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/api/v1/changes')) changeRequests.push(url.slice(url.indexOf('/api/v1')));
    return fetch(input, init);
  };

  /** An app on a fresh data dir, logged in, with the pull after login finished. */
  const loggedInApp = (options: { now?: () => Date; portalTimeoutMs?: number; pageSize?: number } = {}) =>
    signedInCore({ fetch: countingFetch, ...options });

  const redeemOne = async (mac = '000ADDABC001') => {
    const [code] = await unredeemedCodes(portal);
    const token = await portal.login();
    const res = await portal.call('POST', '/api/v1/redemptions', {
      token,
      key: `test-${code!.code}`,
      body: { mac, systemName: 'Lab bench', authCodes: [code!.code] },
    });
    expect(res.status).toBe(200);
    return code!.code;
  };

  beforeEach(() => {
    changeRequests = [];
  });

  it('the first pull applies every SKU, system and key of the demo seed, keys exactly as the portal has them', async () => {
    const app = core({ fetch: countingFetch, pageSize: 40 });
    const progress: SyncProgress[] = [];
    const states: SyncState[] = [];
    app.client.on('sync.progress', (p) => progress.push(p));
    app.client.on('sync.state', (s) => states.push(s));
    await app.client.invoke('app.checkOnline');
    await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
    const result = await app.client.invoke('sync.now');

    expect(result.ok).toBe(true);
    const status = await app.client.invoke('sync.status');
    expect(status.cached.featureKeys).toBe(DEMO_COUNTS.redeemedKeys);
    expect(status.cached.systems).toBe(DEMO_COUNTS.systems);
    expect(status.cached.skus).toBeGreaterThanOrEqual(5);
    expect(status).toMatchObject({ running: false, loginNeeded: false, lastError: null, online: true, portalUrl: portal.url });
    expect(status.lastSuccessAt).not.toBeNull();
    expect(status.cursor).toBeGreaterThan(0);

    // Keys and auth codes as the portal's own lookup gives them (codes stored compact).
    const token = await portal.login();
    const mac = app.core.db.prepare('SELECT mac FROM feature_keys LIMIT 1').pluck().get() as string;
    const portalKeys = (
      (await (await portal.call('GET', `/api/v1/systems/${mac}/keys`, { token })).json()) as {
        keys: { authCode: string; featureKey: string }[];
      }
    ).keys;
    const localKeys = app.core.db.prepare('SELECT auth_code, feature_key FROM feature_keys WHERE mac = ? ORDER BY auth_code').all(mac);
    expect(localKeys).toEqual(
      portalKeys
        .map((k) => ({ auth_code: k.authCode.replace(/-/g, ''), feature_key: k.featureKey }))
        .sort((a, b) => a.auth_code.localeCompare(b.auth_code)),
    );

    // Progress counts up page by page and ends with done; the state went running → idle.
    await new Promise((resolve) => setImmediate(resolve));
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toMatchObject({ phase: 'done' });
    const applied = progress.map((p) => p.applied);
    expect(applied).toEqual([...applied].sort((a, b) => a - b));
    // The portal tells its latest position, so the bar fills from near 0 to 1.
    const fractions = progress.flatMap((p) => (p.fraction === undefined ? [] : [p.fraction]));
    expect(fractions.length).toBeGreaterThan(3);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[0]).toBeLessThan(0.5);
    expect(fractions.at(-1)).toBe(1);
    expect(states.some((s) => s.running)).toBe(true);
    expect(states.at(-1)?.running).toBe(false);
  });

  it('an incremental pull after a redemption on the portal applies only that change', async () => {
    const app = await loggedInApp();
    const before = (await app.client.invoke('sync.status')).cursor;
    const code = await redeemOne();
    changeRequests = [];
    const result = await app.client.invoke('sync.now');
    expect(result).toMatchObject({ ok: true, applied: 2, fullResync: false }); // the new system and the key
    expect(changeRequests).toEqual([`/api/v1/changes?cursor=${before}&limit=5000`]);
    const row = app.core.db.prepare('SELECT mac, feature_key FROM feature_keys WHERE auth_code = ?').get(code.replace(/-/g, ''));
    expect(row).toMatchObject({ mac: '000ADDABC001' });
    expect((await app.client.invoke('sync.status')).cached.featureKeys).toBe(DEMO_COUNTS.redeemedKeys + 1);
  });

  it('410 (cursor no longer served): full resync from 0 that keeps every outbox row', async () => {
    const app = await loggedInApp();
    const now = new Date().toISOString();
    const insertOutbox = app.core.db.prepare(
      "INSERT INTO outbox (idempotency_key, kind, payload, status, created_at, updated_at) VALUES (?, 'redeem', ?, ?, ?, ?)",
    );
    insertOutbox.run(
      'outbox-key-0001',
      JSON.stringify({ mac: '000ADD000001', authCodes: ['AAAAAA-BBBBBB-CCCCCC-DDDDDD'] }),
      'pending',
      now,
      now,
    );
    insertOutbox.run(
      'outbox-key-0002',
      JSON.stringify({ mac: '000ADD000002', authCodes: ['AAAAAA-BBBBBB-CCCCCC-EEEEEE'] }),
      'needs_attention',
      now,
      now,
    );
    const outboxBefore = app.core.db.prepare('SELECT * FROM outbox ORDER BY id').all();
    // A key the portal no longer has must go: the cache is rebuilt, not merged.
    app.core.db
      .prepare(
        "INSERT INTO feature_keys (auth_code, feature_key, sku, mac, redeemed_at, updated_at) SELECT 'ZZZZZZZZZZZZZZZZZZZZZZZZ', 'gone-gone', sku, mac, redeemed_at, updated_at FROM feature_keys LIMIT 1",
      )
      .run();

    await redeemOne();
    const compacted = await (await fetch(`${portal.url}/sandbox/compact-changes`, { method: 'POST' })).json();
    expect(compacted).toMatchObject({ removed: expect.any(Number) });

    const result = await app.client.invoke('sync.now');
    expect(result).toMatchObject({ ok: true, fullResync: true });
    expect(app.core.db.prepare('SELECT * FROM outbox ORDER BY id').all()).toEqual(outboxBefore);
    expect(app.core.db.prepare("SELECT count(*) FROM feature_keys WHERE auth_code = 'ZZZZZZZZZZZZZZZZZZZZZZZZ'").pluck().get()).toBe(0);
    expect((await app.client.invoke('sync.status')).cached.featureKeys).toBe(DEMO_COUNTS.redeemedKeys + 1);
    expect(app.core.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('503 with Retry-After: the next pull is scheduled no sooner than the portal asked, then succeeds', async () => {
    const app = await loggedInApp();
    await redeemOne();
    portal.faults.arm({ kind: 'unavailable', retryAfterSeconds: 120 });
    const result = await app.client.invoke('sync.now');
    expect(result.ok).toBe(false);
    expect(result.state.lastError).toMatchObject({ kind: 'retry_later' });
    expect(result.state.online).toBe(true);
    expect(app.scheduler.delays.at(-1)).toBeGreaterThanOrEqual(120_000);
    expect(Date.parse(result.state.nextPullAt!) - Date.now()).toBeGreaterThan(110_000);

    app.scheduler.fire(); // the time has come
    await vi.waitFor(async () => expect((await app.client.invoke('sync.status')).lastError).toBeNull());
    expect((await app.client.invoke('sync.status')).cached.featureKeys).toBe(DEMO_COUNTS.redeemedKeys + 1);
  });

  it('429 with Retry-After is honoured the same way', async () => {
    const app = await loggedInApp();
    portal.faults.arm({ kind: 'rate_limit', retryAfterSeconds: 30 });
    const result = await app.client.invoke('sync.now');
    expect(result.state.lastError?.kind).toBe('retry_later');
    expect(app.scheduler.delays.at(-1)).toBeGreaterThanOrEqual(30_000);
  });

  it('a portal that hangs: the pull times out, says so, and the cache and cursor stay as they were', async () => {
    const app = await loggedInApp({ portalTimeoutMs: 300 });
    const before = await app.client.invoke('sync.status');
    await redeemOne();
    portal.faults.arm({ kind: 'hang' });
    const result = await app.client.invoke('sync.now');
    expect(result.ok).toBe(false);
    expect(result.state.lastError?.kind).toBe('timeout');
    expect(result.state.lastError?.message).toMatch(/did not answer/);
    expect(result.state.online).toBe(false);
    const after = await app.client.invoke('sync.status');
    expect(after.cursor).toBe(before.cursor);
    expect(after.cached).toEqual(before.cached);
    expect(after.lastSuccessAt).toBe(before.lastSuccessAt);
  });

  it('401 during a pull: state says login needed, pulling stops until the next login', async () => {
    const app = await loggedInApp();
    // The portal ends the session (expired, revoked, password changed elsewhere).
    const secrets = JSON.parse(fs.readFileSync(path.join(app.dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
    const token = Object.values(secrets)[0]!;
    expect((await portal.call('DELETE', '/api/v1/session', { token })).status).toBeLessThan(300);

    const scheduledBefore = app.scheduler.delays.length;
    const result = await app.client.invoke('sync.now');
    expect(result.ok).toBe(false);
    expect(result.state).toMatchObject({ loginNeeded: true, nextPullAt: null, lastError: { kind: 'login_needed' } });
    expect(result.state.lastError?.message).toMatch(/Log in/);
    expect(app.scheduler.delays.length).toBe(scheduledBefore); // no automatic retry

    await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
    const again = await app.client.invoke('sync.now');
    expect(again.ok).toBe(true);
    expect(again.state.loginNeeded).toBe(false);
  });

  it('the client clock moved a day either way changes nothing that is synced', async () => {
    const ahead = await loggedInApp({ now: () => new Date(Date.now() + DAY) });
    const behind = await loggedInApp({ now: () => new Date(Date.now() - DAY) });
    await redeemOne();
    await ahead.client.invoke('sync.now');
    await behind.client.invoke('sync.now');
    expect(cacheContents(ahead.core)).toEqual(cacheContents(behind.core));
    expect((await ahead.client.invoke('sync.status')).cursor).toBe((await behind.client.invoke('sync.status')).cursor);
    expect((await ahead.client.invoke('session.status')).loggedIn).toBe(true);
    expect((await behind.client.invoke('session.status')).loggedIn).toBe(true);
  });

  it('concurrent sync.now calls share one run', async () => {
    const app = await loggedInApp();
    await redeemOne();
    changeRequests = [];
    const [a, b, c] = await Promise.all([app.client.invoke('sync.now'), app.client.invoke('sync.now'), app.client.invoke('sync.now')]);
    expect(changeRequests).toHaveLength(1);
    expect([a.applied, b.applied, c.applied]).toEqual([2, 2, 2]);
  });
});
