/**
 * The code inventory: `npm run bench -- codes [--json] [--codes N]`.
 *
 * - balance_1m_ms: `codes.balance` (unredeemed codes by SKU, count and oldest import) over an
 *   inventory of N codes (default 1,000,000; seeded random statuses, SKUs and import times),
 *   written straight into SQLite; the median of 20 runs after a first one (target ≤ 50 ms). The
 *   bulk fill leaves the FTS insert trigger aside (the balance reads migration 006's counts, kept
 *   by their triggers during the fill, and one seek per group into the `(status, sku,
 *   imported_at)` index for the oldest import).
 * - import_15k_rows_s: `codes.previewImport` + `codes.confirmImport` of a generated 15,000-row
 *   distributor sheet (title row, header on row 3, codes in mixed forms) into an empty inventory,
 *   reading the workbook included (target ≤ 3 s, issue 19). `--rows N` for another size, 0 to skip it.
 * - import_200_pictures_s: the same for a workbook of N rows (`--pictures N`, default 200), each
 *   with a small barcode picture (Code 128 at 2 px per module and QR Code at 2 px per cell,
 *   alternately; the code typed beside it on every other row, the picture alone on the others),
 *   generated before the clock starts; the pictures decoded in the file worker (target ≤ 10 s, issue 19). Also printed:
 *   import_200_pictures_read_pct, the share of pictures read as their code, and the longest stall
 *   of the event loop during the preview (the browser host answers between pictures).
 */
import bwipjs from 'bwip-js/node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventBus } from '../core/api/events';
import { CodeQuery } from '../core/codes/code-query';
import { CodeInventory } from '../core/codes/inventory';
import type { CodeImportDraft, CodeImportResult } from '../core/codes/contract';
import { createCodes } from '../core/codes/handlers';
import { openDatabase } from '../core/db/database';
import { formatAuthCode } from '../core/domain/auth-code';
import type { PortalClient } from '../core/portal/client';
import { loadExcelJs } from '../core/export/workbook';
import { SKUS } from '../portal-sandbox/seed';
import { seededRandom } from '../portal-sandbox/seeded-random';
import { figure, median } from './report';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const STATUSES = ['available', 'available', 'available', 'unchecked', 'redeemed', 'redeemed', 'queued', 'unknown'] as const;
const DISTRIBUTORS = ['Allworx Corp.', 'ScanSource', 'Jenne Inc.', 'Ingram Micro'];

/** Distinct codes: a counter in base 36, then random letters (always one G–Z, so never all hex). */
function codeMaker(seed: number) {
  const next = seededRandom(seed);
  const pick = (length: number) => Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
  return { next, code: (i: number) => `${i.toString(36).toUpperCase().padStart(6, '0')}Z${pick(17)}` };
}

