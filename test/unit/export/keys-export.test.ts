import ExcelJS from 'exceljs';
import { ApiError } from '../../../core/rpc/errors';
import { EventBus } from '../../../core/api/events';
import type { Db } from '../../../core/db/database';
import { formatMac } from '../../../core/domain/mac';
import { KeyQuery } from '../../../core/keys/key-query';
import { createKeysTransferHandlers, keyQueryRows } from '../../../core/keys/transfer-handlers';
import { skuDescriptionText, XLSX_MIME_TYPE } from '../../../core/export/workbook';
import { type KeyExportProgress, type KeyRow, keyFilter } from '../../../core/keys/contract';
import { readPart } from '../import/zip-fixture';
import { addKey, addSystem, codeFor, fillCache, openCache } from './key-cache';

const NOW = new Date('2026-11-30T10:00:00.000Z');

function setup(db: Db, utcOffset = () => 0) {
  const events = new EventBus();
  const progress: KeyExportProgress[] = [];
  events.subscribe((name, payload) => {
    if (name === 'keys.exportProgress') progress.push(payload as KeyExportProgress);
  });
  const handlers = createKeysTransferHandlers({ db, events, now: () => NOW, keyRows: keyQueryRows(db), utcOffset });
  return { handlers, progress };
}

async function readBack(base64: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);
  return workbook;
}

const allRows = (db: Db, filter = keyFilter.parse({})): KeyRow[] => [...new KeyQuery(db).iterate(filter)];

