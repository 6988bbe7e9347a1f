import ExcelJS from 'exceljs';
import { ApiError } from '../../../core/rpc/errors';
import { EventBus } from '../../../core/api/events';
import type { Db } from '../../../core/db/database';
import { createKeysTransferHandlers, keyQueryRows } from '../../../core/keys/transfer-handlers';
import { INDEX_IN_IMPORT_ROWS } from '../../../core/keys/import-keys';
import { MAX_SHARED_STRINGS_BYTES } from '../../../core/import/xlsx-package';
import { MAX_IMPORT_FILE_BYTES } from '../../../core/keys/contract';
import { prepareFeatureKeyWrites } from '../../../core/sync/feature-key-writes';
import { addKey, addSku, addSystem, openCache } from '../export/key-cache';
import { portalWorkbook } from './portal-workbook';
import { deflatedSpaces, makeZip } from './zip-fixture';

const NOW = new Date('2026-11-30T10:00:00.000Z');
const HEADER = ['SKU', 'Distributor', 'Auth', 'Key', 'MAC', 'Redeemed', 'Details'];
const SKU = '8210010 - 6x Internet Call Access Key';

function setup(db: Db = openCache()) {
  const events = new EventBus();
  const changed: unknown[] = [];
  events.subscribe((name, payload) => {
    if (name === 'keys.changed') changed.push(payload);
  });
  const handlers = createKeysTransferHandlers({ db, events, now: () => NOW, keyRows: keyQueryRows(db), utcOffset: () => 0 });
  const importFile = (bytes: Buffer, fileName = 'View Codes.xlsx') => handlers['keys.import']({ fileName, bytes: bytes });
  return { db, handlers, importFile, changed };
}

/** Everything an import may touch, to compare before and after. */
function snapshot(db: Db) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    keys: all('SELECT * FROM feature_keys ORDER BY auth_code'),
    systems: all('SELECT * FROM systems ORDER BY mac'),
    skus: all('SELECT * FROM skus ORDER BY sku'),
    audit: all('SELECT * FROM audit_log ORDER BY id'),
    keysIndexed: all('SELECT rowid FROM feature_keys_fts WHERE feature_keys_fts MATCH \'"ncjw"\' ORDER BY rowid'),
    searchIndex: all('SELECT * FROM search_index'),
  };
}