function balanceBench(count: number): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-bench-codes-'));
  try {
    const { db } = openDatabase({ file: path.join(dir, 'fieldkey.db') });
    const { next, code } = codeMaker(12);
    const start = Date.parse('2025-01-01T00:00:00.000Z');
    const filled = performance.now();
    db.exec('DROP TRIGGER code_inventory_fts_insert');
    const insert = db.prepare(
      `INSERT INTO code_inventory (auth_code, sku, description, distributor, source_kind, imported_at, status, redeemed_mac, redeemed_at)
       VALUES (?, ?, ?, ?, 'text', ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const status = STATUSES[Math.floor(next() * STATUSES.length)]!;
        const [sku, description] = next() < 0.05 ? [null, null] : SKUS[Math.floor(next() * SKUS.length)]!;
        const importedAt = new Date(start + Math.floor(next() * 600 * 86_400_000)).toISOString();
        insert.run(
          code(i),
          sku,
          description,
          DISTRIBUTORS[i % DISTRIBUTORS.length]!,
          importedAt,
          status,
          status === 'redeemed' ? '000ADD023F8F' : null,
          status === 'redeemed' ? importedAt : null,
        );
      }
    })();
    db.exec('ANALYZE');
    console.log(`inventory of ${count.toLocaleString('en-US')} codes written in ${((performance.now() - filled) / 1000).toFixed(1)} s`);
    const query = new CodeQuery(db);
    const first = performance.now();
    const balance = query.balance();
    const firstMs = performance.now() - first;
    const times: number[] = [];
    for (let run = 0; run < 20; run++) {
      const at = performance.now();
      query.balance();
      times.push(performance.now() - at);
    }
    console.log(
      `balance: ${balance.rows.length} SKUs, ${balance.total.toLocaleString('en-US')} unredeemed codes; first run ${firstMs.toFixed(1)} ms`,
    );
    figure(count === 1_000_000 ? 'balance_1m_ms' : `balance_${count}_ms`, median(times), 'ms', '≤ 50 ms');
    // What each redemption's queueing, send and answer costs the inventory: its own codes brought
    // in step (reconcileCodes), against the walk over every unredeemed code a sync run makes.
    const inventory = new CodeInventory(db);
    // The generated `queued` codes have no outbox operation: the first walk releases them all.
    inventory.reconcile();
    const fullAt = performance.now();
    inventory.reconcile();
    const fullMs = performance.now() - fullAt;
    const answerTimes: number[] = [];
    for (let run = 0; run < 20; run++) {
      const codes = Array.from({ length: 50 }, () => code(Math.floor(next() * count)));
      const at = performance.now();
      inventory.reconcileCodes(codes);
      answerTimes.push(performance.now() - at);
    }
    console.log(`inventory in step with the cache and outbox: walking every code ${fullMs.toFixed(1)} ms (nothing left to change)`);
    figure('reconcile_answer_ms', median(answerTimes), 'ms');
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function distributorSheet(rows: number): Promise<Buffer> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Order 2125469');
  sheet.getCell('A1').value = 'Authorization codes for order 2125469';
  sheet.getRow(3).values = ['Distributor', 'Part Number', 'Description', 'Voucher'];
  const { code } = codeMaker(7);
  for (let i = 0; i < rows - 2; i++) {
    const compact = code(i);
    const dashed = formatAuthCode(compact);
    // Mixed forms: canonical, lower case without dashes, spaced, embedded in a sentence.
    const text = [dashed, compact.toLowerCase(), dashed.replace(/-/g, ' '), `Code: ${dashed.toLowerCase()}`][i % 4]!;
    const [sku, description] = SKUS[i % SKUS.length]!;
    sheet.getRow(4 + i).values = [DISTRIBUTORS[i % DISTRIBUTORS.length]!, sku, description, text];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function importBench(rows: number): Promise<void> {
  const bytes = await distributorSheet(rows);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-bench-codes-'));
  try {
    const { db } = openDatabase({ file: path.join(dir, 'fieldkey.db') });
    const codes = createCodes({
      db,
      events: new EventBus(),
      now: () => new Date(),
      portalUrl: () => null,
      client: () => null as unknown as PortalClient,
      hasToken: async () => false,
    });
    const at = performance.now();
    const draft = (await codes.handlers['codes.previewImport']({
      fileName: 'order.xlsx',
      bytes: bytes,
    })) as CodeImportDraft;
    const previewed = performance.now();
    const confirmAt = performance.now();
    const result = (await codes.handlers['codes.confirmImport']({ draftId: draft.draftId, skip: [] })) as CodeImportResult;
    const seconds = (performance.now() - at) / 1000;
    console.log(
      `import: ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${draft.counts.codes.toLocaleString('en-US')} codes found, ${result.added.toLocaleString('en-US')} stored; preview ${((previewed - at) / 1000).toFixed(2)} s, confirm ${((performance.now() - confirmAt) / 1000).toFixed(2)} s`,
    );
    figure(rows === 15_000 ? 'import_15k_rows_s' : `import_${rows}_rows_s`, seconds, 's', '≤ 3 s');
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function pictureSheet(rows: number): Promise<{ bytes: Buffer; codes: string[] }> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Order 2125470');
  sheet.getCell('A1').value = 'Authorization codes for order 2125470';
  sheet.getRow(3).values = ['Part Number', 'Description', 'Voucher', 'Barcode'];
  const { code } = codeMaker(21);
  const codes: string[] = [];
  for (let i = 0; i < rows; i++) {
    const dashed = formatAuthCode(code(i));
    codes.push(dashed);
    const [sku, description] = SKUS[i % SKUS.length]!;
    sheet.getRow(4 + i).values = [sku, description, i % 2 === 0 ? dashed : null];
    sheet.getRow(4 + i).height = 48;
    const qr = i % 2 === 1;
    const png = await bwipjs.toBuffer(
      qr ? { bcid: 'qrcode', text: dashed, scale: 2 } : { bcid: 'code128', text: dashed, scale: 2, height: 10, includetext: false },
    );
    const image = workbook.addImage({ buffer: png as unknown as import('exceljs').Buffer, extension: 'png' });
    // As a distributor pastes it: the picture shown about at its own size in the Barcode column.
    sheet.addImage(image, { tl: { col: 3.1, row: 3 + i + 0.1 }, ext: qr ? { width: 60, height: 60 } : { width: 300, height: 56 } });
  }
  return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), codes };
}

async function pictureImportBench(rows: number): Promise<void> {
  const { bytes, codes: expected } = await pictureSheet(rows);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-bench-codes-'));
  try {
    const { db } = openDatabase({ file: path.join(dir, 'fieldkey.db') });
    const events = new EventBus();
    let progressEvents = 0;
    events.subscribe((name) => {
      if (name === 'codes.importProgress') progressEvents++;
    });
    const codes = createCodes({
      db,
      events,
      now: () => new Date(),
      portalUrl: () => null,
      client: () => null as unknown as PortalClient,
      hasToken: async () => false,
    });
    // The longest the event loop went without a turn while the preview ran.
    let longestStall = 0;
    let last = performance.now();
    let ticking = true;
    const tick = () => {
      const now = performance.now();
      longestStall = Math.max(longestStall, now - last);
      last = now;
      if (ticking) setImmediate(tick);
    };
    const at = performance.now();
    setImmediate(tick);
    let draft: CodeImportDraft;
    try {
      draft = (await codes.handlers['codes.previewImport']({
        fileName: 'order.xlsx',
        bytes: bytes,
      })) as CodeImportDraft;
    } finally {
      ticking = false;
    }
    const previewed = performance.now();
    const result = (await codes.handlers['codes.confirmImport']({ draftId: draft.draftId, skip: [] })) as CodeImportResult;
    const seconds = (performance.now() - at) / 1000;
    const read = draft.pictures.filter((picture, index) => picture.state === 'code' && picture.code === expected[index]).length;
    const byFormat = (format: string) => draft.pictures.filter((p) => p.state === 'code' && p.format === format).length;
    console.log(
      `picture import: ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${draft.counts.pictures} pictures, ${read} read as their code (Code 128 ${byFormat('Code128')}/${Math.ceil(rows / 2)}, QR ${byFormat('QRCode')}/${Math.floor(rows / 2)}); ${draft.counts.codes} codes (${draft.counts.fromBoth} typed and confirmed, ${draft.counts.fromPicture} from pictures only), ${result.added} stored; preview ${((previewed - at) / 1000).toFixed(2)} s, confirm ${((performance.now() - previewed) / 1000).toFixed(2)} s; ${progressEvents} progress events; longest event-loop stall ${longestStall.toFixed(0)} ms`,
    );
    figure(rows === 200 ? 'import_200_pictures_s' : `import_${rows}_pictures_s`, seconds, 's', '≤ 10 s');
    figure(rows === 200 ? 'import_200_pictures_read_pct' : `import_${rows}_pictures_read_pct`, (100 * read) / rows, '%');
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const inventorySize = option('--codes', 1_000_000);
if (inventorySize > 0) balanceBench(inventorySize);
if (option('--rows', 15_000) > 0) await importBench(option('--rows', 15_000));
const pictures = option('--pictures', 200);
if (pictures > 0) await pictureImportBench(pictures);
