/**
 * The server dashboard through the real core (real SQLite files) against the real sandbox portal
 * over 127.0.0.1: the demo's servers and history pulled into the cache; Add offline → queued →
 * online → sent exactly once → the portal's server in the cache; Register → Registered → the
 * sandbox activates it → Activated after sync; a refusal under needs attention with the portal's
 * reason and the draft kept; a crash mid-send replayed with the same key and answered once;
 * hide, RMA and the serial look-up.
 */
import Database from 'better-sqlite3';
import type { ServerFormInput } from '../../../core/servers/contract';
import type { ServerOperation } from '../../../core/sync/contract';
import { DEMO_FREE_SERIALS, DEMO_SERVERS } from '../../../portal-sandbox/seed';
import { useSandboxCores } from '../../support/sandbox-cores';
import type { SyncTestCore } from '../../support/sync-core';
import { COMPLETE_REGISTRATION } from './server-fixture';

/** The sandbox's stored answers for these idempotency keys (one per request it acted on). */
function answersRecorded(dataFile: string, keys: string[]): { key: string; status: number }[] {
  const db = new Database(dataFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(`SELECT key, status FROM idempotency WHERE key IN (SELECT value FROM json_each(?)) ORDER BY key`)
      .all(JSON.stringify(keys)) as { key: string; status: number }[];
  } finally {
    db.close();
  }
}

const free = (model: string, k = 0) => DEMO_FREE_SERIALS.filter((s) => s.model === model)[k]!;

const formOf = (known: { serial: string; mac: string; model: string }, overrides: Partial<ServerFormInput> = {}): ServerFormInput => ({
  serial: known.serial,
  mac: known.mac,
  model: known.model as ServerFormInput['model'],
  ...COMPLETE_REGISTRATION,
  site: 'new',
  siteId: '',
  ...overrides,
});

