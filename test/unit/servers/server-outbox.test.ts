/**
 * Server operations through the outbox against a scripted portal (a fetch that answers as Portal
 * API v1.2 would, and records every request): each action to its endpoint with its idempotency
 * key, queued while the portal is away and sent once when it is back, the portal's server into
 * the cache, a refusal under needs attention with the portal's reason and the draft kept, and a
 * crash mid-send replayed with the same key.
 */
import type { PortalServer } from '../../../core/portal-api/schemas';
import { MemorySecretStore, portalTokenSecretName } from '../../../core/secrets/secret-store';
import type { ServerFormInput } from '../../../core/servers/contract';
import type { ServerOperation } from '../../../core/sync/contract';
import { ChangeApplier } from '../../../core/sync/pull';
import { makeSyncCore, type SyncTestCore } from '../../support/sync-core';
import { COMPLETE_REGISTRATION, portalServer, serversPage } from './server-fixture';

const PORTAL = 'http://127.0.0.1:9';
const NOW = new Date('2026-11-30T12:00:00.000Z');

interface Recorded {
  method: string;
  path: string;
  key: string | null;
  body: unknown;
}

type Answer = { status: number; body: unknown } | 'offline' | 'cut';

/** A portal that answers each write from `answer` (by default, as v1.2 would) and records it. */
function scriptedPortal() {
  const requests: Recorded[] = [];
  const servers = new Map<string, PortalServer>();
  let script: Answer[] = [];
  const fetch: typeof globalThis.fetch = (async (url: string | URL, init?: RequestInit): Promise<Response> => {
    const { pathname } = new URL(String(url));
    const path = pathname.replace('/api/v1', '');
    const headers = new Headers(init?.headers);
    const body = init?.body ? JSON.parse(String(init.body)) : null;
    const method = init?.method ?? 'GET';
    if (path !== '/changes') requests.push({ method, path, key: headers.get('idempotency-key'), body });
    const next = script.shift();
    if (next === 'offline') throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    if (next === 'cut') throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    if (next) return Response.json(next.body, { status: next.status });
    if (path === '/changes') return Response.json({ changes: [], nextCursor: 0, hasMore: false });
    const at = NOW.toISOString();
    if (path === '/servers' || (method === 'PUT' && path.startsWith('/servers/'))) {
      const server = portalServer({
        mac: body.mac,
        serial: body.serial,
        model: body.model,
        siteId: body.siteId ?? '20001',
        status: body.action === 'register' ? 'registered' : 'saved',
        registration: body.registration,
        addedAt: servers.get(body.mac)?.addedAt ?? at,
        updatedAt: at,
      });
      servers.set(body.mac, server);
      return Response.json({ server, created: method === 'POST' }, { status: method === 'POST' ? 201 : 200 });
    }
    const mac = path.split('/')[2]!;
    const current = servers.get(mac) ?? portalServer({ mac });
    const server = path.endsWith('/visibility')
      ? { ...current, hidden: body.hidden }
      : {
          ...current,
          rma: {
            reason: body.reason,
            replacementMac: body.replacementMac,
            state: 'requested' as const,
            requestedAt: at,
            completedAt: null,
          },
        };
    servers.set(mac, server);
    return Response.json({ server });
  }) as typeof globalThis.fetch;
  return {
    fetch,
    requests,
    answerNext(...answers: Answer[]) {
      script = answers;
    },
  };
}

const form = (overrides: Partial<ServerFormInput> = {}): ServerFormInput => ({
  serial: 'SN-NEW-0001',
  mac: '00:0A:DD:0A:BC:DE',
  model: 'Connect 536',
  ...COMPLETE_REGISTRATION,
  site: 'new',
  siteId: '',
  ...overrides,
});

