import Database from 'better-sqlite3';
import { REGISTRATION_FIELDS, SERVER_MODELS } from '../../../core/domain/servers';
import {
  changesResponse,
  errorBody,
  serialLookupResponse,
  serverResponse,
  serverWriteResponse,
  type PortalChange,
  type PortalErrorCode,
  type PortalServerRegistration,
  type ServerWriteRequest,
} from '../../../core/portal-api/schemas';
import { generateFeatureKey } from '../../../portal-sandbox/feature-key';
import { DEMO_FREE_SERIALS, DEMO_RMA_REPLACEMENT, DEMO_SECRET, DEMO_SERVERS } from '../../../portal-sandbox/seed';
import { useSandboxCores } from '../../support/sandbox-cores';
import { startTestPortal } from '../../support/sandbox-portal';

const complete = (company = 'Acme Parts'): PortalServerRegistration => ({
  systemName: 'Acme 324',
  company,
  street: '1 Main Street',
  city: 'Rochester',
  region: 'NY',
  postalCode: '14604',
  country: 'United States',
  contactName: 'Ann Smith',
  contactPhone: '+1 585 555 0101',
  contactEmail: 'ann@acme.example',
});
const partial = (): PortalServerRegistration => ({ ...complete(), street: null, city: '', contactEmail: 'not-an-address' });

const free = (model: string, k = 0) => DEMO_FREE_SERIALS.filter((s) => s.model === model)[k]!;