describe('servers against the sandbox portal', () => {
  const { portal, signedInCore: loggedInApp, restartPortal } = useSandboxCores();
  const operation = (app: SyncTestCore, id: number) => app.core.outbox.get(id) as ServerOperation;
  const sandbox = (path: string) => fetch(`${portal.url}/sandbox${path}`, { method: 'POST' });

  it('a sync brings every demo server and its history into the cache', async () => {
    const app = await loggedInApp();
    const shown = await app.client.invoke('servers.list', { filter: { sort: 'mac', direction: 'asc' }, limit: 500 });
    const hidden = await app.client.invoke('servers.list', { filter: { hidden: true, sort: 'mac', direction: 'asc' }, limit: 500 });
    expect([...shown.rows, ...hidden.rows].map((r) => r.mac).sort()).toEqual(DEMO_SERVERS.map((s) => s.mac).sort());
    expect(shown.lastSyncedAt).not.toBeNull();
    for (const demo of DEMO_SERVERS) {
      const details = await app.client.invoke('servers.get', { mac: demo.mac });
      expect(details).toMatchObject({
        serial: demo.serial,
        model: demo.model,
        status: demo.status,
        siteId: demo.siteId,
        hidden: demo.hidden,
        origin: 'portal',
      });
    }
    const history = await app.client.invoke('servers.history', { mac: DEMO_SERVERS[0]!.mac });
    expect(history.records.length).toBeGreaterThan(0);
    expect(history.records.every((r) => r.source === 'portal' && r.mac === DEMO_SERVERS[0]!.mac)).toBe(true);
    const site = await app.client.invoke('servers.siteHistory', { siteId: DEMO_SERVERS[0]!.siteId });
    expect(site.servers.length).toBeGreaterThan(0);
    expect(site.records.every((r) => r.siteId === DEMO_SERVERS[0]!.siteId)).toBe(true);
  });

  it('Add offline → queued → online → sent once → the portal’s server in the cache; Register; the sandbox activates it', async () => {
    const app = await loggedInApp();
    const known = free('Connect 731');
    await portal.close();

    const saved = await app.client.invoke('servers.save', { form: formOf(known, { contactEmail: '' }), action: 'save', mode: 'add' });
    expect(saved.queued).toBe(true);
    expect(saved.queuedReason?.message).toMatch(/cannot be reached/);
    expect(saved.server).toMatchObject({ mac: known.mac, status: 'saved', origin: 'local', siteId: null, pending: [{ action: 'save' }] });
    const listed = await app.client.invoke('servers.list', { filter: { contains: known.serial, by: 'serial' } });
    expect(listed.rows.map((r) => [r.mac, r.pending.length])).toEqual([[known.mac, 1]]);

    await restartPortal();
    expect((await app.client.invoke('sync.now')).ok).toBe(true);
    expect(operation(app, saved.operation.id)).toMatchObject({ status: 'done', idempotencyKey: saved.operation.idempotencyKey });
    expect(answersRecorded(portal.dataFile, [saved.operation.idempotencyKey])).toEqual([
      { key: saved.operation.idempotencyKey, status: 201 },
    ]);
    const added = await app.client.invoke('servers.get', { mac: known.mac });
    expect(added).toMatchObject({ origin: 'portal', status: 'saved', pending: [] });
    expect(added!.siteId).toMatch(/^\d+$/);

    // Complete and Register: Registered at once and on the portal.
    const registered = await app.client.invoke('servers.save', {
      form: formOf(known, { site: 'existing', siteId: added!.siteId! }),
      action: 'register',
      mode: 'modify',
    });
    expect(registered).toMatchObject({ queued: false, server: { status: 'registered', origin: 'portal' }, operation: { status: 'done' } });

    // The portal activates it; the change arrives by sync.
    expect((await sandbox(`/servers/${known.mac}/activate`)).status).toBe(200);
    const events: string[] = [];
    app.core.events.subscribe((name, payload) => {
      if (name === 'servers.changed' || name === 'keys.changed') events.push(`${name}:${(payload as { reason: string }).reason}`);
    });
    expect((await app.client.invoke('sync.now')).ok).toBe(true);
    // Only servers changed on the portal: the Servers page refreshes, the Keys page need not.
    expect(events).toEqual(['servers.changed:sync']);
    expect(await app.client.invoke('servers.get', { mac: known.mac })).toMatchObject({ status: 'activated' });
    const history = await app.client.invoke('servers.history', { mac: known.mac });
    expect(history.records.map((r) => r.action)).toEqual(expect.arrayContaining(['saved', 'registered', 'activated']));
  });

  it('a Register the portal refuses: needs attention with its reason, the draft kept; the API refuses a 24x too', async () => {
    const app = await loggedInApp();
    // A serial the app cannot check offline-first: the portal knows no such server.
    const result = await app.client.invoke('servers.save', {
      form: formOf({ serial: 'CN731-NOSUCH', mac: '000ADD0DEAD1', model: 'Connect 731' }),
      action: 'register',
      mode: 'add',
    });
    expect(result.queued).toBe(false);
    expect(result.operation.status).toBe('needs_attention');
    expect(result.operation.lastError).toMatch(/CN731-NOSUCH/);
    expect(result.server).toMatchObject({
      origin: 'local',
      systemName: COMPLETE_REGISTRATION.systemName,
      pending: [{ status: 'needs_attention' }],
    });
    const outbox = await app.client.invoke('sync.outbox', {});
    expect(outbox.operations.find((o) => o.id === result.operation.id)).toMatchObject({ status: 'needs_attention' });

    // A 24x cannot be registered: the app says so on the field, the API refuses it too.
    const tfx = free('24x');
    await expect(app.client.invoke('servers.save', { form: formOf(tfx), action: 'register', mode: 'add' })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: {
        fields: [
          expect.objectContaining({ field: 'form.model', code: 'model.notRegistrable', message: expect.stringMatching(/Only Connect/) }),
        ],
      },
    });
    const token = await portal.login();
    const res = await portal.call('POST', '/api/v1/servers', {
      token,
      key: 'register-24x-0001',
      body: { serial: tfx.serial, mac: tfx.mac, model: tfx.model, siteId: null, registration: COMPLETE_REGISTRATION, action: 'register' },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_registrable');
  });

  it('a crash mid-send is replayed with the same key and the portal acts once', async () => {
    const app = await loggedInApp();
    const known = free('Connect 324');
    await portal.close();
    const queued = await app.client.invoke('servers.save', { form: formOf(known), action: 'register', mode: 'add' });
    expect(queued.queued).toBe(true);
    await restartPortal();
    // The send reached the portal, then FieldKey died before recording the answer.
    const token = await portal.login();
    const first = await portal.call('POST', '/api/v1/servers', {
      token,
      key: queued.operation.idempotencyKey,
      body: {
        serial: known.serial,
        mac: known.mac,
        model: known.model,
        siteId: null,
        registration: COMPLETE_REGISTRATION,
        action: 'register',
      },
    });
    expect(first.status).toBe(201);
    app.core.outbox.markInFlight(queued.operation.id, new Date());
    expect(app.core.outbox.recoverAfterCrash(new Date())).toBe(1);
    expect(operation(app, queued.operation.id).status).toBe('in_doubt');
    expect((await app.client.invoke('sync.now')).ok).toBe(true);
    expect(operation(app, queued.operation.id)).toMatchObject({
      status: 'done',
      result: { server: { mac: known.mac, status: 'registered' } },
    });
    expect(answersRecorded(portal.dataFile, [queued.operation.idempotencyKey])).toEqual([
      { key: queued.operation.idempotencyKey, status: 201 },
    ]);
    const shown = await app.client.invoke('servers.list', { filter: { contains: known.mac, by: 'mac' } });
    expect(shown.rows).toHaveLength(1);
    expect(shown.rows[0]).toMatchObject({ status: 'registered', origin: 'portal', pending: [] });
  });

  it('hide, then find it under Show Only Hidden; an RMA shows in Server History; lookupSerial asks the portal', async () => {
    const app = await loggedInApp();
    const target = DEMO_SERVERS.find((s) => !s.hidden && s.model.startsWith('Connect') && s.status === 'activated')!;
    const hidden = await app.client.invoke('servers.setHidden', { mac: target.mac, hidden: true });
    expect(hidden).toMatchObject({ queued: false, server: { hidden: true, pending: [] } });
    expect((await app.client.invoke('sync.now')).ok).toBe(true);
    const list = await app.client.invoke('servers.list', { filter: { hidden: true, contains: target.mac.slice(6), by: 'mac' } });
    expect(list.rows.map((r) => r.mac)).toEqual([target.mac]);

    const rma = await app.client.invoke('servers.initiateRma', {
      mac: target.mac,
      reason: 'Power supply failed',
      replacementMac: free('Connect 536', 1).mac,
    });
    expect(rma).toMatchObject({ queued: false, server: { rma: { state: 'requested' } } });
    // No Sync now: a change the portal answered at once is followed by a pull of its history record.
    await vi.waitFor(
      async () => {
        const history = await app.client.invoke('servers.history', { mac: target.mac });
        expect(history.records[0]).toMatchObject({ action: 'rma_requested', source: 'portal' });
      },
      { timeout: 10_000, interval: 100 },
    );
    await expect(
      app.client.invoke('servers.initiateRma', { mac: target.mac, reason: 'Again', replacementMac: '0AAAAA' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    const known = free('Connect 536');
    expect(await app.client.invoke('servers.lookupSerial', { serial: known.serial.toLowerCase() })).toEqual({
      status: 'known',
      serial: known.serial,
      model: known.model,
      mac: known.mac,
      source: 'portal',
      onDashboard: false,
    });
    expect(await app.client.invoke('servers.lookupSerial', { serial: 'NOSUCH-1' })).toMatchObject({
      status: 'unknown',
      message: expect.objectContaining({ code: 'servers.serial.unknown', message: expect.stringContaining('NOSUCH-1') }),
    });
  });
});
