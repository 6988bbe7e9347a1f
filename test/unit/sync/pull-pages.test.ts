/**
 * Page atomicity and scheduling, against the sandbox portal with small pages (and, for deletions,
 * a scripted change feed: the sandbox never deletes).
 */
import { compactAuthCode } from '../../../core/domain/auth-code';
import type { PortalChange } from '../../../core/portal-api/schemas';
import { startScriptedFeedPortal } from '../../support/misbehaving-portal';
import { useSandboxCores } from '../../support/sandbox-cores';
import { unredeemedCodes } from '../../support/sandbox-portal';
import { makeSyncCore, type SyncTestCore } from '../../support/sync-core';

describe('sync: pages, cursor and schedule (against the sandbox portal)', () => {
  const { portal, core } = useSandboxCores();
  let app: SyncTestCore;
  let changeCalls: number;
  let failOnChangeCall: number | null;
  /** A session of the test's own, to read the feed and redeem as the portal's users would. */
  let token: string;

  /** A fetch whose connection drops on the Nth /changes request (as if the network or the app died there). */
  const flakyFetch: typeof fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/api/v1/changes')) {
      changeCalls++;
      if (changeCalls === failOnChangeCall) return Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }));
    }
    return fetch(input, init);
  };

  const cursor = () => app.core.db.prepare("SELECT value FROM sync_state WHERE name = 'cursor' AND portal_url = ?").pluck().get(portal.url);
  const keyCount = () => app.core.db.prepare('SELECT count(*) FROM feature_keys').pluck().get() as number;
  const systemCount = () => app.core.db.prepare('SELECT count(*) FROM systems').pluck().get() as number;
  /** The partner's whole change feed, as the portal serves it. */
  const feed = async (): Promise<PortalChange[]> => {
    const res = await portal.call('GET', '/api/v1/changes?cursor=0&limit=10000', { token });
    return ((await res.json()) as { changes: PortalChange[] }).changes;
  };
  /** Redeems one unredeemed code on `mac` through the Portal API; returns the code. */
  const redeemOne = async (mac = '000ADDC0FFEE'): Promise<string> => {
    const [code] = await unredeemedCodes(portal);
    const res = await portal.call('POST', '/api/v1/redemptions', {
      token,
      key: `test-${code!.code}`,
      body: { mac, systemName: 'Pull test', authCodes: [code!.code] },
    });
    if (res.status !== 200) throw new Error(`redemption failed: ${res.status} ${await res.text()}`);
    return code!.code;
  };

  beforeEach(async () => {
    token = await portal.login();
    changeCalls = 0;
    failOnChangeCall = null;
    app = core({ fetch: flakyFetch, pageSize: 5 });
    await app.client.invoke('app.checkOnline');
  });

  it('each page is applied with its cursor in one transaction: a failure on page 3 keeps pages 1–2 and nothing of page 3', async () => {
    const log = await feed();
    expect(log.length).toBeGreaterThan(15);
    failOnChangeCall = 3;
    await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
    const failed = await app.client.invoke('sync.now');
    expect(failed.ok).toBe(false);
    expect(failed.applied).toBe(10);
    expect(failed.state.lastError?.kind).toBe('offline');
    expect(cursor()).toBe(String(log[9]!.seq));
    const appliedKeys = log.slice(0, 10).filter((c) => c.entity === 'featureKey').length;
    expect(keyCount()).toBe(appliedKeys);

    // The next pull resumes from page 3, not from the start.
    const resumed = await app.client.invoke('sync.now');
    expect(resumed).toMatchObject({ ok: true, applied: log.length - 10 });
    expect(keyCount()).toBe(log.filter((c) => c.entity === 'featureKey').length);
    expect(cursor()).toBe(String(log.at(-1)!.seq));
  });

  it('a page that would break the database is rolled back whole, cursor included', async () => {
    await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
    await app.client.invoke('sync.now');
    const before = { cursor: cursor(), keys: keyCount(), systems: systemCount() };
    // A redemption on a new system: a page with the system and its key, and the local schema
    // refuses the key (as a constraint would).
    const [next] = await unredeemedCodes(portal);
    app.core.db.exec(
      `CREATE TEMP TRIGGER refuse_key BEFORE INSERT ON feature_keys WHEN NEW.auth_code = '${compactAuthCode(next!.code)}' BEGIN SELECT RAISE(ABORT, 'refused'); END;`,
    );
    await redeemOne();
    const page = (await feed()).filter((c) => c.seq > Number(before.cursor));
    expect(page.map((c) => c.entity).sort()).toEqual(['featureKey', 'system']);
    const result = await app.client.invoke('sync.now');
    expect(result.ok).toBe(false);
    expect(result.state.lastError?.kind).toBe('internal');
    expect({ cursor: cursor(), keys: keyCount(), systems: systemCount() }).toEqual(before);
  });

  it('pulls again every syncIntervalMinutes, and a new interval takes effect at once', async () => {
    await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
    await app.client.invoke('sync.now');
    const keys = keyCount();
    expect(app.scheduler.delays.at(-1)).toBe(5 * 60_000);
    await app.client.invoke('settings.set', { patch: { syncIntervalMinutes: 15 } });
    expect(app.scheduler.delays.at(-1)).toBe(15 * 60_000);
    await redeemOne();
    const calls = changeCalls;
    app.scheduler.fire();
    await vi.waitFor(() => expect(keyCount()).toBe(keys + 1));
    expect(changeCalls).toBe(calls + 1);
  });

  it('without a login, sync says so and schedules nothing', async () => {
    const result = await app.client.invoke('sync.now');
    expect(result.state).toMatchObject({ loginNeeded: true, lastError: { kind: 'login_needed' }, nextPullAt: null });
    expect(changeCalls).toBe(0);
  });

  it('coming back online pulls at once', async () => {
    await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
    await app.client.invoke('sync.now');
    const keys = keyCount();
    await redeemOne();
    app.core.sync.setOnline(false);
    app.core.sync.setOnline(true);
    await vi.waitFor(() => expect(keyCount()).toBe(keys + 1));
  });

  it('sync.now and sync.status refuse unknown arguments by name', async () => {
    await expect(app.client.invoke('sync.now', { force: true } as never)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('force'),
    });
    await expect(app.client.invoke('sync.status', { x: 1 } as never)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('sync: deletions (against a scripted change feed: the sandbox never deletes a key or a system)', () => {
  it('deletes remove the row; a deleted system takes its keys with it', async () => {
    const portal = await startScriptedFeedPortal();
    const app = makeSyncCore({ portalUrl: portal.url, pageSize: 5 });
    try {
      await app.client.invoke('app.checkOnline');
      const sku = { sku: '8210010', description: '8210010 - 6x Feature 0' };
      portal.append({ entity: 'sku', id: sku.sku, op: 'upsert', data: sku });
      const keys = [
        { authCode: 'AAAAAA-AAAAAA-AAAAAA-AAAAA1', mac: '000ADD000001' },
        { authCode: 'AAAAAA-AAAAAA-AAAAAA-AAAAA2', mac: '000ADD000003' },
        { authCode: 'AAAAAA-AAAAAA-AAAAAA-AAAAA3', mac: '000ADD000003' },
      ];
      for (const [i, key] of keys.entries()) {
        if (!portal.feed.some((c) => c.id === key.mac))
          portal.append({
            entity: 'system',
            id: key.mac,
            op: 'upsert',
            data: { mac: key.mac, serial: null, name: `System ${i}`, customer: 'Acme' },
          });
        portal.append({
          entity: 'featureKey',
          id: key.authCode,
          op: 'upsert',
          data: {
            ...key,
            featureKey: `$k${i}A-&Ab9-&Ab9-&Ab9-&Ab9-&Ab9`, // mixed case and $ & on purpose
            sku: sku.sku,
            skuDescription: sku.description,
            distributor: 'Distri AG',
            redeemedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
          },
        });
      }
      await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
      expect((await app.client.invoke('sync.now')).ok).toBe(true);
      expect(app.core.db.prepare('SELECT count(*) FROM feature_keys').pluck().get()).toBe(3);

      portal.append({ entity: 'featureKey', id: keys[0]!.authCode, op: 'delete', data: null });
      portal.append({ entity: 'system', id: '000ADD000003', op: 'delete', data: null });
      expect((await app.client.invoke('sync.now')).ok).toBe(true);
      const count = (sql: string, ...args: string[]) =>
        app.core.db
          .prepare(sql)
          .pluck()
          .get(...args);
      expect(count('SELECT count(*) FROM feature_keys WHERE auth_code = ?', compactAuthCode(keys[0]!.authCode))).toBe(0);
      expect(count("SELECT count(*) FROM feature_keys WHERE mac = '000ADD000003'")).toBe(0);
      expect(count("SELECT count(*) FROM systems WHERE mac = '000ADD000003'")).toBe(0);
    } finally {
      app.close();
      await portal.close();
    }
  });
});
