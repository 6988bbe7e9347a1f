import { translator } from '../../../core/messages/say';
/**
 * systems.add through the real core (real SQLite files) against the real sandbox portal over
 * 127.0.0.1: added, renamed, known and invalid rows; queued while the portal is away and sent
 * exactly once when it is back; a lost answer replayed with the same key; the contract's limit.
 */
import Database from 'better-sqlite3';
import type { ApiError } from '../../../core/rpc/errors';
import { formatMac } from '../../../core/domain/mac';
import { systemUpsertResponse } from '../../../core/portal-api/schemas';
import type { SystemOperation } from '../../../core/sync/contract';
import { useSandboxCores } from '../../support/sandbox-cores';
import type { SyncTestCore } from '../../support/sync-core';

type AddArgs = { systems: { mac: string; name?: string }[]; renames?: 'keep' | 'rename' };

/** What the sandbox stored for each POST /systems it acted on: key → status (201 added, 200 renamed). */
function systemRequestsRecorded(dataFile: string): Map<string, number> {
  const db = new Database(dataFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT key, status, response_body FROM idempotency').all() as {
      key: string;
      status: number;
      response_body: string;
    }[];
    return new Map(rows.filter((r) => 'created' in (JSON.parse(r.response_body) as object)).map((r) => [r.key, r.status]));
  } finally {
    db.close();
  }
}

/** The partner's systems on the sandbox with this MAC (0 or 1: never a duplicate). */
function sandboxSystems(dataFile: string, mac: string): { mac: string; name: string | null }[] {
  const db = new Database(dataFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT mac, name FROM systems WHERE mac = ?').all(mac) as { mac: string; name: string | null }[];
  } finally {
    db.close();
  }
}

