/**
 * Files built as an attacker would (issue 19), each sent through the real core (in-process
 * transport, real SQLite in a temporary folder): every one is refused or reported with its
 * sentence, the core answers other calls while the file worker reads, the process's memory stays
 * bounded, and the database is exactly as before. Only liveness is asserted, never speed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import { createApiClient, type ApiClient } from '../../../core/api/client';
import type { ApiError } from '../../../core/rpc/errors';
import { createInProcessTransport } from '../../../core/rpc/transport/in-process';
import { createCore, type Core } from '../../../core/core';
import { readInWorker } from '../../../core/import/file-worker/read-in-worker';
import { JsonFileSettingsStore } from '../../../core/settings/store';
import { makeZip } from './zip-fixture';
import { portalWorkbook } from './portal-workbook';

const CODE = '43XC98-68WTGB-CWMH53-YS4RA9';
/** The process may grow by the worker's capped heap and its buffers; a bomb read in the core grew it by gigabytes. */
const RSS_BOUND_MB = 1_500;

let core: Core;
let client: ApiClient;
let closeTransport: () => void;
let dataDir: string;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-hostile-'));
  core = createCore({
    version: '0.0.0-test',
    dataDir,
    host: 'browser',
    settingsStore: new JsonFileSettingsStore(path.join(dataDir, 'settings.json')),
  });
  const transport = createInProcessTransport(core.server);
  closeTransport = () => transport.close();
  client = createApiClient(transport);
});