async function rejection(promise: unknown): Promise<ApiError> {
  const err = await Promise.resolve(promise).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

/** A cache holding one key (the first of the file below, identical) and one other (different in the file). */
function cacheWithTwoKeys(): Db {
  const db = openCache();
  addSku(db, '8210010', SKU);
  addSystem(db, '000ADD023F8F', 'Lincoln Elementary');
  addKey(db, {
    authCode: '2ZJCZN-2HEYV7-V3YJN8-5MSTGG',
    featureKey: '8ak4-2PSR-fHmR-K4le-1pWl-1d0R',
    sku: '8210010',
    mac: '000ADD023F8F',
    redeemedAt: '2009-10-14T16:55:28.000Z',
  });
  addKey(db, {
    authCode: '2ETTZ5-61DA9F-V5KUJZ-3QC9R6',
    featureKey: 'Fn&P-$sqS-D93i-RQe7-BB2g-s&DE',
    sku: '8210010',
    mac: '000ADD023F8F',
    redeemedAt: '2009-10-14T16:55:29.000Z',
  });
  return db;
}

const FILE_ROWS = [
  ['Feature Keys'],
  HEADER,
  [
    SKU,
    'Allworx Corp.',
    '2ZJCZN-2HEYV7-V3YJN8-5MSTGG',
    '8ak4-2PSR-fHmR-K4le-1pWl-1d0R',
    '00:0A:DD:02:3F:8F',
    '10/14/2009 4:55:28 PM',
    'View',
  ],
  [
    SKU,
    'Allworx Corp.',
    '2ETTZ5-61DA9F-V5KUJZ-3QC9R6',
    'XXXX-$sqS-D93i-RQe7-BB2g-s&DE',
    '00:0A:DD:02:3F:8F',
    '10/14/2009 4:55:29 PM',
    'View',
  ],
  [
    '8210027 - 6x User Upgrade 31-60 Users',
    'ScanSource',
    '43XC98-68WTGB-CWMH53-YS4RA9',
    '=ZLW-ncjw-Foeb-l8H8-ic0d-aYbK',
    '000a.dd11.2233',
    '11/2/2026 9:15:00 AM',
    'View',
  ],
  [SKU, null, '7DGNUY-WDE4V5-BXZF7J-SY758C', 'rVN0-ncjw-8rMi-Bf9C-ZjVI-CEcE', '02:3F:8F', '11/3/2026 10:00:00 AM', 'View'],
  [SKU, null, 'NOT-A-CODE', 'rVN0-ncjw-8rMi-Bf9C-ZjVI-CEcE', '02:3F:8F', '11/3/2026 10:00:00 AM', 'View'],
  [
    '8210027 - 6x User Upgrade 31-60 Users',
    'ScanSource',
    '43XC98-68WTGB-CWMH53-YS4RA9',
    '=ZLW-ncjw-Foeb-l8H8-ic0d-aYbK',
    '000ADD112233',
    '11/2/2026 9:15:00 AM',
    'View',
  ],
];

describe('keys.import', () => {
  it('imports new keys, counts identical ones, keeps the cache on conflicts, lists rejected rows', async () => {
    const { db, importFile, changed } = setup(cacheWithTwoKeys());
    const report = await importFile(await portalWorkbook(FILE_ROWS), 'View Codes 2026-11.xlsx');
    expect(report).toEqual({
      fileName: 'View Codes 2026-11.xlsx',
      sheetName: 'View Codes',
      headerRow: 2,
      imported: 2,
      // Row 3 is in the cache as it is; row 8 repeats row 5.
      alreadyPresent: 2,
      conflicts: [
        {
          row: 4,
          authCode: '2ETTZ5-61DA9F-V5KUJZ-3QC9R6',
          cached: { featureKey: 'Fn&P-$sqS-D93i-RQe7-BB2g-s&DE', mac: '000ADD023F8F' },
          file: { featureKey: 'XXXX-$sqS-D93i-RQe7-BB2g-s&DE', mac: '000ADD023F8F' },
        },
      ],
      rejected: [
        {
          row: 7,
          authCode: 'NOT-A-CODE',
          column: 'Auth',
          reason: {
            code: 'code.tooShort',
            params: { length: 8 },
            message: 'Auth: Too short: an authorization code has 24 letters and digits, this has 8.',
          },
        },
      ],
      systemsAdded: 1,
      // The days the file's keys (imported or already there) were redeemed: the report's Show these keys.
      redeemed: { from: '2009-10-14T16:55:28.000Z', to: '2026-11-03T10:00:00.000Z' },
    });
    const key = (code: string) =>
      db
        .prepare(
          'SELECT feature_key AS featureKey, sku, mac, distributor, redeemed_at AS redeemedAt, origin FROM feature_keys WHERE auth_code = ?',
        )
        .get(code);
    expect(key('2ETTZ568DA9FV5KUJZ3QC9R6'.replace('68DA9F', '61DA9F'))).toMatchObject({
      featureKey: 'Fn&P-$sqS-D93i-RQe7-BB2g-s&DE',
      origin: 'portal',
    });
    expect(key('43XC9868WTGBCWMH53YS4RA9')).toEqual({
      featureKey: '=ZLW-ncjw-Foeb-l8H8-ic0d-aYbK',
      sku: '8210027',
      mac: '000ADD112233',
      distributor: 'ScanSource',
      redeemedAt: '2026-11-02T09:15:00.000Z',
      origin: 'import',
    });
    expect(key('7DGNUYWDE4V5BXZF7JSY758C')).toMatchObject({ mac: '000ADD023F8F', distributor: null, origin: 'import' });
    expect(db.prepare('SELECT description FROM skus WHERE sku = ?').get('8210027')).toEqual({
      description: '8210027 - 6x User Upgrade 31-60 Users',
    });
    expect(db.prepare('SELECT mac, name FROM systems ORDER BY mac').all()).toEqual([
      { mac: '000ADD023F8F', name: 'Lincoln Elementary' },
      { mac: '000ADD112233', name: null },
    ]);
    const audit = db.prepare('SELECT at, action, entity, entity_id AS entityId, details FROM audit_log').all() as { details: string }[];
    expect(audit).toEqual([
      { at: NOW.toISOString(), action: 'keys.import', entity: 'import', entityId: 'View Codes 2026-11.xlsx', details: expect.any(String) },
    ]);
    expect(JSON.parse(audit[0]!.details)).toEqual({
      sheetName: 'View Codes',
      headerRow: 2,
      imported: 2,
      alreadyPresent: 2,
      conflicts: 1,
      rejected: 1,
      systemsAdded: 1,
    });
    expect(changed).toEqual([{ reason: 'import' }]);
  });

  it('indexes imported keys and systems for search, in the same transaction', async () => {
    const { db, importFile } = setup();
    await importFile(await portalWorkbook(FILE_ROWS));
    const found = db
      .prepare(
        'SELECT k.auth_code AS code FROM feature_keys_fts f JOIN feature_keys k ON k.rowid = f.rowid WHERE feature_keys_fts MATCH \'"ZLW-ncjw"\'',
      )
      .all();
    expect(found).toEqual([{ code: '43XC9868WTGBCWMH53YS4RA9' }]);
    expect(db.prepare('SELECT rowid FROM systems_fts WHERE systems_fts MATCH \'"112233"\'').all()).toHaveLength(1);
    expect(db.prepare('SELECT deferred FROM search_index').get()).toEqual({ deferred: 0 });
  });

  it("leaves a large file's keys to the background index build: searchable once it ends, then keys.changed again", async () => {
    const { db, importFile, changed } = setup();
    const indexesBefore = keyIndexes(db);
    const count = INDEX_IN_IMPORT_ROWS + 1;
    const rows = largeFileRows(count);
    const report = await importFile(await portalWorkbook([HEADER, ...rows]));
    expect(report.imported).toBe(count);
    // The key table's indexes were set aside for the load and built again at its end.
    expect(keyIndexes(db)).toEqual(indexesBefore);
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    // Nothing indexed by the import itself: the triggers stood aside, the builder has the rest.
    expect(db.prepare('SELECT deferred FROM search_index').get()).toEqual({ deferred: 1 });
    expect(changed).toEqual([{ reason: 'import' }]);
    await vi.waitFor(() => expect(changed).toHaveLength(2), { timeout: 30_000 });
    expect(db.prepare('SELECT deferred FROM search_index').get()).toEqual({ deferred: 0 });
    const last = (count - 1).toString(36).toUpperCase().padStart(6, '0');
    expect(db.prepare(`SELECT count(*) AS n FROM feature_keys_fts WHERE feature_keys_fts MATCH '"k${last}-wxyz"'`).get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM feature_keys_fts').get()).toEqual({ n: count });
    expect(db.prepare('SELECT count(*) AS n FROM systems_fts').get()).toEqual({ n: 4096 });
  });

  it('a large file that fails part-way leaves the cache and its indexes as they were', async () => {
    const { db, importFile, changed } = setup();
    const indexesBefore = keyIndexes(db);
    const before = snapshot(db);
    const rows = largeFileRows(INDEX_IN_IMPORT_ROWS + 1);
    db.exec(`CREATE TRIGGER fail_mid_import BEFORE INSERT ON feature_keys WHEN new.auth_code = '00000AAAAAAAAAAAAAAAAAAA'
             BEGIN SELECT RAISE(ABORT, 'disk trouble'); END;`);
    await expect(importFile(await portalWorkbook([HEADER, ...rows]))).rejects.toThrow('disk trouble');
    expect(keyIndexes(db)).toEqual(indexesBefore);
    expect(snapshot(db)).toEqual(before);
    expect(changed).toEqual([]);
  });

  it('imports nothing when a write fails part-way: the cache is exactly as it was', async () => {
    const db = cacheWithTwoKeys();
    // A failure on the second new key, after the first was written.
    db.exec(`CREATE TRIGGER fail_mid_import BEFORE INSERT ON feature_keys WHEN new.auth_code = '7DGNUYWDE4V5BXZF7JSY758C'
             BEGIN SELECT RAISE(ABORT, 'disk trouble'); END;`);
    const { importFile, changed } = setup(db);
    const before = snapshot(db);
    await expect(importFile(await portalWorkbook(FILE_ROWS))).rejects.toThrow('disk trouble');
    expect(snapshot(db)).toEqual(before);
    expect(changed).toEqual([]);
  });

  it('marks imported keys until a sync confirms them: a pull of the same key makes it a portal key', async () => {
    const { db, importFile } = setup();
    await importFile(await portalWorkbook(FILE_ROWS.slice(0, 3)));
    const origin = () =>
      (db.prepare("SELECT origin FROM feature_keys WHERE auth_code = '2ZJCZN2HEYV7V3YJN85MSTGG'").get() as { origin: string }).origin;
    expect(origin()).toBe('import');
    // The pull's upsert, as it lands a key the portal confirms.
    prepareFeatureKeyWrites(db).upsertKey.run(
      '2ZJCZN2HEYV7V3YJN85MSTGG',
      '8ak4-2PSR-fHmR-K4le-1pWl-1d0R',
      '8210010',
      '000ADD023F8F',
      'Allworx Corp.',
      '2009-10-14T16:55:28.000Z',
      NOW.toISOString(),
    );
    expect(origin()).toBe('portal');
  });

  it('imports a real Excel date as the wall-clock time it shows', async () => {
    const { db, importFile } = setup();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Keys');
    sheet.addRow(HEADER);
    const row = sheet.addRow([
      SKU,
      'Allworx Corp.',
      '2ZJCZN-2HEYV7-V3YJN8-5MSTGG',
      'k',
      '000ADD023F8F',
      new Date('2009-10-14T16:55:28.000Z'),
    ]);
    row.getCell(6).numFmt = 'm/d/yyyy h:mm:ss AM/PM';
    await importFile(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(db.prepare('SELECT redeemed_at AS at FROM feature_keys').get()).toEqual({ at: '2009-10-14T16:55:28.000Z' });
  });
});

describe('keys.import refuses a file it cannot take, importing nothing', () => {
  const contentTypes = { name: '[Content_Types].xml', data: Buffer.from('<Types/>') };
  const workbookPart = { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') };

  it.each([
    ['a text file', Buffer.from('SKU,Auth,Key\n8210010,2ZJCZN-2HEYV7-V3YJN8-5MSTGG,x\n'), /^The file is not an Excel workbook \(\.xlsx\)/],
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n'), /^The file is not an Excel workbook/],
    [
      'an old .xls',
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
      /old-format \.xls workbook or a password-protected one/,
    ],
    ['an empty file', Buffer.alloc(0), /^The file is empty\.$/],
    [
      'a zip that is no workbook',
      makeZip([{ name: 'readme.txt', data: Buffer.from('hello') }]),
      /^The file is a zip archive but not an Excel workbook/,
    ],
    ['a zip cut short', makeZip([contentTypes, workbookPart]).subarray(0, 60), /^The file is damaged/],
    [
      'a zip whose part lies about its size',
      makeZip([contentTypes, { ...workbookPart, declaredSize: 5 }]),
      /^The file is damaged \(part xl\/workbook\.xml is not the size its directory says\)/,
    ],
    [
      'a zip with data hidden between its parts',
      makeZip([contentTypes, workbookPart], { junkBetweenParts: true }),
      /^The file is damaged \(it holds data outside its listed parts\)/,
    ],
    [
      'a part that is not deflate data',
      makeZip([contentTypes, { ...workbookPart, deflated: Buffer.from('not deflate at all') }]),
      /^The file is damaged/,
    ],
    [
      'a workbook exceljs cannot read',
      makeZip([contentTypes, workbookPart]),
      /^The file is damaged: it cannot be read as an Excel workbook|^No header row found/,
    ],
  ])('%s', async (_case, bytes, message) => {
    const { db, importFile } = setup(cacheWithTwoKeys());
    const before = snapshot(db);
    const err = await rejection(importFile(bytes));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(message);
    expect(snapshot(db)).toEqual(before);
  });

  it('a zip bomb, with bounded memory', async () => {
    const bomb = makeZip([
      contentTypes,
      workbookPart,
      {
        name: 'xl/sharedStrings.xml',
        data: Buffer.alloc(0),
        declaredSize: MAX_SHARED_STRINGS_BYTES + 1024,
        deflated: deflatedSpaces(MAX_SHARED_STRINGS_BYTES + 1024),
      },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const { importFile } = setup();
    const err = await rejection(importFile(bomb));
    expect(err.message).toMatch(/^The file unpacks to more than 300 MB \(or its text to more than 100 MB\)/);
  });

  it('a file larger than the limit, saying the limit', async () => {
    const { importFile } = setup();
    const err = await rejection(importFile(Buffer.alloc(MAX_IMPORT_FILE_BYTES + 1)));
    expect(err.message).toBe('The file is larger than 25 MB, the most FieldKey imports at once: export a shorter period from the portal.');
  });

  it('a sheet without the View Codes header', async () => {
    const { importFile } = setup();
    const err = await rejection(
      importFile(
        await portalWorkbook([
          ['Name', 'Phone'],
          ['A', '1'],
        ]),
      ),
    );
    expect(err.message).toMatch(/^No header row found in the first 20 rows/);
  });
});

/** The portal-export rows of a file just too large to be indexed within its import. */
function largeFileRows(count: number): string[][] {
  return Array.from({ length: count }, (_, i) => {
    const n = i.toString(36).toUpperCase().padStart(6, '0');
    return [
      SKU,
      'Allworx Corp.',
      `${n}AAAAAAAAAAAAAAAAAA`,
      `k${n}-wxyz-0000-0000-0000-0000`,
      `000ADD${(i % 4096).toString(16).toUpperCase().padStart(6, '0')}`,
      '11/2/2026 9:15:00 AM',
    ];
  });
}

/** The key table's indexes, as the schema writes them. */
function keyIndexes(db: Db): unknown[] {
  return db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'feature_keys' ORDER BY name").all();
}
