/**
 * Bulk jobs end to end against the real sandbox portal over 127.0.0.1, into real SQLite files:
 * draft → start → completed with some codes refused by the portal, offline start that completes
 * once the portal is back, a job from the inventory, and the Excel report.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { ApiError } from '../../../core/rpc/errors';
import type { Events } from '../../../core/api/contract';
import type { BulkJob } from '../../../core/bulk/contract';
import { rejectionOf } from '../../support/rejection';
import { useSandboxCores } from '../../support/sandbox-cores';
import { redemptionsRecorded, unredeemedCodes } from '../../support/sandbox-portal';
import type { SyncTestCore } from '../../support/sync-core';
import { csvOf, problemsOf } from './bulk-fixture';

const MAC_A = '000ADD0B0001';
const MAC_B = '000ADD0B0002';
const OTHER_MAC = '000ADD0B0FFF';

describe('bulk jobs against the sandbox portal', () => {
  const { portal, core, signedInCore: loggedInApp, restartPortal } = useSandboxCores();
  const bulkEvents = (app: SyncTestCore) => {
    const seen: Events['bulk.changed'][] = [];
    app.core.events.subscribe((name, payload) => {
      if (name === 'bulk.changed') seen.push(payload as Events['bulk.changed']);
    });
    return seen;
  };
  /** The jobs list reads a started job's counts without its rows: they must equal the rows' counts (bulk.get). */
  const expectListedLikeRows = async (app: SyncTestCore, job: BulkJob) => {
    const listed = (await app.client.invoke('bulk.list', {})).jobs.find((j) => j.id === job.id)!;
    expect([listed.progress, listed.macs]).toEqual([job.progress, job.macs]);
  };
  const fileJob = (app: SyncTestCore, rows: (string | null)[][], fileName = 'site rollout.csv') =>
    app.client.invoke('bulk.createFromFile', {
      fileName,
      bytes: csvOf([['MAC', 'Auth Code', 'System Name'], ...rows]),
    });

  it('a file job: draft, started, the portal refuses the codes redeemed elsewhere, the rest redeemed, completed, report complete', async () => {
    const app = await loggedInApp();
    const codes = (await unredeemedCodes(portal)).slice(0, 7).map((c) => c.code);
    const events = bulkEvents(app);
    const draft = await fileJob(app, [
      ...codes.slice(0, 5).map((code, i) => [MAC_A, code, i === 0 ? 'Front desk' : null]),
      ...codes.slice(5).map((code) => [MAC_B, code, 'Back office']),
    ]);
    expect(draft).toMatchObject({ name: 'site rollout', state: 'draft', macs: 2, waitingFor: null });

    // Two codes are redeemed on the portal by someone else after the draft was made.
    const token = await portal.login();
    const elsewhere = await portal.call('POST', '/api/v1/redemptions', {
      token,
      key: 'elsewhere-1',
      body: { mac: OTHER_MAC, authCodes: [codes[1], codes[6]] },
    });
    expect(elsewhere.status).toBe(200);

    const started = await app.client.invoke('bulk.start', { jobId: draft.id });
    expect(started.state).toBe('in_progress');
    expect(started.progress.operations).toBe(2);
    await app.core.sync.pushNow();

    const job = await app.client.invoke('bulk.get', { jobId: draft.id });
    expect(job.state).toBe('completed');
    expect(job.completedAt).not.toBeNull();
    expect(job.progress).toEqual({ total: 7, redeemed: 5, refused: 2, waiting: 0, operations: 2, operationsAnswered: 2 });
    await expectListedLikeRows(app, job);
    expect(job.rows.map((r) => [r.row, r.authCode, r.outcome])).toEqual([
      [2, codes[0], 'redeemed'],
      [3, codes[1], 'refused'],
      [4, codes[2], 'redeemed'],
      [5, codes[3], 'redeemed'],
      [6, codes[4], 'redeemed'],
      [7, codes[5], 'redeemed'],
      [8, codes[6], 'refused'],
    ]);
    for (const row of job.rows.filter((r) => r.outcome === 'redeemed')) {
      expect(row.featureKey).toBeTruthy();
      expect(row.redeemedAt).toBeTruthy();
      expect(row.skuDescription).toBeTruthy();
    }
    // The portal's own words, as it sent them: FieldKey adds no sentence of its own.
    for (const row of job.rows.filter((r) => r.outcome === 'refused')) {
      expect(row.reason).toMatch(/Already redeemed on 00:0A:DD:0B:0F:FF/);
      expect(row.refusal).toBeNull();
    }
    expect(job.rows.every((r) => r.systemName === (r.mac === MAC_A ? 'Front desk' : 'Back office'))).toBe(true);
    // Exactly once on the portal; the cache has the keys.
    const recorded = redemptionsRecorded(portal.dataFile);
    expect(codes.map((c) => recorded.get(c))).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(app.core.db.prepare('SELECT count(*) FROM feature_keys WHERE mac IN (?, ?)').pluck().get(MAC_A, MAC_B)).toBe(5);
    expect(events.at(-1)).toMatchObject({ jobId: draft.id, state: 'completed', progress: { redeemed: 5, refused: 2 } });
    expect(events.map((e) => e.state)).toEqual(expect.arrayContaining(['draft', 'in_progress', 'completed']));

    // Starting again changes nothing; a started job cannot be deleted or given another file; it can be renamed.
    expect(await app.client.invoke('bulk.start', { jobId: draft.id })).toMatchObject({ state: 'completed' });
    expect(app.core.db.prepare(`SELECT count(*) FROM outbox WHERE kind = 'redemption'`).pluck().get()).toBe(2);
    expect((await rejectionOf(app.client.invoke('bulk.delete', { jobId: draft.id }), ApiError)).code).toBe('CONFLICT');
    expect(
      (
        await rejectionOf(
          app.client.invoke('bulk.replaceFile', {
            jobId: draft.id,
            fileName: 'x.csv',
            bytes: csvOf([['MAC', 'Auth Code']]),
          }),
          ApiError,
        )
      ).code,
    ).toBe('CONFLICT');
    expect(await app.client.invoke('bulk.rename', { jobId: draft.id, name: 'Rollout done' })).toMatchObject({ name: 'Rollout done' });
    const list = await app.client.invoke('bulk.list', {});
    expect(list.jobs.map((j) => [j.id, j.state, j.waitingFor])).toEqual([[draft.id, 'completed', null]]);

    // The report: one row per code, header frozen, codes as text.
    const exported = await app.client.invoke('bulk.export', { jobId: draft.id });
    expect(exported.fileName).toMatch(/^FieldKey bulk Rollout done \d{4}-\d\d-\d\d\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Row',
      'MAC',
      'System Name',
      'Auth Code',
      'Outcome',
      'Feature Key',
      'SKU Description',
      'Reason',
      'Redeemed',
    ]);
    expect(sheet.rowCount).toBe(8);
    const second = sheet.getRow(3);
    expect([second.getCell(1).value, second.getCell(2).value, second.getCell(4).value, second.getCell(5).value]).toEqual([
      3,
      '00:0A:DD:0B:00:01',
      codes[1],
      'Refused',
    ]);
    expect(second.getCell(4).numFmt).toBe('@');
    expect(String(second.getCell(8).value)).toMatch(/Already redeemed/);
    const first = sheet.getRow(2);
    expect(first.getCell(6).value).toBe(job.rows[0]!.featureKey);
    expect(first.getCell(9).value).toBeInstanceOf(Date);
  });

  it('started offline: in progress, waiting for the connection; the portal back, it completes', async () => {
    const app = await loggedInApp();
    const codes = (await unredeemedCodes(portal)).slice(0, 3).map((c) => c.code);
    const draft = await fileJob(
      app,
      codes.map((code) => [MAC_A, code, null]),
    );
    await portal.close();

    const started = await app.client.invoke('bulk.start', { jobId: draft.id });
    expect(started.state).toBe('in_progress');
    expect((await app.core.sync.pushNow()).ok).toBe(false);
    const waiting = (await app.client.invoke('bulk.list', {})).jobs[0]!;
    expect(waiting).toMatchObject({
      state: 'in_progress',
      waitingFor: { code: 'bulk.waiting.offline', message: 'Waiting for the connection to the portal.' },
    });
    expect(waiting.progress).toMatchObject({ waiting: 3, operations: 1, operationsAnswered: 0 });
    // Its codes are held: another job cannot take them.
    const taken = await problemsOf(fileJob(app, [[MAC_B, codes[0]!, null]], 'again.csv'));
    expect(taken.problems).toEqual([expect.objectContaining({ rule: 'code_unused', row: 2 })]);

    await restartPortal();
    expect((await app.client.invoke('sync.now')).ok).toBe(true);
    const done = await app.client.invoke('bulk.get', { jobId: draft.id });
    expect(done).toMatchObject({ state: 'completed', waitingFor: null, progress: { redeemed: 3, waiting: 0 } });
    const recorded = redemptionsRecorded(portal.dataFile);
    expect(codes.map((c) => recorded.get(c))).toEqual([1, 1, 1]);
  });

  it('a job from the inventory takes the oldest available codes of each SKU not held elsewhere; they end redeemed in the inventory', async () => {
    const app = await loggedInApp();
    const all = await unredeemedCodes(portal);
    const sku = all[0]!.sku;
    const ofSku = all.filter((c) => c.sku === sku).slice(0, 4);
    expect(ofSku).toHaveLength(4);
    const insert = app.core.db.prepare(
      `INSERT INTO code_inventory (auth_code, sku, source_kind, imported_at, status) VALUES (?, ?, 'text', ?, 'available')`,
    );
    // Imported newest first, so the oldest import is the last code.
    for (const [i, c] of ofSku.entries()) insert.run(c.code.replace(/-/g, ''), sku, `2026-11-0${9 - i}T10:00:00.000Z`);

    const short = await problemsOf(
      app.client.invoke('bulk.createFromInventory', { items: [{ mac: '00:0a:dd:0b:00:01', skus: [{ sku, quantity: 5 }] }] }),
    );
    expect(short.problems).toEqual([
      expect.objectContaining({
        row: 1,
        column: 'SKU',
        message: expect.objectContaining({ code: 'bulk.problem.notEnough', message: expect.stringMatching(/only 4 available/) }),
      }),
    ]);
    const badMac = await problemsOf(
      app.client.invoke('bulk.createFromInventory', { items: [{ mac: 'nope', skus: [{ sku, quantity: 1 }] }] }),
    );
    expect(badMac.problems).toEqual([expect.objectContaining({ rule: 'mac_format', row: 1 })]);

    const job = await app.client.invoke('bulk.createFromInventory', {
      name: 'Two desks',
      items: [
        { mac: MAC_A, systemName: 'Desk A', skus: [{ sku, quantity: 2 }] },
        { mac: MAC_B, skus: [{ sku, quantity: 1 }] },
      ],
    });
    expect(job).toMatchObject({ name: 'Two desks', source: 'inventory', state: 'draft', macs: 2 });
    expect(job.rows.map((r) => [r.row, r.mac, r.systemName, r.authCode, r.sku])).toEqual([
      [1, MAC_A, 'Desk A', ofSku[3]!.code, sku],
      [2, MAC_A, 'Desk A', ofSku[2]!.code, sku],
      [3, MAC_B, null, ofSku[1]!.code, sku],
    ]);
    // The one code left is all another job can have.
    const more = await problemsOf(app.client.invoke('bulk.createFromInventory', { items: [{ mac: MAC_B, skus: [{ sku, quantity: 2 }] }] }));
    expect(more.problems[0]!.message.message).toMatch(/only 1 available/);
    expect(more.messageCode).toBe('bulk.refused.inventoryAtRow');
    // Pick from inventory (Redeem) offers only that code too: the draft holds the other three.
    expect(await app.client.invoke('codes.pick', { sku, count: 3 })).toEqual({ sku, codes: [ofSku[0]!.code], available: 1 });
    expect(await app.client.invoke('codes.pick', { sku, count: 3, exclude: [ofSku[0]!.code] })).toMatchObject({ codes: [] });

    await app.client.invoke('bulk.start', { jobId: job.id });
    const statusOf = app.core.db.prepare('SELECT status FROM code_inventory WHERE auth_code = ?').pluck();
    await app.core.sync.pushNow();
    expect(await app.client.invoke('bulk.get', { jobId: job.id })).toMatchObject({ state: 'completed', progress: { redeemed: 3 } });
    expect(ofSku.map((c) => statusOf.get(c.code.replace(/-/g, '')))).toEqual(['available', 'redeemed', 'redeemed', 'redeemed']);
  });

  it('a draft can be given another file, renamed and deleted; start re-checks its codes', async () => {
    const app = await loggedInApp();
    const codes = (await unredeemedCodes(portal)).slice(0, 3).map((c) => c.code);
    const draft = await fileJob(app, [[MAC_A, codes[0]!, null]]);
    const replaced = await app.client.invoke('bulk.replaceFile', {
      jobId: draft.id,
      fileName: 'second.csv',
      bytes: csvOf([
        ['MAC', 'Auth Code'],
        [MAC_A, codes[1]!],
        [MAC_B, codes[2]!],
      ]),
    });
    expect(replaced).toMatchObject({ fileName: 'second.csv', name: 'site rollout', progress: { total: 2 } });
    // Redeemed through the Redeem page meanwhile: the start is refused naming the row.
    await app.client.invoke('redeem.submit', { mac: MAC_B, authCodes: [codes[2]!] });
    const refused = await problemsOf(app.client.invoke('bulk.start', { jobId: draft.id }));
    expect(refused.problems).toEqual([expect.objectContaining({ rule: 'code_unused', row: 3 })]);
    expect((await app.client.invoke('bulk.get', { jobId: draft.id })).state).toBe('draft');
    expect(await app.client.invoke('bulk.delete', { jobId: draft.id })).toEqual({ deleted: true });
    expect((await rejectionOf(app.client.invoke('bulk.get', { jobId: draft.id }), ApiError)).code).toBe('NOT_FOUND');
  });

  it('signed out: waiting for sign-in; an operation refused whole refuses its codes; a crash after the last answer settles at start-up', async () => {
    const app = core({ portalUrl: 'http://127.0.0.1:9' });
    const a = 'BULKZZ-000001-CCCCCC-DDDDDD';
    const b = 'BULKZZ-000002-CCCCCC-DDDDDD';
    const draft = await fileJob(app, [
      [MAC_A, a, null],
      [MAC_B, b, null],
    ]);
    await app.client.invoke('bulk.start', { jobId: draft.id });
    await app.core.sync.pushNow();
    const waiting = await app.client.invoke('bulk.get', { jobId: draft.id });
    expect(waiting).toMatchObject({
      state: 'in_progress',
      waitingFor: { code: 'bulk.waiting.signIn', message: 'Waiting for you to sign in.' },
    });
    await expectListedLikeRows(app, waiting);
    const [first, second] = waiting.rows.map((r) => r.operationId!);
    expect(first).not.toBe(second);

    // The portal refuses the first operation whole (a 4xx): its code is refused with the reason; the job waits on the other.
    app.core.outbox.markRejected(first!, 'The portal refused this redemption: the system is not yours.', new Date());
    const half = await app.client.invoke('bulk.get', { jobId: draft.id });
    expect(half.state).toBe('in_progress');
    expect(half.rows.map((r) => [r.outcome, r.reason])).toEqual([
      ['refused', 'The portal refused this redemption: the system is not yours.'],
      ['waiting', null],
    ]);
    await expectListedLikeRows(app, half);

    // The second answer is recorded, and FieldKey stops before the job follows it (as a crash would).
    const { dataDir } = app;
    app.close();
    const db = new Database(path.join(dataDir, 'fieldkey.db'));
    db.prepare(`UPDATE outbox SET status = 'done', result = ? WHERE id = ?`).run(
      JSON.stringify([
        {
          authCode: b,
          status: 'redeemed',
          featureKey: 'KEY-B',
          sku: '8210010',
          skuDescription: 'Key',
          redeemedAt: '2026-11-30T10:00:00.000Z',
        },
      ]),
      second,
    );
    expect(db.prepare('SELECT state FROM bulk_jobs WHERE id = ?').pluck().get(draft.id)).toBe('in_progress');
    db.close();
    const restarted = core({ portalUrl: 'http://127.0.0.1:9', dataDir });
    const settled = await restarted.client.invoke('bulk.get', { jobId: draft.id });
    expect(settled).toMatchObject({ state: 'completed', progress: { redeemed: 1, refused: 1, waiting: 0, operationsAnswered: 2 } });
    expect(settled.rows[1]).toMatchObject({ outcome: 'redeemed', featureKey: 'KEY-B', redeemedAt: '2026-11-30T10:00:00.000Z' });
    await expectListedLikeRows(restarted, settled);
  });
});