afterAll(() => {
  closeTransport();
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A portal export's import as the core hands it to the file worker. */
const importJob = (bytes: Buffer, fileName: string) =>
  ({ kind: 'portalImport', bytes, fileName, now: new Date().toISOString(), database: { file: core.db.name } }) as const;

/** Every table an import may write, to compare before and after. */
function snapshot() {
  const count = (table: string) => core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get();
  return ['feature_keys', 'systems', 'skus', 'code_inventory', 'bulk_jobs', 'audit_log'].map((table) => [table, count(table)]);
}

interface Attempt<T> {
  outcome: { ok: true; value: T } | { ok: false; error: ApiError };
  /** Pings answered while the import ran, and the slowest. */
  pings: number;
  slowestPingMs: number;
  rssGrowthMb: number;
}

/** Runs the call while pinging the core every 20 ms and sampling the process's RSS. */
async function attempt<T>(call: () => Promise<T>): Promise<Attempt<T>> {
  const rssBefore = process.memoryUsage.rss();
  let peak = rssBefore;
  let running = true;
  let pings = 0;
  let slowest = 0;
  const pinger = (async () => {
    while (running) {
      const at = performance.now();
      await client.invoke('app.info');
      if (running) {
        pings++;
        slowest = Math.max(slowest, performance.now() - at);
      }
      peak = Math.max(peak, process.memoryUsage.rss());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  let outcome: Attempt<T>['outcome'];
  try {
    outcome = { ok: true, value: await call() };
  } catch (err) {
    outcome = { ok: false, error: err as ApiError };
  }
  running = false;
  await pinger;
  return { outcome, pings, slowestPingMs: slowest, rssGrowthMb: (peak - rssBefore) / 1024 / 1024 };
}

function expectRefused<T>(result: Attempt<T>, sentence: RegExp): ApiError {
  if (result.outcome.ok) throw new Error('the file was accepted');
  expect(result.outcome.error.code).toBe('VALIDATION');
  expect(result.outcome.error.message).toMatch(sentence);
  return result.outcome.error;
}

/** The core answered while the worker read, at all (a generous bound, not a speed test). */
function expectAlive<T>(result: Attempt<T>) {
  expect(result.pings).toBeGreaterThan(0);
  expect(result.slowestPingMs).toBeLessThan(2_000);
  expect(result.rssGrowthMb).toBeLessThan(RSS_BOUND_MB);
}

// --- hand-built packages ---------------------------------------------------------------------

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

function workbookXml(sheets: number): Buffer {
  const list = Array.from({ length: sheets }, (_, i) => `<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  return Buffer.from(
    `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${list}</sheets></workbook>`,
  );
}

/** A package whose sheets are the given XML (deflated as given); enough for the checks that run before any reader. */
function packageOf(sheets: Buffer[], sharedStrings?: Buffer): Buffer {
  return makeZip([
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
    { name: 'xl/workbook.xml', data: workbookXml(sheets.length) },
    ...sheets.map((data, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data })),
    ...(sharedStrings ? [{ name: 'xl/sharedStrings.xml', data: sharedStrings }] : []),
  ]);
}

/** ~20 million empty cells in one row, no `r=` after the first: 80 MB of XML in a few hundred kilobytes. */
function emptyCellsBomb(cells = 20_000_000): Buffer {
  const sheet1 = Buffer.from(`${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>Code</t></is></c></row>${SHEET_TAIL}`);
  const sheet2 = Buffer.concat([
    Buffer.from(`${SHEET_HEAD}<row r="2"><c r="A2"/>`),
    Buffer.alloc(cells * 4, '<c/>'),
    Buffer.from(`</row>${SHEET_TAIL}`),
  ]);
  return packageOf([sheet1, sheet2]);
}

// --- pictures --------------------------------------------------------------------------------

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGBA PNG declaring `width`×`height` whose image data is `zlibData` (a bomb when it inflates to more). */
function pngOf(width: number, height: number, interlaced: boolean, zlibData: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 6;
  header[12] = interlaced ? 1 : 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlibData),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 1000×1000 declared (4 MB of pixels), 128 MB when inflated. */
const bombData = () => zlib.deflateSync(Buffer.alloc(128 * 1024 * 1024), { level: 9 });

/** A JPEG that is only a header declaring 60000×60000 pixels. */
function hugeJpeg(): Buffer {
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, 0xea, 0x60, 0xea, 0x60, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
  return Buffer.from([0xff, 0xd8, ...sof, 0xff, 0xd9]);
}

/** A distributor sheet with a header, one typed code, and the pictures placed down column B (one picture may be placed many times). */
async function sheetWithPictures(pictures: { bytes: Buffer; extension: 'png' | 'jpeg'; placed?: number }[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Codes');
  sheet.addRow(['Code', 'Barcode']);
  sheet.addRow([CODE]);
  let row = 1;
  for (const picture of pictures) {
    const imageId = workbook.addImage({ buffer: picture.bytes as never, extension: picture.extension });
    for (let i = 0; i < (picture.placed ?? 1); i++) {
      sheet.addImage(imageId, { tl: { col: 1, row: row++ }, ext: { width: 40, height: 20 } });
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// --- the attacks -----------------------------------------------------------------------------

describe('hostile files: refused with a sentence, the core alive, memory bounded, nothing written', () => {
  const cellsBomb = emptyCellsBomb();

  it('a sheet of 20 million empty cells, as a distributor sheet', async () => {
    const before = snapshot();
    const result = await attempt(() => client.invoke('codes.previewImport', { fileName: 'order.xlsx', bytes: cellsBomb }));
    expectRefused(result, /^The file has 20,000,002 cells in its sheets; FieldKey reads at most 1,000,000/);
    expectAlive(result);
    expect(snapshot()).toEqual(before);
  });

  it('the same sheet as a bulk file and as a portal export', async () => {
    const before = snapshot();
    const bulk = await attempt(() => client.invoke('bulk.createFromFile', { fileName: 'bulk.xlsx', bytes: cellsBomb }));
    expectRefused(bulk, /The file has 20,000,002 cells in its sheets/);
    expectAlive(bulk);
    const keys = await attempt(() => client.invoke('keys.import', { fileName: 'View Codes.xlsx', bytes: cellsBomb }));
    expectRefused(keys, /^The file has 20,000,002 cells in its sheets; FieldKey reads at most 12,000,000/);
    expectAlive(keys);
    expect(snapshot()).toEqual(before);
  });

  it('a workbook of 200 sheets', async () => {
    const before = snapshot();
    const sheet = Buffer.from(`${SHEET_HEAD}<row r="1"><c r="A1"><v>1</v></c></row>${SHEET_TAIL}`);
    const file = packageOf(Array.from({ length: 200 }, () => sheet));
    const result = await attempt(() => client.invoke('codes.previewImport', { fileName: 'sheets.xlsx', bytes: file }));
    expectRefused(result, /^The file has 200 sheets; FieldKey reads workbooks of at most 50 sheets/);
    expectAlive(result);
    expect(snapshot()).toEqual(before);
  });

  it('a million and a half shared strings', async () => {
    const before = snapshot();
    const strings = Buffer.concat([Buffer.from('<sst>'), Buffer.alloc(1_500_000 * 17, '<si><t>a</t></si>'), Buffer.from('</sst>')]);
    const sheet = Buffer.from(`${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`);
    const result = await attempt(() =>
      client.invoke('bulk.createFromFile', { fileName: 'strings.xlsx', bytes: packageOf([sheet], strings) }),
    );
    expectRefused(result, /The file has 1,500,000 shared texts; FieldKey reads at most 1,000,000/);
    expectAlive(result);
    expect(snapshot()).toEqual(before);
  });

  it('an interlaced and a plain PNG bomb: each picture listed as damaged, nothing inflated past its size', async () => {
    const before = snapshot();
    const data = bombData();
    const file = await sheetWithPictures([
      { bytes: pngOf(1000, 1000, true, data), extension: 'png' },
      { bytes: pngOf(1000, 1000, false, data), extension: 'png' },
    ]);
    expect(file.length).toBeLessThan(1024 * 1024);
    const result = await attempt(() => client.invoke('codes.previewImport', { fileName: 'bombs.xlsx', bytes: file }));
    if (!result.outcome.ok) throw result.outcome.error;
    const messages = result.outcome.value.pictures.map((picture) => [picture.cell, picture.state, picture.message]);
    expect(messages).toEqual([
      [
        'B2',
        'unreadable',
        expect.objectContaining({
          code: 'codes.picture.unreadable.damagedBecause',
          message: expect.stringMatching(/PNG picture is damaged \(its data unpacks to more than its 1000×1000 pixels need\)/),
        }),
      ],
      [
        'B3',
        'unreadable',
        expect.objectContaining({
          code: 'codes.picture.unreadable.damagedBecause',
          message: expect.stringMatching(/PNG picture is damaged \(its data unpacks to more than its 1000×1000 pixels need\)/),
        }),
      ],
    ]);
    expectAlive(result);
    expect(snapshot()).toEqual(before);
  });

  it('three 6300×6300 pictures: refused by the pixels a file may hold, before any is decoded', async () => {
    const before = snapshot();
    const big = pngOf(6300, 6300, false, zlib.deflateSync(Buffer.alloc(10)));
    const file = await sheetWithPictures([{ bytes: big, extension: 'png', placed: 3 }]);
    const result = await attempt(() => client.invoke('codes.previewImport', { fileName: 'big.xlsx', bytes: file }));
    expectRefused(result, /^The file's pictures hold 119 megapixels in all; FieldKey reads at most 100 megapixels/);
    expectAlive(result);
    expect(snapshot()).toEqual(before);
  });

  it('a JPEG whose header declares 60000×60000 pixels: listed with its size, never decoded', async () => {
    const before = snapshot();
    const file = await sheetWithPictures([{ bytes: hugeJpeg(), extension: 'jpeg' }]);
    const result = await attempt(() => client.invoke('codes.previewImport', { fileName: 'jpeg.xlsx', bytes: file }));
    if (!result.outcome.ok) throw result.outcome.error;
    expect(result.outcome.value.pictures[0]!.message?.message).toMatch(/the picture is 60000×60000 pixels \(3600 megapixels\)/);
    expectAlive(result);
    expect(snapshot()).toEqual(before);
  });

  it('one picture placed 600 times', async () => {
    const before = snapshot();
    const tiny = PNG.sync.write(Object.assign(new PNG({ width: 2, height: 2 }), { data: Buffer.alloc(16, 0xff) }));
    const file = await sheetWithPictures([{ bytes: tiny, extension: 'png', placed: 600 }]);
    const result = await attempt(() => client.invoke('codes.previewImport', { fileName: 'many.xlsx', bytes: file }));
    expectRefused(result, /^The file holds 600 pictures; FieldKey reads at most 500 in one file/);
    expectAlive(result);
    expect(snapshot()).toEqual(before);
  });
});

describe('the file worker', () => {
  const rows = (n: number) => [
    ['SKU', 'Distributor', 'Auth', 'Key', 'MAC', 'Redeemed'],
    ...Array.from({ length: n }, (_, i) => [
      '8210010 - 6x Internet Call Access Key',
      'Allworx Corp.',
      CODE,
      `key${i}`,
      `00:0A:DD:${String(i % 100).padStart(2, '0')}:00:01`,
      '10/14/2009 4:55:28 PM',
    ]),
  ];

  it('ends a worker that runs out of memory and says so, naming the file', async () => {
    const file = await portalWorkbook(rows(2_000));
    const read = readInWorker(importJob(file, 'View Codes.xlsx'), { fileName: 'View Codes.xlsx', timeoutMs: 60_000, heapMb: 8 });
    await expect(read).rejects.toThrow(
      /^View Codes\.xlsx is too large or damaged to read \(reading it needed more than 8 MB of memory\); nothing was saved/,
    );
  });

  it('ends a worker past its time budget', async () => {
    const file = await portalWorkbook(rows(10));
    const read = readInWorker(importJob(file, 'slow.xlsx'), { fileName: 'slow.xlsx', timeoutMs: 1 });
    await expect(read).rejects.toThrow(/^slow\.xlsx is too large or damaged to read \(reading it took more than 0 seconds\)/);
  });

  it('imports.cancel ends a running import: CANCELLED, progress ends with done, nothing written', async () => {
    const before = snapshot();
    const file = await portalWorkbook(rows(20_000));
    const progress: string[] = [];
    const off = client.on('imports.progress', (event) => {
      progress.push(event.phase);
      if (event.phase === 'reading' && progress.length === 1) void client.invoke('imports.cancel', { importId: 'import-cancel-1' });
    });
    await expect(
      client.invoke('keys.import', { fileName: 'View Codes.xlsx', bytes: file, importId: 'import-cancel-1' }),
    ).rejects.toMatchObject({ code: 'CANCELLED', message: 'The import of View Codes.xlsx was cancelled; nothing was saved.' });
    off();
    expect(progress.at(-1)).toBe('done');
    expect(await client.invoke('imports.cancel', { importId: 'import-cancel-1' })).toEqual({ cancelled: false });
    expect(snapshot()).toEqual(before);
  });

  it('a cancel while the keys are being saved (in the worker, on its own connection) rolls the whole file back; the core writes again at once', async () => {
    const before = snapshot();
    // 30,000 different codes: the save takes long enough for a cancel sent at its first 5,000 rows.
    const distinct = [
      ['SKU', 'Distributor', 'Auth', 'Key', 'MAC', 'Redeemed'],
      ...Array.from({ length: 30_000 }, (_, i) => [
        '8210010 - 6x Internet Call Access Key',
        'Allworx Corp.',
        `CANCEL${String(i).padStart(18, '0')}`,
        `key${i}`,
        `00:0A:DD:${String(i % 100).padStart(2, '0')}:00:02`,
        '10/14/2009 4:55:28 PM',
      ]),
    ];
    const file = await portalWorkbook(distinct);
    const saved: number[] = [];
    const off = client.on('imports.progress', (event) => {
      if (event.phase !== 'saving') return;
      saved.push(event.done);
      if (event.done >= 5_000 && saved.filter((done) => done >= 5_000).length === 1)
        void client.invoke('imports.cancel', { importId: 'import-cancel-2' });
    });
    await expect(
      client.invoke('keys.import', { fileName: 'View Codes.xlsx', bytes: file, importId: 'import-cancel-2' }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    off();
    expect(saved[0]).toBe(0);
    expect(saved.some((done) => done >= 5_000)).toBe(true);
    expect(snapshot()).toEqual(before);
    // The worker's connection is gone with its transaction: the core takes the write lock at once.
    core.db
      .prepare('INSERT INTO skus (sku, description, updated_at) VALUES (?, ?, ?)')
      .run('CANCELTEST', 'after the cancel', '2026-12-05T00:00:00.000Z');
    core.db.prepare('DELETE FROM skus WHERE sku = ?').run('CANCELTEST');
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