describe('systems.add: the cache at once, the portal through the outbox', () => {
  const { portal, core, signedInCore: loggedInApp, restartPortal } = useSandboxCores();
  const add = (app: SyncTestCore, args: AddArgs) => app.client.invoke('systems.add', args as never);
  const addError = async (app: SyncTestCore, args: unknown) => {
    try {
      await app.client.invoke('systems.add', args as never);
    } catch (err) {
      return err as ApiError;
    }
    throw new Error('systems.add did not fail');
  };
  const cachedSystem = (app: SyncTestCore, mac: string) =>
    app.core.db.prepare('SELECT mac, name FROM systems WHERE mac = ?').all(mac) as { mac: string; name: string | null }[];
  const systemOperation = (app: SyncTestCore, id: number) => app.core.outbox.get(id) as SystemOperation;
  /** A demo system the cache knows, with its name. */
  const knownSystem = (app: SyncTestCore) =>
    app.core.db.prepare('SELECT mac, name FROM systems WHERE name IS NOT NULL ORDER BY mac LIMIT 1').get() as { mac: string; name: string };

  it('online: a new system is sent at once, and the change feed brings it back without a duplicate', async () => {
    const app = await loggedInApp();
    const systemsBefore = (await app.client.invoke('sync.status')).cached.systems;
    const result = await add(app, { systems: [{ mac: '00-0a-dd-5e-00-01', name: ' Front desk ' }] });
    expect(result.queued).toBe(false);
    expect(result.queuedReason).toBeNull();
    expect(result.rows).toEqual([
      { input: '00-0a-dd-5e-00-01', mac: '000ADD5E0001', status: 'added', message: null, operationId: expect.any(Number) },
    ]);
    const operation = systemOperation(app, result.rows[0]!.operationId!);
    expect(operation).toMatchObject({
      kind: 'system',
      status: 'done',
      request: { mac: '000ADD5E0001', systemName: 'Front desk', action: 'add' },
      result: { created: true },
    });
    expect(sandboxSystems(portal.dataFile, '000ADD5E0001')).toEqual([{ mac: '000ADD5E0001', name: 'Front desk' }]);

    expect((await app.client.invoke('sync.now')).ok).toBe(true);
    expect(cachedSystem(app, '000ADD5E0001')).toEqual([{ mac: '000ADD5E0001', name: 'Front desk' }]);
    expect((await app.client.invoke('sync.status')).cached.systems).toBe(systemsBefore + 1);
    expect(await app.client.invoke('systems.get', { mac: '5E0001' })).toMatchObject({ name: 'Front desk', keyCount: 0 });
  });

  it('offline: rows are added to the cache and queued; when the portal is back each is sent exactly once', async () => {
    const app = await loggedInApp();
    const known = knownSystem(app);
    await portal.close();

    const result = await add(app, {
      systems: [
        { mac: '000ADD5E0010', name: 'Lobby' },
        { mac: '5E0011', name: '' },
        { mac: known.mac, name: 'Renamed on site' },
      ],
      renames: 'rename',
    });
    expect(result.rows.map((r) => [r.mac, r.status])).toEqual([
      ['000ADD5E0010', 'added'],
      ['000ADD5E0011', 'added'],
      [known.mac, 'renamed'],
    ]);
    expect(result.rows[2]!.message?.message).toBe(`Renamed from “${known.name}”.`);
    expect(result.queued).toBe(true);
    expect(result.queuedReason?.message).toMatch(/cannot be reached/);
    // The cache has them at once: lookups and search work offline.
    expect(cachedSystem(app, '000ADD5E0010')).toEqual([{ mac: '000ADD5E0010', name: 'Lobby' }]);
    expect(cachedSystem(app, '000ADD5E0011')).toEqual([{ mac: '000ADD5E0011', name: null }]);
    expect(cachedSystem(app, known.mac)).toEqual([{ mac: known.mac, name: 'Renamed on site' }]);
    const listed = await app.client.invoke('sync.outbox', {});
    expect(listed.operations.map((o) => o.kind)).toEqual(['system', 'system', 'system']);
    expect(listed.counts.pending + listed.counts.inDoubt).toBe(3);
    const keys = listed.operations.map((o) => o.idempotencyKey);
    expect(new Set(keys).size).toBe(3);

    await restartPortal();
    expect((await app.client.invoke('sync.now')).ok).toBe(true);
    const operations = result.rows.map((r) => systemOperation(app, r.operationId!));
    expect(operations.map((o) => [o.status, o.result])).toEqual([
      ['done', { created: true }],
      ['done', { created: true }],
      ['done', { created: false }],
    ]);
    expect(operations.map((o) => o.idempotencyKey).sort()).toEqual([...keys].sort());
    // Once each on the portal: one stored answer per key, one system per MAC.
    const recorded = systemRequestsRecorded(portal.dataFile);
    expect(keys.map((key) => recorded.get(key)).sort()).toEqual([200, 201, 201]);
    expect(sandboxSystems(portal.dataFile, '000ADD5E0010')).toEqual([{ mac: '000ADD5E0010', name: 'Lobby' }]);
    expect(sandboxSystems(portal.dataFile, '000ADD5E0011')).toEqual([{ mac: '000ADD5E0011', name: null }]);
    expect(sandboxSystems(portal.dataFile, known.mac)).toEqual([{ mac: known.mac, name: 'Renamed on site' }]);

    // A replay with the same key gets the same answer and adds nothing.
    const token = await portal.login();
    const first = operations[0]!;
    const replay = await portal.call('POST', '/api/v1/systems', {
      token,
      key: first.idempotencyKey,
      body: { mac: '000ADD5E0010', systemName: 'Lobby' },
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(systemUpsertResponse.parse(await replay.json()).created).toBe(true);
    expect(sandboxSystems(portal.dataFile, '000ADD5E0010')).toHaveLength(1);
    expect((await app.client.invoke('sync.status')).outbox).toEqual({ pending: 0, inDoubt: 0, needsAttention: 0 });
  });

  it('the answer is lost after the portal added it: in doubt, replayed with the same key, added once', async () => {
    const app = await loggedInApp();
    portal.faults.arm({ kind: 'cut_after_commit' });
    const result = await add(app, { systems: [{ mac: '000ADD5E0020', name: 'Server room' }] });
    expect(result.queued).toBe(true);
    const id = result.rows[0]!.operationId!;
    expect(systemOperation(app, id).status).toBe('in_doubt');

    await app.client.invoke('sync.now');
    const done = systemOperation(app, id);
    expect(done).toMatchObject({ status: 'done', result: { created: true }, attempts: 2 });
    expect(systemRequestsRecorded(portal.dataFile).get(done.idempotencyKey)).toBe(201);
    expect(sandboxSystems(portal.dataFile, '000ADD5E0020')).toHaveLength(1);
    expect(cachedSystem(app, '000ADD5E0020')).toEqual([{ mac: '000ADD5E0020', name: 'Server room' }]);
  });

  it('a range that would rename known systems lists each first; by default they keep their names, renamed only when asked', async () => {
    const app = await loggedInApp();
    const known = knownSystem(app);
    const range = [
      { mac: '000ADD5E0030', name: 'Birch Dental 1' },
      { mac: known.mac, name: 'Birch Dental 2' },
    ];
    expect(await app.client.invoke('systems.renamesFor', { systems: range })).toEqual({
      renames: [{ mac: known.mac, currentName: known.name, newName: 'Birch Dental 2' }],
    });
    // The same name, no name or a MAC the cache does not know: nothing to rename.
    expect(
      await app.client.invoke('systems.renamesFor', {
        systems: [{ mac: known.mac, name: known.name }, { mac: known.mac.slice(6) }, range[0]!],
      }),
    ).toEqual({ renames: [] });

    const kept = await add(app, { systems: range });
    expect(kept.rows.map((r) => [r.mac, r.status])).toEqual([
      ['000ADD5E0030', 'added'],
      [known.mac, 'known'],
    ]);
    expect(kept.rows[1]!.message?.message).toBe(`${formatMac(known.mac)} kept its name “${known.name}” (not renamed to “Birch Dental 2”).`);
    expect(kept.rows[1]!.operationId).toBeNull();
    expect(cachedSystem(app, known.mac)).toEqual([known]);
    // Only the new system went to the outbox (and on to the portal); the known one is untouched there too.
    expect(app.core.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
    expect(sandboxSystems(portal.dataFile, known.mac)).toEqual([known]);

    const renamed = await add(app, { systems: range, renames: 'rename' });
    expect(renamed.rows.map((r) => [r.mac, r.status])).toEqual([
      ['000ADD5E0030', 'known'],
      [known.mac, 'renamed'],
    ]);
    expect(cachedSystem(app, known.mac)).toEqual([{ mac: known.mac, name: 'Birch Dental 2' }]);
  });

  it('known systems (same name, or no name given) are reported as known and nothing is queued', async () => {
    const app = await loggedInApp();
    const known = knownSystem(app);
    const result = await add(app, {
      systems: [
        { mac: known.mac, name: known.name },
        { mac: known.mac.slice(6), name: '' },
      ],
    });
    expect(result.rows.map((r) => r.status)).toEqual(['known', 'invalid']);
    expect(result.rows[0]!.message?.message).toMatch(/already known as “/);
    const nameless = await add(app, { systems: [{ mac: known.mac }] });
    expect(nameless.rows).toEqual([
      {
        input: known.mac,
        mac: known.mac,
        status: 'known',
        message: expect.objectContaining({ code: 'systems.add.knownAs' }),
        operationId: null,
      },
    ]);
    expect(nameless.queued).toBe(false);
    expect(app.core.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    expect(cachedSystem(app, known.mac)).toEqual([known]);
  });

  it('invalid and duplicate rows are reported with the reason while the valid ones proceed', async () => {
    const app = await loggedInApp();
    const result = await add(app, {
      systems: [
        { mac: '00:0A:DD:02:3F', name: 'Short' },
        { mac: '000ADD5E0030', name: 'Good' },
        { mac: 'not a mac', name: '' },
        { mac: '00:0a:dd:5e:00:30', name: 'Again' },
        { mac: '5E0031' },
      ],
    });
    expect(result.rows.map((r) => [r.status, r.message?.code ?? null])).toEqual([
      ['invalid', 'mac.wrongLength'],
      ['added', null],
      ['invalid', 'mac.badCharacter'],
      ['invalid', 'systems.add.repeated'],
      ['added', null],
    ]);
    expect(translator('fr')(result.rows[3]!.message!.code, result.rows[3]!.message!.params)).toBe(
      '00:0A:DD:5E:00:30 figure déjà dans cette liste (ligne 2).',
    );
    expect(result.rows.map((r) => [r.status, r.message?.message ?? null])).toEqual([
      ['invalid', 'A MAC address has 12 hex digits (or the last 6, after the vendor prefix 00:0A:DD); this has 10.'],
      ['added', null],
      ['invalid', '"n" (character 1) is not allowed: a MAC address has hex digits 0–9 and A–F, optionally separated by : - or .'],
      ['invalid', '00:0A:DD:5E:00:30 is already in this list (row 2).'],
      ['added', null],
    ]);
    expect(result.rows.filter((r) => r.operationId !== null)).toHaveLength(2);
    expect(sandboxSystems(portal.dataFile, '000ADD5E0030')).toEqual([{ mac: '000ADD5E0030', name: 'Good' }]);
    expect(sandboxSystems(portal.dataFile, '000ADD5E0031')).toEqual([{ mac: '000ADD5E0031', name: null }]);
  });

  it('51 systems are refused by the contract, naming the field; nothing is queued', async () => {
    const app = await loggedInApp();
    const systems = Array.from({ length: 51 }, (_, i) => ({ mac: `000ADD6${i.toString(16).padStart(5, '0')}` }));
    const error = await addError(app, { systems });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/systems/);
    expect(app.core.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    const fifty = await add(app, { systems: systems.slice(0, 50) });
    expect(fifty.rows.every((r) => r.status === 'added')).toBe(true);
    expect(fifty.queued).toBe(false);
  });

  it('a name over 200 characters or an empty list is refused by the contract', async () => {
    const app = await loggedInApp();
    expect((await addError(app, { systems: [] })).code).toBe('VALIDATION');
    expect((await addError(app, { systems: [{ mac: '5E0040', name: 'x'.repeat(201) }] })).code).toBe('VALIDATION');
  });

  it('signed out: queued and sent after signing in', async () => {
    const app = await loggedInApp();
    await app.client.invoke('session.logout');
    const result = await add(app, { systems: [{ mac: '000ADD5E0050', name: 'Later' }] });
    expect(result.queued).toBe(true);
    expect(result.queuedReason?.message).toMatch(/Sign in|Log in/);
    expect(sandboxSystems(portal.dataFile, '000ADD5E0050')).toEqual([]);
    await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
    await app.client.invoke('sync.now');
    expect(systemOperation(app, result.rows[0]!.operationId!).status).toBe('done');
    expect(sandboxSystems(portal.dataFile, '000ADD5E0050')).toEqual([{ mac: '000ADD5E0050', name: 'Later' }]);
  });

  it('a system the portal refuses needs attention with the portal’s reason, until dismissed', async () => {
    const app = await loggedInApp();
    // Past the contract's checks (as a portal with stricter rules would refuse): queued directly.
    const [operation] = app.core.outbox.enqueueSystems({
      portalUrl: portal.url,
      now: new Date(),
      plan: () => [{ mac: '000ADD5E0070', systemName: 'x'.repeat(201), action: 'add' }],
    });
    await app.client.invoke('sync.now');
    const refused = systemOperation(app, operation!.id);
    expect(refused.status).toBe('needs_attention');
    expect(refused.lastError).toMatch(/systemName/);
    expect((await app.client.invoke('sync.status')).outbox.needsAttention).toBe(1);
    expect((await app.client.invoke('sync.dismiss', { id: operation!.id })).status).toBe('dismissed');
    const audit = app.core.db.prepare('SELECT action FROM audit_log WHERE entity_id = ? ORDER BY id').pluck().all(String(operation!.id));
    expect(audit).toEqual(['system.queued', 'system.rejected', 'system.dismissed']);
  });

  it('without a portal configured it says so', async () => {
    const app = core({ portalUrl: null });
    const error = await addError(app, { systems: [{ mac: '000ADD5E0060', name: 'x' }] });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/No portal is configured/);
  });
});