describe('sandbox portal: servers (v1.2)', () => {
  const { portal } = useSandboxCores({ scope: 'all' });
  let token: string;
  let nextKey = 0;
  const newKey = () => `server-key-${String(++nextKey).padStart(4, '0')}`;
  const call = (method: string, path: string, body?: unknown, key: string | null = newKey()) =>
    portal.call(method, `/api/v1${path}`, { token, body, ...(key === null ? {} : { key }) });
  const write = (request: ServerWriteRequest, mode: 'add' | 'modify' = 'add', key = newKey()) =>
    mode === 'add' ? call('POST', '/servers', request, key) : call('PUT', `/servers/${request.mac}`, request, key);
  const sandbox = (method: string, path: string) => fetch(`${portal.url}/sandbox${path}`, { method });
  const expectError = async (res: Response, status: number, code: PortalErrorCode) => {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    const { error } = errorBody.parse(JSON.parse(text));
    expect(error.code).toBe(code);
    return error.message;
  };
  const latestSeq = async () =>
    changesResponse.parse(await (await portal.call('GET', '/api/v1/changes?cursor=0&limit=1', { token })).json()).latestSeq!;
  const changesAfter = async (cursor: number): Promise<PortalChange[]> =>
    changesResponse.parse(await (await portal.call('GET', `/api/v1/changes?cursor=${cursor}&limit=10000`, { token })).json()).changes;
  const request = (
    known: { serial: string; model: string; mac: string },
    action: 'save' | 'register',
    registration = complete(),
    siteId: string | null = null,
  ): ServerWriteRequest => ({
    serial: known.serial,
    mac: known.mac,
    model: known.model as ServerWriteRequest['model'],
    siteId,
    registration,
    action,
  });

  const siteCount = () => {
    const db = new Database(portal.dataFile, { readonly: true });
    try {
      return db.prepare('SELECT count(*) FROM sites').pluck().get() as number;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    token = await portal.login();
  });

  describe('the demo seed', () => {
    it('has servers of every model in every status it can have, shared sites, hidden ones and an open RMA, all in the change feed', async () => {
      const changes = await changesAfter(0);
      const servers = changes.flatMap((c) => (c.entity === 'server' && c.data ? [c.data] : []));
      expect(servers).toHaveLength(DEMO_SERVERS.length);
      expect(servers.map((s) => s.mac)).toEqual(DEMO_SERVERS.map((s) => s.mac));
      expect(new Set(servers.map((s) => s.model))).toEqual(new Set(SERVER_MODELS));
      for (const model of ['Connect 324', 'Connect 536', 'Connect 731']) {
        expect(new Set(servers.filter((s) => s.model === model).map((s) => s.status))).toEqual(
          new Set(['saved', 'registered', 'activated']),
        );
      }
      expect(servers.filter((s) => !s.model.startsWith('Connect')).every((s) => s.status === 'saved')).toBe(true);
      const perSite = new Map<string, number>();
      for (const s of servers) perSite.set(s.siteId!, (perSite.get(s.siteId!) ?? 0) + 1);
      expect([...perSite.values()].filter((n) => n >= 2 && n <= 4).length).toBeGreaterThanOrEqual(3);
      expect(servers.filter((s) => s.hidden)).toHaveLength(2);
      expect(servers.filter((s) => s.rma?.state === 'requested').map((s) => s.rma!.replacementMac)).toEqual([DEMO_RMA_REPLACEMENT.mac]);
      expect(Math.min(...servers.map((s) => Number(s.siteId)))).toBe(10016);
      // Each has history, some several records; each server is one of the demo systems.
      const history = changes.flatMap((c) => (c.entity === 'serverHistory' && c.data ? [c.data] : []));
      for (const s of DEMO_SERVERS) expect(history.filter((h) => h.mac === s.mac)).toHaveLength(s.historyCount);
      expect(Math.max(...DEMO_SERVERS.map((s) => s.historyCount))).toBeGreaterThanOrEqual(3);
      const systems = new Set(changes.flatMap((c) => (c.entity === 'system' ? [c.id] : [])));
      for (const s of servers) expect(systems.has(s.mac)).toBe(true);
    });

    it('lists the known serials not on any dashboard, every model among them, from the sandbox switch', async () => {
      const res = await sandbox('GET', '/serials?onDashboard=false');
      const { serials } = (await res.json()) as { serials: { serial: string; model: string; mac: string; onDashboard: boolean }[] };
      expect(serials.map((s) => s.serial).sort()).toEqual(DEMO_FREE_SERIALS.map((s) => s.serial).sort());
      expect(new Set(serials.map((s) => s.model))).toEqual(new Set(SERVER_MODELS));
      const all = (await (await sandbox('GET', '/serials')).json()) as { serials: unknown[] };
      expect(all.serials.length).toBe(DEMO_SERVERS.length + DEMO_FREE_SERIALS.length + 1);
      expect((await sandbox('GET', '/serials?onDashboard=maybe')).status).toBe(400);
    });
  });

  describe('GET /servers/serials/{serial}', () => {
    it('tells the model and MAC of a known serial, and whether it is on the dashboard', async () => {
      const known = free('Connect 536');
      const res = await call('GET', `/servers/serials/${known.serial.toLowerCase()}`, undefined, null);
      expect(serialLookupResponse.parse(await res.json())).toEqual({ ...known, onDashboard: false });
      const onDashboard = await call('GET', `/servers/serials/${DEMO_SERVERS[0]!.serial}`, undefined, null);
      expect(serialLookupResponse.parse(await onDashboard.json())).toMatchObject({ mac: DEMO_SERVERS[0]!.mac, onDashboard: true });
    });

    it('answers 404 unknown_serial for a serial nobody made, 400 for a malformed one, 401 without a token', async () => {
      expect(await expectError(await call('GET', '/servers/serials/NOSUCH-1', undefined, null), 404, 'unknown_serial')).toContain(
        'NOSUCH-1',
      );
      await expectError(await call('GET', '/servers/serials/a%20b', undefined, null), 400, 'bad_request');
      await expectError(await portal.call('GET', '/api/v1/servers/serials/NOSUCH-1'), 401, 'unauthorized');
    });
  });

  describe('POST /servers and PUT /servers/{mac}', () => {
    it('saves a Connect server incomplete on a new site, then registers it complete; history and changes follow each write', async () => {
      const known = free('Connect 324');
      const before = await latestSeq();
      const added = await write(request(known, 'save', partial()));
      expect(added.status).toBe(201);
      const first = serverWriteResponse.parse(await added.json());
      expect(first).toMatchObject({
        created: true,
        server: { mac: known.mac, serial: known.serial, status: 'saved', hidden: false, rma: null },
      });
      expect(first.server.registration).toMatchObject({ street: null, city: null, contactEmail: 'not-an-address' });
      const siteId = first.server.siteId!;
      expect(Number(siteId)).toBeGreaterThan(10016);
      const afterAdd = await changesAfter(before);
      expect(afterAdd.map((c) => c.entity)).toEqual(['system', 'server', 'serverHistory']);
      expect(afterAdd[0]!.data).toEqual({ mac: known.mac, serial: known.serial, name: 'Acme 324', customer: 'Acme Parts' });
      expect(afterAdd[2]!.data).toMatchObject({ mac: known.mac, action: 'saved', status: 'saved', siteId });

      const mid = await latestSeq();
      const registered = await write(request(known, 'register', complete(), siteId), 'modify');
      expect(registered.status).toBe(200);
      expect(serverWriteResponse.parse(await registered.json())).toMatchObject({
        created: false,
        server: { status: 'registered', siteId, registration: complete() },
      });
      const afterRegister = await changesAfter(mid);
      expect(afterRegister.map((c) => c.entity)).toEqual(['server', 'serverHistory']);
      expect(afterRegister[1]!.data).toMatchObject({ action: 'registered', status: 'registered' });

      // Saving it again complete keeps it registered ("modified"); saving it incomplete would undo the registration.
      const modified = await write(request(known, 'save', complete('Acme Parts Inc'), siteId), 'modify');
      expect(serverWriteResponse.parse(await modified.json()).server).toMatchObject({ status: 'registered' });
      expect((await changesAfter((await latestSeq()) - 1))[0]!.data).toMatchObject({ action: 'modified' });
      await expectError(await write(request(known, 'save', partial(), siteId), 'modify'), 409, 'invalid_state');
    });

    it('registers a complete Connect server at once on an existing site of the partner', async () => {
      const known = free('Connect 731');
      const site = DEMO_SERVERS[0]!.siteId;
      const res = await write(request(known, 'register', complete(), site));
      expect(res.status).toBe(201);
      expect(serverWriteResponse.parse(await res.json()).server).toMatchObject({ status: 'registered', siteId: site });
    });

    it('refuses Register for a 24x (not_registrable) and for an unknown serial (unknown_serial); Save of a 24x is fine', async () => {
      const known = free('24x');
      const refused = await expectError(await write(request(known, 'register')), 422, 'not_registrable');
      expect(refused).toContain('24x');
      await expectError(await write({ ...request(known, 'register'), serial: 'NOSUCH-2' }), 422, 'unknown_serial');
      const saved = await write(request(known, 'save'));
      expect(saved.status).toBe(201);
      expect(serverWriteResponse.parse(await saved.json()).server.status).toBe('saved');
      // Nor once it is on the dashboard.
      await expectError(await write(request(known, 'register'), 'modify'), 422, 'not_registrable');
    });

    it('refuses Register on an incomplete form, naming the missing fields (incomplete_registration), leaving nothing behind', async () => {
      const before = await latestSeq();
      const sitesBefore = siteCount();
      const message = await expectError(await write(request(free('Connect 536'), 'register', partial())), 422, 'incomplete_registration');
      expect(await latestSeq()).toBe(before);
      expect(siteCount()).toBe(sitesBefore);
      expect(message).toContain('Street Address');
      expect(message).toContain('City');
      expect(message).toContain('Contact Email is not an e-mail address');
      expect(message).not.toContain('System Name');
    });

    it('refuses a MAC or model that does not match the serial, and a site the partner does not have', async () => {
      const known = free('6x');
      expect(await expectError(await write({ ...request(known, 'save'), mac: '000ADD000001' }), 422, 'invalid_mac')).toContain(
        'belongs to the server with MAC',
      );
      expect(await expectError(await write({ ...request(known, 'save'), model: '48x' }), 422, 'bad_request')).toContain('is a 6x');
      expect(await expectError(await write(request(known, 'save', complete(), '99999')), 422, 'unknown_site')).toContain('99999');
      await expectError(await write({ ...request(known, 'save'), mac: '00:0A:DD:02' }), 400, 'invalid_mac');
      await expectError(await write(request(known, 'save', complete(), 'ten')), 400, 'bad_request');
    });

    it('needs a token and an Idempotency-Key', async () => {
      const body = request(free('48x', 1), 'save');
      await expectError(await portal.call('POST', '/api/v1/servers', { body, key: newKey() }), 401, 'unauthorized');
      expect(await expectError(await call('POST', '/servers', body, null), 400, 'bad_request')).toContain('Idempotency-Key');
      await expectError(await call('POST', '/servers', { ...body, extra: 1 }), 400, 'bad_request');
    });

    it('answers 409 duplicate_server when the serial or MAC is already on the dashboard, 404 to modify one that is not', async () => {
      const demo = DEMO_SERVERS.find((s) => s.model === '48x')!;
      await expectError(await write(request(demo, 'save', complete(), demo.siteId)), 409, 'duplicate_server');
      await expectError(await write(request(free('48x'), 'save'), 'modify'), 404, 'not_found');
      const body = request(free('48x'), 'save');
      await expectError(await call('PUT', `/servers/${DEMO_SERVERS[0]!.mac}`, body), 400, 'bad_request');
    });

    it('replays the first answer byte for byte for the same key (one set of changes); another body with that key is a mismatch', async () => {
      const known = free('6x12');
      const key = newKey();
      const before = await latestSeq();
      const first = await write(request(known, 'save'), 'add', key);
      const firstText = await first.text();
      expect(first.status).toBe(201);
      const seqAfterFirst = await latestSeq();
      const again = await write(request(known, 'save'), 'add', key);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.text()).toBe(firstText);
      expect(await latestSeq()).toBe(seqAfterFirst);
      expect((await changesAfter(before)).filter((c) => c.entity === 'server')).toHaveLength(1);
      await expectError(await write(request(known, 'save', complete('Other')), 'add', key), 422, 'idempotency_mismatch');
    });

    it('stores a refusal under its key too: the replay gets the same refusal even after the state changed', async () => {
      const known = free('6x', 1);
      const key = newKey();
      const siteless = request(known, 'save', complete(), DEMO_SERVERS[1]!.siteId);
      await write(siteless, 'modify', key).then((res) => expectError(res, 404, 'not_found'));
      expect((await write(siteless)).status).toBe(201);
      const replay = await write(siteless, 'modify', key);
      await expectError(replay, 404, 'not_found');
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
    });

    it('answers 409 in_progress while the first request with the same key is still running', async () => {
      const held = portal.faults.hold({ method: 'POST', path: '/api/v1/servers' });
      const key = newKey();
      const body = request(free('Connect 324', 1), 'save');
      const first = write(body, 'add', key);
      await held.reached;
      await expectError(await write(body, 'add', key), 409, 'in_progress');
      held.release();
      expect((await first).status).toBe(201);
    });
  });

  describe('visibility', () => {
    it('hides and shows a server, with history; setting what it already has changes nothing', async () => {
      const demo = DEMO_SERVERS.find((s) => !s.hidden && s.model === '6x')!;
      const before = await latestSeq();
      const hidden = serverResponse.parse(await (await call('POST', `/servers/${demo.mac}/visibility`, { hidden: true })).json());
      expect(hidden.server).toMatchObject({ mac: demo.mac, hidden: true });
      const afterHide = await changesAfter(before);
      expect(afterHide.map((c) => c.entity)).toEqual(['server', 'serverHistory']);
      expect(afterHide[1]!.data).toMatchObject({ action: 'hidden' });
      const same = await latestSeq();
      await call('POST', `/servers/${demo.mac}/visibility`, { hidden: true });
      expect(await latestSeq()).toBe(same);
      const shown = serverResponse.parse(await (await call('POST', `/servers/${demo.mac}/visibility`, { hidden: false })).json());
      expect(shown.server.hidden).toBe(false);
      expect((await changesAfter(same))[1]!.data).toMatchObject({ action: 'unhidden' });
      await expectError(await call('POST', '/servers/000ADDEEEEEE/visibility', { hidden: true }), 404, 'not_found');
      await expectError(await call('POST', `/servers/${demo.mac}/visibility`, { hidden: 'yes' }), 400, 'bad_request');
    });
  });

  describe('activation (sandbox switch)', () => {
    it('activates a registered Connect server; the status arrives in the change feed with an activated record', async () => {
      const demo = DEMO_SERVERS.find((s) => s.status === 'registered')!;
      const before = await latestSeq();
      const res = await sandbox('POST', `/servers/${demo.mac}/activate`);
      expect(res.status).toBe(200);
      const changes = await changesAfter(before);
      expect(changes.map((c) => c.entity)).toEqual(['server', 'serverHistory']);
      expect(changes[0]!.data).toMatchObject({ mac: demo.mac, status: 'activated' });
      expect(changes[1]!.data).toMatchObject({ mac: demo.mac, action: 'activated', status: 'activated' });
    });

    it('refuses a saved Connect server (invalid_state) and a 24x (not_registrable)', async () => {
      const saved = DEMO_SERVERS.find((s) => s.model.startsWith('Connect') && s.status === 'saved')!;
      await expectError(await sandbox('POST', `/servers/${saved.mac}/activate`), 409, 'invalid_state');
      const model24 = DEMO_SERVERS.find((s) => s.model === '24x')!;
      await expectError(await sandbox('POST', `/servers/${model24.mac}/activate`), 422, 'not_registrable');
      await expectError(await sandbox('POST', '/servers/000ADDEEEEEE/activate'), 404, 'not_found');
      expect((await sandbox('GET', `/servers/${saved.mac}/activate`)).status).toBe(405);
    });
  });

  describe('RMA', () => {
    it('requests an RMA, refuses a second one, then the sandbox completes it: keys move to the replacement, history on both', async () => {
      const demo = DEMO_SERVERS.find((s) => s.model === 'Connect 731' && s.status === 'activated' && !s.hidden)!;
      const keysBefore = (await (await call('GET', `/systems/${demo.mac}/keys`, undefined, null)).json()) as {
        keys: { authCode: string }[];
      };
      expect(keysBefore.keys.length).toBeGreaterThan(0);
      const replacement = free('Connect 731', 1);

      await expectError(
        await call('POST', `/servers/${demo.mac}/rma`, { reason: 'Dead', replacementMac: '00:0A:DD:01' }),
        422,
        'invalid_mac',
      );
      await expectError(await call('POST', `/servers/${demo.mac}/rma`, { reason: 'Dead', replacementMac: demo.mac }), 422, 'invalid_mac');
      await expectError(
        await call('POST', `/servers/${demo.mac}/rma`, { reason: 'Dead', replacementMac: DEMO_SERVERS[0]!.mac }),
        409,
        'duplicate_server',
      );
      const before = await latestSeq();
      const requested = await call('POST', `/servers/${demo.mac}/rma`, { reason: 'Fan failure', replacementMac: replacement.mac });
      expect(requested.status).toBe(200);
      expect(serverResponse.parse(await requested.json()).server.rma).toMatchObject({
        reason: 'Fan failure',
        replacementMac: replacement.mac,
        state: 'requested',
        completedAt: null,
      });
      expect((await changesAfter(before))[1]!.data).toMatchObject({
        action: 'rma_requested',
        note: expect.stringContaining('Fan failure'),
      });
      await expectError(
        await call('POST', `/servers/${demo.mac}/rma`, { reason: 'Again', replacementMac: '000ADD777777' }),
        409,
        'invalid_state',
      );

      const mid = await latestSeq();
      const completed = await sandbox('POST', `/servers/${demo.mac}/complete-rma`);
      expect(completed.status).toBe(200);
      const changes = await changesAfter(mid);
      const moved = changes.flatMap((c) => (c.entity === 'featureKey' && c.data ? [c.data] : []));
      expect(moved.map((k) => k.authCode).sort()).toEqual(keysBefore.keys.map((k) => k.authCode).sort());
      for (const key of moved) {
        expect(key.mac).toBe(replacement.mac);
        expect(key.featureKey).toBe(generateFeatureKey(DEMO_SECRET, key.authCode, replacement.mac));
      }
      const servers = changes.flatMap((c) => (c.entity === 'server' && c.data ? [c.data] : []));
      expect(servers.find((s) => s.mac === demo.mac)!.rma).toMatchObject({ state: 'completed', completedAt: expect.any(String) });
      expect(servers.find((s) => s.mac === replacement.mac)).toMatchObject({
        serial: replacement.serial,
        status: 'registered',
        siteId: demo.siteId,
        rma: null,
      });
      const history = changes.flatMap((c) => (c.entity === 'serverHistory' && c.data ? [c.data] : []));
      expect(history.map((h) => [h.mac, h.action])).toEqual([
        [demo.mac, 'rma_completed'],
        [replacement.mac, 'rma_completed'],
      ]);
      expect(changes.some((c) => c.entity === 'system' && c.id === replacement.mac)).toBe(true);
      const keysAfter = (await (await call('GET', `/systems/${replacement.mac}/keys`, undefined, null)).json()) as { keys: unknown[] };
      expect(keysAfter.keys).toHaveLength(keysBefore.keys.length);

      await expectError(await sandbox('POST', `/servers/${demo.mac}/complete-rma`), 409, 'invalid_state');
      await expectError(
        await call('POST', `/servers/${demo.mac}/rma`, { reason: 'Again', replacementMac: '000ADD777777' }),
        409,
        'invalid_state',
      );
    });

    it("completes the demo's open RMA with its known replacement serial", async () => {
      const demo = DEMO_SERVERS.find((s) => s.rmaRequested)!;
      const res = await sandbox('POST', `/servers/${demo.mac}/complete-rma`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { replacement: { serial: string; mac: string; status: string } };
      expect(body.replacement).toMatchObject({ serial: DEMO_RMA_REPLACEMENT.serial, mac: DEMO_RMA_REPLACEMENT.mac, status: 'registered' });
    });
  });
});