describe('keys.export', () => {
  it('writes exactly the rows of the filter, in its order, with the Keys columns', async () => {
    const db = openCache();
    fillCache(db, 120);
    const filter = keyFilter.parse({ sort: 'mac', direction: 'asc', from: '2026-01-01', to: '2026-01-01' });
    const expected = allRows(db, filter);
    expect(expected.length).toBe(120);
    const file = await setup(db).handlers['keys.export']({ filter });
    expect(file.mimeType).toBe(XLSX_MIME_TYPE);
    expect(file.fileName).toBe('FieldKey keys 2026-01-01 to 2026-01-01.xlsx');
    const sheet = (await readBack(file.base64)).worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'SKU',
      'Description',
      'Distributor',
      'Auth Code',
      'Feature Key',
      'MAC',
      'System Name',
      'Customer',
      'Redeemed',
    ]);
    expect(sheet.rowCount).toBe(expected.length + 1);
    expected.forEach((key, index) => {
      const row = sheet.getRow(index + 2);
      expect(row.getCell(1).value).toBe(key.sku);
      expect(row.getCell(2).value).toBe(skuDescriptionText(key.sku, key.skuDescription));
      expect(row.getCell(3).value ?? null).toBe(key.distributor);
      expect(row.getCell(4).value).toBe(key.authCode);
      expect(row.getCell(5).value).toBe(key.featureKey);
      expect(row.getCell(6).value).toBe(formatMac(key.mac));
      expect(row.getCell(7).value).toBe(key.systemName);
      expect(row.getCell(8).value).toBe(key.customer);
      expect((row.getCell(9).value as Date).toISOString()).toBe(key.redeemedAt);
    });
  });

  it('writes exactly the rows of a search, as the Keys table shows them', async () => {
    const db = openCache();
    fillCache(db, 120);
    const filter = keyFilter.parse({ by: 'customer', contains: 'Customer 3', sort: 'systemName', direction: 'desc' });
    const expected = allRows(db, filter);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(120);
    const file = await setup(db).handlers['keys.export']({ filter });
    expect(file.fileName).toBe('FieldKey keys customer contains Customer 3 2026-11-30.xlsx');
    const sheet = (await readBack(file.base64)).worksheets[0]!;
    expect(sheet.rowCount).toBe(expected.length + 1);
    expected.forEach((key, index) => {
      expect(sheet.getRow(index + 2).getCell(4).value).toBe(key.authCode);
    });
  });

  it('follows the workbook rules: bold frozen header with autofilter, fitted widths, real dates, text cells, title and author', async () => {
    const db = openCache();
    fillCache(db, 30);
    db.prepare('UPDATE systems SET name = ? WHERE mac = ?').run('N'.repeat(200), '000ADD000000');
    const workbook = await readBack((await setup(db, () => -300).handlers['keys.export']({ filter: keyFilter.parse({}) })).base64);
    const sheet = workbook.worksheets[0]!;
    expect(workbook.title).toBe('FieldKey feature keys');
    expect(workbook.creator).toBe('FieldKey');
    expect(workbook.lastModifiedBy).toBe('FieldKey');
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:I31');
    // Auth codes are 27 characters, MACs 17; a 200-character name is capped.
    expect(sheet.getColumn(4).width).toBe(29);
    expect(sheet.getColumn(6).width).toBe(19);
    expect(sheet.getColumn(7).width).toBe(60);
    const newest = sheet.getRow(2);
    for (const column of [1, 4, 5, 6]) {
      expect(newest.getCell(column).type).toBe(ExcelJS.ValueType.String);
      expect(newest.getCell(column).numFmt).toBe('@');
    }
    const redeemed = newest.getCell(9);
    expect(redeemed.type).toBe(ExcelJS.ValueType.Date);
    expect(redeemed.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    // The newest key, 2026-01-01T00:29:00Z, at UTC−5.
    expect((redeemed.value as Date).toISOString()).toBe('2025-12-31T19:29:00.000Z');
  });

  it('keeps keys beginning with = + - @ as text: string cells, no formula in the sheet', async () => {
    const db = openCache();
    const leads = ['=SUM(A1)', '+ZLW', '-VN0', '@98F'];
    fillCache(db, 4, { firstKey: (n) => `${leads[n]}-ncjw-Foeb-l8H8-ic0d-aYbK` });
    const file = await setup(db).handlers['keys.export']({ filter: keyFilter.parse({ sort: 'authCode', direction: 'asc' }) });
    const sheet = (await readBack(file.base64)).worksheets[0]!;
    leads.forEach((lead, index) => {
      const cell = sheet.getRow(index + 2).getCell(5);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(`${lead}-ncjw-Foeb-l8H8-ic0d-aYbK`);
      expect(cell.formula).toBeUndefined();
    });
    const xml = readPart(Buffer.from(file.base64, 'base64'), 'xl/worksheets/sheet1.xml');
    expect(xml).not.toMatch(/<f[\s>]/);
    expect(xml).toContain('<c r="E2" s="');
    expect(xml).toMatch(/<c r="E2" s="\d+" t="inlineStr"><is><t>=SUM\(A1\)-ncjw/);
  });

  it('reports progress at most every 100 ms, ending with every row written', async () => {
    const db = openCache();
    fillCache(db, 5000);
    const { handlers, progress } = setup(db);
    await handlers['keys.export']({ filter: keyFilter.parse({}), jobId: 'job-progress-1' });
    expect(progress[0]).toEqual({ jobId: 'job-progress-1', rowsWritten: 0, totalRows: 5000 });
    expect(progress.at(-1)).toEqual({ jobId: 'job-progress-1', rowsWritten: 5000, totalRows: 5000 });
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.rowsWritten).toBeGreaterThanOrEqual(progress[i - 1]!.rowsWritten);
  });

  it('stops on keys.cancelExport and rejects with CANCELLED, returning no file', async () => {
    const db = openCache();
    fillCache(db, 5000);
    const { handlers } = setup(db);
    const exporting = handlers['keys.export']({ filter: keyFilter.parse({}), jobId: 'job-cancel-1' });
    expect(await handlers['keys.cancelExport']({ jobId: 'job-cancel-1' })).toEqual({ cancelled: true });
    const failure = await Promise.resolve(exporting).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ code: 'CANCELLED', message: 'Export cancelled.' });
    expect(await handlers['keys.cancelExport']({ jobId: 'job-cancel-1' })).toEqual({ cancelled: false });
  });

  it('lets other calls run, and write, between chunks', async () => {
    const db = openCache();
    fillCache(db, 5000);
    const events = new EventBus();
    const handlers = createKeysTransferHandlers({ db, events, now: () => NOW, keyRows: keyQueryRows(db), utcOffset: () => 0 });
    let wroteDuringExport = false;
    events.subscribe((name, payload) => {
      if (name === 'keys.exportProgress' && (payload as KeyExportProgress).rowsWritten > 0 && !wroteDuringExport) {
        // A redemption's answer arriving mid-export must not find the database busy.
        addSystem(db, '000ADDFFFFFF', 'Mid-export');
        addKey(db, {
          authCode: codeFor(999_999),
          featureKey: 'late-key',
          sku: '8210010',
          mac: '000ADDFFFFFF',
          redeemedAt: NOW.toISOString(),
        });
        wroteDuringExport = true;
      }
    });
    let otherCallRan = false;
    const exporting = handlers['keys.export']({
      filter: keyFilter.parse({ sort: 'authCode', direction: 'asc' }),
      jobId: 'job-concurrent-1',
    });
    setImmediate(() => {
      otherCallRan = true;
    });
    await exporting;
    expect(otherCallRan).toBe(true);
    expect(wroteDuringExport).toBe(true);
  });

  it('refuses a second export under a job id already running', async () => {
    const db = openCache();
    fillCache(db, 3000);
    const { handlers } = setup(db);
    const first = handlers['keys.export']({ filter: keyFilter.parse({}), jobId: 'job-twice-1' });
    await expect(handlers['keys.export']({ filter: keyFilter.parse({}), jobId: 'job-twice-1' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await first;
  });
});