describe('server operations through the outbox (scripted portal)', () => {
  let app: SyncTestCore;
  let portal: ReturnType<typeof scriptedPortal>;
  const writes = () => portal.requests.filter((r) => r.method !== 'GET');
  const operation = (id: number) => app.core.outbox.get(id) as ServerOperation;
  const count = (table: string) => app.core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

  beforeEach(async () => {
    portal = scriptedPortal();
    const secretStore = new MemorySecretStore();
    await secretStore.set(portalTokenSecretName(PORTAL), 'token-1');
    app = makeSyncCore({ portalUrl: PORTAL, fetch: portal.fetch, now: () => NOW, secretStore });
    new ChangeApplier(app.core.db).applyPage(
      serversPage([
        portalServer({
          mac: '000ADD011111',
          serial: 'SN-324-0001',
          siteId: '10020',
          status: 'registered',
          registration: COMPLETE_REGISTRATION,
        }),
      ]),
      { portalUrl: PORTAL, clearCache: false, now: NOW },
    );
  });
  afterEach(() => app.close());

  it('online: sent at once to POST /servers with its key; the portal’s server replaces the draft', async () => {
    const result = await app.client.invoke('servers.save', { form: form(), action: 'register', mode: 'add' });
    expect(result.queued).toBe(false);
    expect(result.operation.status).toBe('done');
    expect(writes()).toEqual([
      {
        method: 'POST',
        path: '/servers',
        key: result.operation.idempotencyKey,
        body: {
          serial: 'SN-NEW-0001',
          mac: '000ADD0ABCDE',
          model: 'Connect 536',
          siteId: null,
          registration: COMPLETE_REGISTRATION,
          action: 'register',
        },
      },
    ]);
    expect(result.server).toMatchObject({ origin: 'portal', status: 'registered', siteId: '20001', pending: [] });
    expect([count('outbox_servers'), count('server_base')]).toEqual([0, 0]);
  });

  it('offline: queued with the draft; back online it is sent once with the same key and the portal’s server lands', async () => {
    portal.answerNext('offline');
    const result = await app.client.invoke('servers.save', { form: form({ company: '' }), action: 'save', mode: 'add' });
    expect(result.queued).toBe(true);
    expect(result.queuedReason?.message).toMatch(/cannot be reached/);
    expect(result.server).toMatchObject({ origin: 'local', status: 'saved', company: null, pending: [{ status: 'pending' }] });
    await app.core.sync.pushNow();
    await app.core.sync.pushNow();
    const keys = writes().map((r) => r.key);
    expect(keys).toEqual([result.operation.idempotencyKey, result.operation.idempotencyKey]);
    expect(operation(result.operation.id)).toMatchObject({ status: 'done', result: { server: { mac: '000ADD0ABCDE', siteId: '20001' } } });
    expect(await app.client.invoke('servers.get', { mac: '000ADD0ABCDE' })).toMatchObject({
      origin: 'portal',
      siteId: '20001',
      pending: [],
    });
  });

  it('each action goes to its endpoint: PUT for modify, visibility for hide, rma for an RMA', async () => {
    await app.client.invoke('servers.save', {
      form: form({ mac: '000ADD011111', serial: 'SN-324-0001', model: 'Connect 324', site: 'existing', siteId: '10020' }),
      action: 'save',
      mode: 'modify',
    });
    await app.client.invoke('servers.setHidden', { mac: '000ADD011111', hidden: true });
    const rma = await app.client.invoke('servers.initiateRma', { mac: '000ADD011111', reason: 'Dead PSU', replacementMac: '0AAAAA' });
    expect(writes().map((r) => [r.method, r.path, r.body && Object.keys(r.body as object).length])).toEqual([
      ['PUT', '/servers/000ADD011111', 6],
      ['POST', '/servers/000ADD011111/visibility', 1],
      ['POST', '/servers/000ADD011111/rma', 2],
    ]);
    expect(writes()[2]!.body).toEqual({ reason: 'Dead PSU', replacementMac: '000ADD0AAAAA' });
    expect(new Set(writes().map((r) => r.key)).size).toBe(3);
    expect(rma.server).toMatchObject({ hidden: true, rma: { state: 'requested', replacementMac: '000ADD0AAAAA' }, origin: 'portal' });
  });

  it('a refusal: needs attention with the portal’s reason, the draft kept on its row; dismissing removes the local row', async () => {
    portal.answerNext({
      status: 422,
      body: { error: { code: 'unknown_serial', message: 'The portal knows no server with serial number SN-NEW-0001.' } },
    });
    const result = await app.client.invoke('servers.save', { form: form(), action: 'register', mode: 'add' });
    expect(result.queued).toBe(false);
    expect(result.operation).toMatchObject({
      status: 'needs_attention',
      lastError: 'The portal knows no server with serial number SN-NEW-0001.',
    });
    expect(result.server).toMatchObject({ origin: 'local', systemName: 'Acme 324', pending: [{ status: 'needs_attention' }] });
    const listed = await app.client.invoke('sync.outbox', {});
    expect(listed.counts.needsAttention).toBe(1);
    await app.client.invoke('sync.dismiss', { id: result.operation.id });
    expect(await app.client.invoke('servers.get', { mac: '000ADD0ABCDE' })).toBeNull();
    expect([count('outbox_servers'), count('server_base')]).toEqual([0, 0]);
  });

  it('a crash mid-send: in flight becomes in doubt and is replayed with the same key; a cut answer too', async () => {
    portal.answerNext('offline');
    const queued = await app.client.invoke('servers.setHidden', { mac: '000ADD011111', hidden: true });
    // The send starts, then FieldKey dies before the answer: the next start finds it in flight.
    app.core.outbox.markInFlight(queued.operation.id, NOW);
    expect(app.core.outbox.recoverAfterCrash(NOW)).toBe(1);
    expect(operation(queued.operation.id).status).toBe('in_doubt');
    portal.answerNext('cut');
    await app.core.sync.pushNow();
    expect(operation(queued.operation.id).status).toBe('in_doubt');
    await app.core.sync.pushNow();
    expect(operation(queued.operation.id).status).toBe('done');
    expect(writes().map((r) => r.key)).toEqual([
      queued.operation.idempotencyKey,
      queued.operation.idempotencyKey,
      queued.operation.idempotencyKey,
    ]);
    expect(await app.client.invoke('servers.get', { mac: '000ADD011111' })).toMatchObject({ hidden: true, pending: [] });
  });

  it('servers.changed follows each step of an operation', async () => {
    const reasons: string[] = [];
    app.core.events.subscribe((name, payload) => {
      if (name === 'servers.changed') reasons.push((payload as { reason: string }).reason);
    });
    await app.client.invoke('servers.setHidden', { mac: '000ADD011111', hidden: true });
    // Queued, in flight, answered.
    expect(reasons).toEqual(['outbox', 'outbox', 'outbox']);
  });
});
