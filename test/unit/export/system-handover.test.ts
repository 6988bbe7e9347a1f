import ExcelJS from 'exceljs';
import { EventBus } from '../../../core/api/events';
import { simpleKeyRows } from '../../../core/export/simple-key-source';
import { TXT_MIME_TYPE, XLSX_MIME_TYPE } from '../../../core/export/workbook';
import { createKeysTransferHandlers } from '../../../core/keys/transfer-handlers';
import { addKey, addSku, addSystem, openCache } from './key-cache';

const NOW = new Date('2026-11-30T15:04:00.000Z');

function seeded() {
  const db = openCache();
  addSku(db, '8210010', '8210010 - 6x Internet Call Access Key');
  addSku(db, '8210027', '8210027 - 6x User Upgrade 31-60 Users');
  addSystem(db, '000ADD023F8F', 'Lincoln Elementary', 'Lincoln School District', 'SN-1001');
  addSystem(db, '000ADD111111', null);
  const key = (authCode: string, featureKey: string, sku: string, redeemedAt: string) =>
    addKey(db, { authCode, featureKey, sku, mac: '000ADD023F8F', redeemedAt });
  key('2ZJCZN-2HEYV7-V3YJN8-5MSTGG', '8ak4-2PSR-fHmR-K4le-1pWl-1d0R', '8210010', '2009-10-14T20:55:28.000Z');
  key('2ETTZ5-61DA9F-V5KUJZ-3QC9R6', '=Fn&P-$sqS-D93i-RQe7-BB2g', '8210027', '2009-10-14T20:55:29.000Z');
  key('43XC98-68WTGB-CWMH53-YS4RA9', '$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK', '8210010', '2009-10-15T08:00:00.000Z');
  const handlers = createKeysTransferHandlers({
    db,
    events: new EventBus(),
    now: () => NOW,
    keyRows: simpleKeyRows(db),
    utcOffset: () => 0,
  });
  return { db, handlers };
}

