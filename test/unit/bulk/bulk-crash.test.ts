/**
 * Reliability of bulk jobs (issue 12, item 6): a job of 120 codes over 3 MACs (60/35/25, so one
 * MAC needs two operations: 4 in all) is started in a child process running the real core against
 * the sandbox portal in this process, killed with SIGKILL in the middle of `in_progress` (after
 * the first operation is answered, with the portal slowed so the others are not), restarted and
 * left to finish. Then: the job completed, every code redeemed exactly once on the portal and in
 * the cache, every operation queued once, the report with 120 rows and a feature key each.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { compactAuthCode } from '../../../core/domain/auth-code';
import { buildBulkChild, runBulkChild } from '../../support/bulk-crash-run';
import { useSandboxCores } from '../../support/sandbox-cores';
import { redemptionsRecorded, unredeemedCodes } from '../../support/sandbox-portal';
import { csvOf } from './bulk-fixture';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MACS = [
  ['000ADD0C0001', 60],
  ['000ADD0C0002', 35],
  ['000ADD0C0003', 25],
] as const;

describe('bulk job: SIGKILL in the middle of in_progress, then restart', () => {
  let outDir: string;
  let entry: string;
  const { portal, core } = useSandboxCores({ enableFaults: true });

  beforeAll(async () => {
    fs.mkdirSync(path.join(root, 'dist', 'test'), { recursive: true });
    outDir = fs.mkdtempSync(path.join(root, 'dist', 'test', 'bulk-crash-'));
    entry = await buildBulkChild({ root, outDir });
  }, 60_000);
  afterAll(() => {
    if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
  });

  /** The demo's 40 unredeemed codes and 80 more added to the sandbox's own database. */
  async function codesForTheJob(): Promise<string[]> {
    const demo = await unredeemedCodes(portal);
    const db = new Database(portal.dataFile);
    try {
      const add = db.prepare(`INSERT INTO auth_codes (code, sku, distributor) VALUES (?, ?, 'Bulk Test Supply')`);
      db.transaction(() => {
        for (let i = 0; i < 120 - demo.length; i++)
          add.run(`BULKK9-${String(i).padStart(6, '0')}-CRASH0-TEST00`, demo[i % demo.length]!.sku);
      })();
    } finally {
      db.close();
    }
    const codes = (await unredeemedCodes(portal)).map((c) => c.code);
    expect(codes).toHaveLength(120);
    return codes;
  }

  it('finishes after the restart: completed, every code redeemed exactly once, the report complete', async () => {
    const codes = await codesForTheJob();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-bulk-crash-'));
    const rows: string[][] = [['MAC', 'Auth Code', 'System Name']];
    let next = 0;
    for (const [mac, count] of MACS) for (let i = 0; i < count; i++) rows.push([mac, codes[next++]!, `Crash ${mac.slice(-1)}`]);
    const file = path.join(dataDir, 'crash job.csv');
    fs.writeFileSync(file, csvOf(rows));

    // The first start: killed right after the first answer; the portal is slowed once the job
    // starts, so the other three operations cannot all be answered before the kill lands.
    const first = await runBulkChild({
      entry,
      dataDir,
      portalUrl: portal.url,
      file,
      killAt: { marker: 'answered', nth: 1 },
      onMarker: (marker) => {
        if (marker.startsWith('started')) portal.faults.arm({ kind: 'slow', count: 20, delayMs: 400 });
      },
    });
    expect(first.killed, first.markers.join('\n')).toBe(true);
    expect(first.markers.filter((m) => m.startsWith('started'))).toHaveLength(1);

    // Where the kill landed: the job in progress, at least one operation answered, not all.
    const atKill = new Database(path.join(dataDir, 'fieldkey.db'), { readonly: true });
    const job = atKill.prepare('SELECT id, state FROM bulk_jobs').get() as { id: number; state: string };
    const statuses = atKill.prepare(`SELECT status FROM outbox WHERE kind = 'redemption' ORDER BY id`).pluck().all() as string[];
    atKill.close();
    expect(job.state).toBe('in_progress');
    expect(statuses).toHaveLength(4);
    const answered = statuses.filter((s) => s === 'done').length;
    expect(answered).toBeGreaterThanOrEqual(1);
    expect(answered).toBeLessThan(4);
    console.log(`bulk crash test: killed with ${answered} of 4 operations answered; ${statuses.join(', ')}`);

    // The second start: left to finish.
    portal.faults.clear();
    const second = await runBulkChild({ entry, dataDir, portalUrl: portal.url, file });
    expect(second.summary?.job, second.markers.join('\n')).toMatchObject({
      id: job.id,
      state: 'completed',
      progress: { total: 120, redeemed: 120, refused: 0, waiting: 0, operations: 4, operationsAnswered: 4 },
    });
    // It carried on with the job the first start made and started: no new job, no second start.
    expect(second.markers.filter((m) => /^(created|started)\b/.test(m))).toEqual([]);

    // Exactly once on the portal.
    const recorded = redemptionsRecorded(portal.dataFile);
    expect(codes.filter((c) => recorded.get(c) !== 1)).toEqual([]);
    expect(recorded.size).toBe(120);

    // The app: four operations (one per chunk, each queued once), all done; every key in the cache on its MAC.
    const app = core({ dataDir });
    const operations = app.core.db.prepare(`SELECT status, payload FROM outbox WHERE kind = 'redemption' ORDER BY id`).all() as {
      status: string;
      payload: string;
    }[];
    expect(operations.map((o) => o.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(
      operations.map((o) => JSON.parse(o.payload) as { mac: string; authCodes: string[] }).map((p) => [p.mac, p.authCodes.length]),
    ).toEqual([
      ['000ADD0C0001', 50],
      ['000ADD0C0001', 10],
      ['000ADD0C0002', 35],
      ['000ADD0C0003', 25],
    ]);
    const keyOf = app.core.db.prepare('SELECT mac FROM feature_keys WHERE auth_code = ?').pluck();
    next = 0;
    for (const [mac, count] of MACS) for (let i = 0; i < count; i++) expect(keyOf.get(compactAuthCode(codes[next++]!))).toBe(mac);

    const report = await app.client.invoke('bulk.get', { jobId: job.id });
    expect(report.rows).toHaveLength(120);
    expect(report.rows.filter((r) => r.outcome !== 'redeemed' || !r.featureKey)).toEqual([]);
    expect(new Set(report.rows.map((r) => r.authCode)).size).toBe(120);
    expect(app.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 180_000);
});
