/**
 * Page atomicity and scheduling, against the minimal HTTP portal (exact control of pages).
 */
import { startFakePortal, type FakePortal } from '../../support/fake-portal';
import { makeSyncCore, type SyncTestCore } from '../../support/sync-core';

describe('sync: pages, cursor and schedule', () => {
  let portal: FakePortal;
  let app: SyncTestCore;
  let changeCalls: number;
  let failOnChangeCall: number | null;

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
  const keyCount = () => app.core.db.prepare('SELECT count(*) FROM feature_keys').pluck().get();

  beforeEach(async () => {
    portal = await startFakePortal({ keys: 20, systems: 4 }); // 3 SKUs + 4 systems + 20 keys = 27 changes
    changeCalls = 0;
    failOnChangeCall = null;
    app = makeSyncCore({ portalUrl: portal.url, fetch: flakyFetch, pageSize: 5 });
    await app.client.invoke('app.checkOnline');
  });
  afterEach(async () => {
    app.close();
    await portal.close();
  });

  it('each page is applied with its cursor in one transaction: a failure on page 3 keeps pages 1–2 and nothing of page 3', async () => {
    failOnChangeCall = 3;
    await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
    const failed = await app.client.invoke('sync.now');
    expect(failed.ok).toBe(false);
    expect(failed.applied).toBe(10);
    expect(failed.state.lastError?.kind).toBe('offline');
    expect(cursor()).toBe(String(portal.log[9]!.seq));
    const appliedKeys = portal.log.slice(0, 10).filter((c) => c.entity === 'featureKey').length;
    expect(keyCount()).toBe(appliedKeys);

    // The next pull resumes from page 3, not from the start.
    const resumed = await app.client.invoke('sync.now');
    expect(resumed).toMatchObject({ ok: true, applied: 17 });
    expect(keyCount()).toBe(20);
    expect(cursor()).toBe(String(portal.log.length));
  });

  it('a page that would break the database is rolled back whole, cursor included', async () => {
    await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
    await app.client.invoke('sync.now');
    const before = { cursor: cursor(), keys: keyCount() };
    // A valid key, then a SKU change the local schema refuses (NOT NULL description via a trigger).
    app.core.db.exec(
      "CREATE TEMP TRIGGER refuse_sku BEFORE INSERT ON skus WHEN NEW.sku = 'BAD' BEGIN SELECT RAISE(ABORT, 'refused'); END;",
    );
    portal.redeem(100);
    portal.append({ entity: 'sku', id: 'BAD', op: 'upsert', data: { sku: 'BAD', description: 'x' } });
    const result = await app.client.invoke('sync.now');
    expect(result.ok).toBe(false);
    expect(result.state.lastError?.kind).toBe('internal');
    expect({ cursor: cursor(), keys: keyCount() }).toEqual(before);
  });

  it('deletes remove the row; a deleted system takes its keys with it', async () => {
    await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
    await app.client.invoke('sync.now');
    const key = portal.log.find((c) => c.entity === 'featureKey')!;
    portal.append({ entity: 'featureKey', id: key.id, op: 'delete', data: null });
    portal.append({ entity: 'system', id: '000ADD000003', op: 'delete', data: null });
    expect((await app.client.invoke('sync.now')).ok).toBe(true);
    expect(app.core.db.prepare('SELECT count(*) FROM feature_keys WHERE auth_code = ?').pluck().get(key.id.replace(/-/g, ''))).toBe(0);
    expect(app.core.db.prepare("SELECT count(*) FROM feature_keys WHERE mac = '000ADD000003'").pluck().get()).toBe(0);
    expect(app.core.db.prepare("SELECT count(*) FROM systems WHERE mac = '000ADD000003'").pluck().get()).toBe(0);
  });

  it('pulls again every syncIntervalMinutes, and a new interval takes effect at once', async () => {
    await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
    await app.client.invoke('sync.now');
    expect(app.scheduler.delays.at(-1)).toBe(5 * 60_000);
    await app.client.invoke('settings.set', { patch: { syncIntervalMinutes: 15 } });
    expect(app.scheduler.delays.at(-1)).toBe(15 * 60_000);
    portal.redeem(200);
    const calls = changeCalls;
    app.scheduler.fire();
    await vi.waitFor(() => expect(keyCount()).toBe(21));
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
    portal.redeem(300);
    app.core.sync.setOnline(false);
    app.core.sync.setOnline(true);
    await vi.waitFor(() => expect(keyCount()).toBe(21));
  });

  it('sync.now and sync.status refuse unknown arguments by name', async () => {
    await expect(app.client.invoke('sync.now', { force: true } as never)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('force'),
    });
    await expect(app.client.invoke('sync.status', { x: 1 } as never)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
