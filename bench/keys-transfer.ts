/**
 * Excel in and out of the cache: `npm run bench -- keys-transfer [--json] [--keys N]`.
 *
 * Builds its own cache of N keys (default 100,000) over N/5 systems in a temporary folder, and a
 * portal View Codes export of N rows (a title row above the header, US text dates, shared strings,
 * as the portal writes it). Then, each in a fresh Node process so the time includes loading
 * exceljs and the peak RSS is the job's own:
 *   - export_100k_s, export_100k_peak_rss_mb: `keys.export` of every key (targets ≤ 3 s, ≤ 300 MB);
 *   - import_100k_s: `keys.import` of the export file into an empty cache (target ≤ 5 s), read and
 *     written in the file worker; import_100k_read_s and import_100k_save_s split it (parsing the
 *     export, then the one transaction); import_100k_search_ready_s: from the start until search
 *     covers the new keys (a large file's are indexed in the background after the import);
 *     import_longest_stall_ms: the slowest answer to a ping sent every 5 ms throughout, index build
 *     included (target ≤ 100 ms).
 * `--import-only` skips the export.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventBus } from '../core/api/events';
import { openDatabase } from '../core/db/database';
import { formatAuthCode } from '../core/domain/auth-code';
import { formatMac } from '../core/domain/mac';
import { createKeysTransferHandlers, keyQueryRows } from '../core/keys/transfer-handlers';
import { loadExcelJs } from '../core/export/workbook';
import { keyFilter } from '../core/keys/contract';
import { figure } from './report';
import { SKUS } from '../portal-sandbox/seed';
import { seededRandom } from '../portal-sandbox/seeded-random';

const CHILD_FLAG = '--keys-transfer-child';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const DISTRIBUTORS = ['Allworx Corp.', 'ScanSource', 'Jenne Inc.', 'Ingram Micro'];
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789$&';

interface BenchKey {
  authCode: string;
  featureKey: string;
  sku: number;
  distributor: string;
  mac: string;
  redeemedAt: Date;
}

function* benchKeys(count: number): Generator<BenchKey> {
  const next = seededRandom(42);
  const pick = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  const start = Date.parse('2024-01-01T00:00:00.000Z');
  for (let i = 0; i < count; i++) {
    // Some keys begin with what a spreadsheet would take for a formula.
    const lead = i % 50 === 0 ? '=' : i % 50 === 1 ? '+' : '';
    yield {
      authCode: `${i.toString(36).toUpperCase().padStart(6, '0')}${pick(ALPHABET, 18)}`,
      featureKey: `${lead}${pick(KEY_ALPHABET, 4 - lead.length)}-${pick(KEY_ALPHABET, 4)}-${pick(KEY_ALPHABET, 4)}-${pick(KEY_ALPHABET, 4)}-${pick(KEY_ALPHABET, 4)}-${pick(KEY_ALPHABET, 4)}`,
      sku: i % SKUS.length,
      distributor: DISTRIBUTORS[i % DISTRIBUTORS.length]!,
      mac: `000ADD${Math.floor(i / 5)
        .toString(16)
        .toUpperCase()
        .padStart(6, '0')}`,
      redeemedAt: new Date(start + i * 61_000),
    };
  }
}

function buildCache(dataDir: string, count: number): void {
  const { db } = openDatabase({ file: path.join(dataDir, 'fieldkey.db') });
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare('UPDATE search_index SET keys_indexed_to = 0, systems_indexed_to = 0').run();
    const sku = db.prepare('INSERT INTO skus (sku, description, updated_at) VALUES (?, ?, ?)');
    for (const [number, description] of SKUS) sku.run(number, description, now);
    const system = db.prepare('INSERT OR IGNORE INTO systems (mac, name, customer, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    const key = db.prepare(
      'INSERT INTO feature_keys (auth_code, feature_key, sku, mac, distributor, redeemed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const k of benchKeys(count)) {
      system.run(k.mac, `System ${k.mac.slice(6)}`, `Customer ${Number.parseInt(k.mac.slice(6), 16) % 997}`, now, now);
      key.run(k.authCode, k.featureKey, SKUS[k.sku]![0], k.mac, k.distributor, k.redeemedAt.toISOString(), now);
    }
    db.prepare("INSERT INTO feature_keys_fts (feature_keys_fts) VALUES ('rebuild')").run();
    db.prepare("INSERT INTO systems_fts (systems_fts) VALUES ('rebuild')").run();
    db.prepare('UPDATE search_index SET keys_indexed_to = 9223372036854775807, systems_indexed_to = 9223372036854775807').run();
  })();
  db.close();
}

/** `10/14/2009 4:55:28 PM`, in UTC (the import reads it back in the zone the child runs in: UTC). */
function usDateTime(at: Date): string {
  const hour = at.getUTCHours() % 12 || 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getUTCMonth() + 1}/${at.getUTCDate()}/${at.getUTCFullYear()} ${hour}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} ${at.getUTCHours() < 12 ? 'AM' : 'PM'}`;
}

async function buildPortalExport(file: string, count: number): Promise<void> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('View Codes');
  sheet.addRow(['Feature Keys']).commit();
  sheet.addRow(['SKU', 'Distributor', 'Auth', 'Key', 'MAC', 'Redeemed', 'Details']).commit();
  for (const k of benchKeys(count)) {
    sheet
      .addRow([
        SKUS[k.sku]![1],
        k.distributor,
        formatAuthCode(k.authCode),
        k.featureKey,
        formatMac(k.mac),
        usDateTime(k.redeemedAt),
        'View',
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** Runs in a fresh process: one export or one import, then prints its time and peak RSS as JSON. */
async function child(): Promise<void> {
  const [job, dataDir, file] = process.argv.slice(process.argv.indexOf(CHILD_FLAG) + 1);
  const { db } = openDatabase({ file: path.join(dataDir!, 'fieldkey.db') });
  const events = new EventBus();
  // When the worker starts saving: the import's read and save halves, apart.
  let savingAt: number | null = null;
  events.subscribe((name, payload) => {
    if (name === 'imports.progress' && (payload as { phase: string }).phase === 'saving' && savingAt === null) savingAt = performance.now();
  });
  const handlers = createKeysTransferHandlers({
    db,
    events,
    now: () => new Date(),
    keyRows: keyQueryRows(db),
    utcOffset: () => 0,
  });
  const started = performance.now();
  let detail: unknown;
  /** When `keys.import` answered (the import's time leaves out the index build after it). */
  let importEnded: number | undefined;
  if (job === 'export') {
    const exported = await handlers['keys.export']({ filter: keyFilter.parse({}), jobId: 'bench-export-1' });
    detail = { fileName: exported.fileName, bytes: Buffer.from(exported.base64, 'base64').length };
  } else {
    const bytes = fs.readFileSync(file!);
    // A ping every 5 ms while the import runs: how long the core took to answer the slowest.
    let pinging = true;
    let longestStallMs = 0;
    let longestStallAt = 0;
    const pinger = (async () => {
      while (pinging) {
        const sent = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 5));
        handlers['keys.cancelExport']({ jobId: 'bench-ping-1' });
        const stall = performance.now() - sent - 5;
        if (stall > longestStallMs) {
          longestStallMs = stall;
          longestStallAt = (sent - started) / 1000;
        }
      }
    })();
    const report = await handlers['keys.import']({ fileName: path.basename(file!), bytes, importId: 'bench-import-1' });
    const ended = performance.now();
    importEnded = ended;
    // Then the search index's background build of the new keys (pings still answered meanwhile).
    const indexDeferred = db.prepare<[], number>('SELECT deferred FROM search_index WHERE id = 1').pluck();
    while (indexDeferred.get() === 1) await new Promise((resolve) => setTimeout(resolve, 20));
    const searchReady = performance.now();
    pinging = false;
    await pinger;
    const readSeconds = ((savingAt ?? ended) - started) / 1000;
    detail = {
      imported: report.imported,
      rejected: report.rejected.length,
      systemsAdded: report.systemsAdded,
      longestStallMs,
      longestStallAtSeconds: longestStallAt,
      readSeconds,
      saveSeconds: (ended - (savingAt ?? ended)) / 1000,
      searchReadySeconds: (searchReady - started) / 1000,
    };
  }
  const seconds = ((importEnded ?? performance.now()) - started) / 1000;
  const cpu = process.cpuUsage();
  db.close();
  // CPU seconds of the whole process (with loading exceljs): on a shared machine, the wall time's floor.
  detail = { ...(detail as object), processCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)) };
  process.stdout.write(`${JSON.stringify({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, detail })}\n`);
}

function runChild(args: string[]): { seconds: number; peakRssMb: number; detail: unknown } {
  const result = spawnSync(process.execPath, [process.argv[1]!, CHILD_FLAG, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`The ${args[0]} child failed (${result.status}).`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  const count = option('--keys', 100_000);
  const label = count === 100_000 ? '100k' : String(count);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-bench-transfer-'));
  try {
    const exportDir = path.join(root, 'export');
    const importDir = path.join(root, 'import');
    fs.mkdirSync(exportDir);
    fs.mkdirSync(importDir);
    console.log(`Building a cache of ${count.toLocaleString('en')} keys and a portal export of as many rows…`);
    if (!process.argv.includes('--import-only')) buildCache(exportDir, count);
    openDatabase({ file: path.join(importDir, 'fieldkey.db') }).db.close();
    const portalFile = path.join(root, 'View Codes.xlsx');
    await buildPortalExport(portalFile, count);
    console.log(`Portal export: ${(fs.statSync(portalFile).size / 1024 / 1024).toFixed(1)} MB.`);

    if (!process.argv.includes('--import-only')) {
      const exported = runChild(['export', exportDir]);
      console.log(`export: ${JSON.stringify(exported.detail)}`);
      figure(`export_${label}_s`, exported.seconds, 's', '≤ 3 s');
      figure(`export_${label}_peak_rss_mb`, exported.peakRssMb, 'MB', '≤ 300 MB');
    }

    const imported = runChild(['import', importDir, portalFile]);
    console.log(`import: ${JSON.stringify(imported.detail)}`);
    figure(`import_${label}_s`, imported.seconds, 's', '≤ 5 s');
    const split = imported.detail as { longestStallMs: number; readSeconds: number; saveSeconds: number; searchReadySeconds: number };
    figure(`import_${label}_read_s`, split.readSeconds, 's');
    figure(`import_${label}_save_s`, split.saveSeconds, 's');
    figure(`import_${label}_search_ready_s`, split.searchReadySeconds, 's');
    figure('import_longest_stall_ms', split.longestStallMs, 'ms', '≤ 100 ms');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv.includes(CHILD_FLAG)) {
  child().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