describe('sandbox portal: servers in the numeric seed', () => {
  it('adds one server per ten systems, every one valid for the schema, with a history record', async () => {
    const portal = await startTestPortal({ seed: 200 });
    try {
      expect(portal.seeded).toMatchObject({ systems: 40, servers: 4 });
      const token = await portal.login();
      const page = changesResponse.parse(await (await portal.call('GET', '/api/v1/changes?limit=10000', { token })).json());
      const servers = page.changes.filter((c) => c.entity === 'server');
      expect(servers.map((c) => c.id)).toEqual(['000ADD000000', '000ADD00000A', '000ADD000014', '000ADD00001E']);
      expect(page.changes.filter((c) => c.entity === 'serverHistory')).toHaveLength(4);
    } finally {
      await portal.close();
    }
  });
});

describe('sandbox portal: the servers migration on a v1 database', () => {
  it('keeps every change and its seq, and seqs keep increasing after it, compacted tail included', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { openDatabase } = await import('../../../core/db/database');
    const { sandboxMigrations } = await import('../../../portal-sandbox/migrations');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-sandbox-v1-'));
    const file = path.join(dir, 'sandbox-portal.sqlite');
    const v1 = openDatabase({ file, migrations: sandboxMigrations.slice(0, 1) }).db;
    const insert = v1.prepare("INSERT INTO changes (partner_id, entity, entity_id, op, data) VALUES (NULL, 'sku', ?, 'upsert', '{}')");
    for (let i = 0; i < 5; i++) insert.run(`S${i}`);
    // The newest entries gone (as compaction drops tombstones): the next seq must still be 6.
    v1.prepare('DELETE FROM changes WHERE seq > 3').run();
    expect(() => v1.prepare("INSERT INTO changes (entity, entity_id, op) VALUES ('server', 'x', 'upsert')").run()).toThrow(/CHECK/);
    v1.close();

    const { db, schemaVersion } = openDatabase({ file, migrations: sandboxMigrations });
    try {
      expect(schemaVersion).toBe(2);
      expect(db.prepare('SELECT seq, entity_id FROM changes ORDER BY seq').all()).toEqual([
        { seq: 1, entity_id: 'S0' },
        { seq: 2, entity_id: 'S1' },
        { seq: 3, entity_id: 'S2' },
      ]);
      const { lastInsertRowid } = db
        .prepare("INSERT INTO changes (entity, entity_id, op) VALUES ('server', '000ADD000001', 'upsert')")
        .run();
      expect(Number(lastInsertRowid)).toBe(6);
      db.prepare("INSERT INTO changes (entity, entity_id, op) VALUES ('serverHistory', '1', 'upsert')").run();
      expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'changes'").pluck().get()).toBe(7);
      expect(() => db.prepare("INSERT INTO changes (entity, entity_id, op) VALUES ('gadget', 'x', 'upsert')").run()).toThrow(/CHECK/);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const table of ['known_serials', 'sites', 'servers', 'server_history']) {
        expect(db.prepare('SELECT count(*) FROM sqlite_master WHERE name = ?').pluck().get(table)).toBe(1);
      }
      expect(REGISTRATION_FIELDS.length).toBe(10);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a v1 sandbox started by this version serves its old changes and new server writes after them', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-sandbox-v1-'));
    const { openDatabase } = await import('../../../core/db/database');
    const { sandboxMigrations } = await import('../../../portal-sandbox/migrations');
    // A v1 database with data: made by migrating only v1, then filled through the v1 tables.
    const v1 = openDatabase({ file: path.join(dataDir, 'sandbox-portal.sqlite'), migrations: sandboxMigrations.slice(0, 1) }).db;
    const insert = v1.prepare("INSERT INTO changes (partner_id, entity, entity_id, op, data) VALUES (NULL, 'sku', ?, 'upsert', ?)");
    for (let i = 0; i < 3; i++) insert.run(`S${i}`, JSON.stringify({ sku: `S${i}`, description: `SKU ${i}` }));
    v1.close();
    const raw = new Database(path.join(dataDir, 'sandbox-portal.sqlite'), { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    raw.close();
    // Not seeded (there is data, but no partner): the store still opens and the schema is v2.
    const portal = await startTestPortal({ dataDir, seed: undefined });
    try {
      const db = new Database(portal.dataFile, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      expect(db.prepare('SELECT max(seq) FROM changes').pluck().get()).toBe(3);
      db.close();
    } finally {
      await portal.close();
    }
  });
});