describe('keys.exportSystem', () => {
  it('xlsx: system details on top, its keys, then the licence inventory', async () => {
    const { handlers } = seeded();
    const file = await handlers['keys.exportSystem']({ mac: '02:3f:8f', format: 'xlsx' });
    expect(file.fileName).toBe('FieldKey keys 000ADD023F8F 2026-11-30.xlsx');
    expect(file.mimeType).toBe(XLSX_MIME_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    expect(workbook.title).toBe('Feature keys for Lincoln Elementary');
    expect(workbook.creator).toBe('FieldKey');
    const sheet = workbook.worksheets[0]!;
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(sheet.getCell('A1').value).toBe('Feature keys for Lincoln Elementary');
    expect(values(3)).toEqual(['System name', 'Lincoln Elementary']);
    expect(values(4)).toEqual(['MAC address', '00:0A:DD:02:3F:8F']);
    expect(values(5)).toEqual(['Serial number', 'SN-1001']);
    expect(values(6)).toEqual(['Customer', 'Lincoln School District']);
    expect(sheet.getCell('A7').value).toBe('Exported on');
    expect((sheet.getCell('B7').value as Date).toISOString()).toBe('2026-11-30T15:04:00.000Z');
    expect(values(8)).toEqual(['Number of keys', 3]);

    expect(values(10)).toEqual(['SKU', 'Description', 'Auth Code', 'Feature Key', 'Redeemed']);
    expect(sheet.getRow(10).getCell(1).font?.bold).toBe(true);
    expect(values(11).slice(0, 4)).toEqual([
      '8210010',
      '6x Internet Call Access Key',
      '2ZJCZN-2HEYV7-V3YJN8-5MSTGG',
      '8ak4-2PSR-fHmR-K4le-1pWl-1d0R',
    ]);
    expect((sheet.getCell('E11').value as Date).toISOString()).toBe('2009-10-14T20:55:28.000Z');
    expect(sheet.getCell('E11').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(values(12).slice(0, 4)).toEqual([
      '8210010',
      '6x Internet Call Access Key',
      '43XC98-68WTGB-CWMH53-YS4RA9',
      '$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK',
    ]);
    const formulaLike = sheet.getCell('D13');
    expect(formulaLike.value).toBe('=Fn&P-$sqS-D93i-RQe7-BB2g');
    expect(formulaLike.type).toBe(ExcelJS.ValueType.String);

    expect(sheet.getCell('A15').value).toBe('Licence inventory');
    expect(values(16)).toEqual(['SKU', 'Description', 'Count']);
    expect(values(17)).toEqual(['8210010', '6x Internet Call Access Key', 2]);
    expect(values(18)).toEqual(['8210027', '6x User Upgrade 31-60 Users', 1]);
    expect(values(19).slice(1)).toEqual(['Total elementary features', 3]);

    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 10 });
    expect(sheet.autoFilter).toBe('A10:E13');
    expect(sheet.getColumn(3).width).toBe(29);
  });

  it('xlsx prints one page wide, landscape, with the keys header on every page', async () => {
    const { handlers } = seeded();
    const file = await handlers['keys.exportSystem']({ mac: '000ADD023F8F', format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    const setup = workbook.worksheets[0]!.pageSetup;
    expect(setup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '10:10' });
  });

  it('txt: the same content, aligned, with CRLF line ends', async () => {
    const { handlers } = seeded();
    const file = await handlers['keys.exportSystem']({ mac: '000ADD023F8F', format: 'txt' });
    expect(file.fileName).toBe('FieldKey keys 000ADD023F8F 2026-11-30.txt');
    expect(file.mimeType).toBe(TXT_MIME_TYPE);
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.trimEnd().split('\r\n')).toEqual([
      'Feature keys for Lincoln Elementary',
      '',
      'System name     Lincoln Elementary',
      'MAC address     00:0A:DD:02:3F:8F',
      'Serial number   SN-1001',
      'Customer        Lincoln School District',
      'Exported on     2026-11-30 15:04',
      'Number of keys  3',
      '',
      'SKU      Description                  Auth Code                    Feature Key                    Redeemed',
      '8210010  6x Internet Call Access Key  2ZJCZN-2HEYV7-V3YJN8-5MSTGG  8ak4-2PSR-fHmR-K4le-1pWl-1d0R  2009-10-14 20:55:28',
      '8210010  6x Internet Call Access Key  43XC98-68WTGB-CWMH53-YS4RA9  $ZLW-ncjw-Foeb-l8H8-ic0d-aYbK  2009-10-15 08:00:00',
      '8210027  6x User Upgrade 31-60 Users  2ETTZ5-61DA9F-V5KUJZ-3QC9R6  =Fn&P-$sqS-D93i-RQe7-BB2g      2009-10-14 20:55:29',
      '',
      'Licence inventory',
      'SKU      Description                  Count',
      '8210010  6x Internet Call Access Key      2',
      '8210027  6x User Upgrade 31-60 Users      1',
      '         Total elementary features        3',
    ]);
  });

  it('a system without keys still exports, saying so', async () => {
    const { handlers } = seeded();
    const text = Buffer.from((await handlers['keys.exportSystem']({ mac: '000ADD111111', format: 'txt' })).base64, 'base64').toString(
      'utf8',
    );
    expect(text).toContain('Feature keys for 00:0A:DD:11:11:11');
    expect(text).toContain('The cache holds no feature keys for this system.');
  });

  it('NOT_FOUND for a MAC the cache does not know, VALIDATION for a malformed one', async () => {
    const { handlers } = seeded();
    await expect(handlers['keys.exportSystem']({ mac: '000ADD999999', format: 'xlsx' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'FieldKey knows no system 00:0A:DD:99:99:99.',
    });
    await expect(handlers['keys.exportSystem']({ mac: '00:0A:DD:02:3F', format: 'txt' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
