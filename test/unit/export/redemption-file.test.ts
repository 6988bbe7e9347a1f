import ExcelJS from 'exceljs';
import { exportRedemption, redemptionFileName, TXT_MIME_TYPE, XLSX_MIME_TYPE } from '../../../core/redeem/redemption-file';
import type { RedemptionResult } from '../../../core/portal-api/schemas';

const NOW = new Date('2026-11-23T22:30:00.000Z');
const UTC = { utcOffsetMinutes: () => 0 };

const redeemed = (authCode: string, featureKey: string, redeemedAt = '2026-11-23T14:03:12.000Z'): RedemptionResult => ({
  authCode,
  status: 'redeemed',
  featureKey,
  sku: '8210010',
  skuDescription: '8210010 - 6x Internet Call Access Key',
  distributor: 'Allworx Corp.',
  mac: '000ADD023F8F',
  redeemedAt,
});

/** Keys that a spreadsheet would take for formulas, and mixed case that must survive. */
const RESULTS: RedemptionResult[] = [
  redeemed('2ZJCZN-2HEYV7-V3YJN8-5MSTGG', '8ak4-2PSR-fHmR-K4le-1pWl-1d0R'),
  redeemed('2ETTZ5-61DA9F-V5KUJZ-3QC9R6', '=SUM-A1A2-fHmR-K4le-1pWl-1d0R', '2026-11-23T14:03:13.000Z'),
  redeemed('43XC98-68WTGB-CWMH53-YS4RA9', '+ZLW-ncjw-Foeb-l8H8-ic0d-aYbK'),
  redeemed('7DGNUY-WDE4V5-BXZF7J-SY758C', '-VN0-odop-8rMi-Bf9C-ZjVI-CEcE'),
  redeemed('X8Y8FJ-RA51ZJ-H44K5N-XYUXJW', '@98F-KbCn-Qt5N-Rauz-qSch-oisl'),
  redeemed('KVRCGV-ZUTFWE-ANVTK9-XR5BGN', '$ZLW-ncjw-Foeb-l8H8-ic0d-aYbK'),
];

async function readBack(base64: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);
  return workbook.worksheets[0]!;
}

function rowValues(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  return (sheet.getRow(row).values as unknown[]).slice(1);
}

describe('exportRedemption: xlsx', () => {
  it('has the portal columns, a bold filled header frozen in place, and the file named for the system and day', async () => {
    const file = await exportRedemption(RESULTS, 'xlsx', NOW, UTC);
    expect(file.fileName).toBe('feature-keys-000ADD023F8F-2026-11-23.xlsx');
    expect(file.mimeType).toBe(XLSX_MIME_TYPE);
    const sheet = await readBack(file.base64);
    expect(rowValues(sheet, 1)).toEqual(['Authorization', 'Feature Key', 'SKU Description', 'MAC', 'Redeemed']);
    const headerCell = sheet.getRow(1).getCell(1);
    expect(headerCell.font?.bold).toBe(true);
    expect(headerCell.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(RESULTS.length + 1);
  });

  it('writes codes, keys and descriptions as strings, even keys that begin with = + - @', async () => {
    const sheet = await readBack((await exportRedemption(RESULTS, 'xlsx', NOW, UTC)).base64);
    RESULTS.forEach((result, index) => {
      const row = sheet.getRow(index + 2);
      for (const column of [1, 2, 3, 4]) expect(row.getCell(column).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(1).value).toBe(result.authCode);
      // Exactly as the portal sent it: case and leading punctuation intact, no formula.
      expect(row.getCell(2).value).toBe(result.featureKey);
      expect(row.getCell(2).formula).toBeUndefined();
      expect(row.getCell(3).value).toBe('8210010 - 6x Internet Call Access Key');
      expect(row.getCell(4).value).toBe('00:0A:DD:02:3F:8F');
    });
  });

  it('writes Redeemed as a real Excel date with a date-time format, in the wall-clock time of the zone', async () => {
    let sheet = await readBack((await exportRedemption(RESULTS, 'xlsx', NOW, UTC)).base64);
    let cell = sheet.getRow(3).getCell(5);
    expect(cell.type).toBe(ExcelJS.ValueType.Date);
    expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect((cell.value as Date).toISOString()).toBe('2026-11-23T14:03:13.000Z');

    // A technician in New York (UTC−5) sees 09:03:13 in the file, as in the app.
    sheet = await readBack((await exportRedemption(RESULTS, 'xlsx', NOW, { utcOffsetMinutes: () => -300 })).base64);
    cell = sheet.getRow(3).getCell(5);
    expect((cell.value as Date).toISOString()).toBe('2026-11-23T09:03:13.000Z');
  });

  it('lists a failed code on its own row with the reason in an extra Status column; its key and MAC stay empty', async () => {
    const results: RedemptionResult[] = [
      RESULTS[0]!,
      {
        authCode: '29ZZK4-XW7DNM-ZT2DMW-QTGRBQ',
        status: 'already_redeemed',
        featureKey: 'rVN0-odop-8rMi-Bf9C-ZjVI-CEcE',
        skuDescription: '8210026 - 24x Conference Center Key',
        mac: '000ADD111111',
        redeemedAt: '2026-10-01T10:00:00.000Z',
        message: 'Already redeemed on 00:0A:DD:11:11:11 at 2026-10-01T10:00:00.000Z.',
      },
      { authCode: 'NCW9CV-CKA9QC-3RF4Y4-BK3N98', status: 'not_found' },
    ];
    const sheet = await readBack((await exportRedemption(results, 'xlsx', NOW, UTC)).base64);
    expect(rowValues(sheet, 1)).toEqual(['Authorization', 'Feature Key', 'SKU Description', 'MAC', 'Redeemed', 'Status']);
    expect(sheet.getRow(2).getCell(6).value).toBe('Redeemed');
    const refused = sheet.getRow(3);
    expect(refused.getCell(1).value).toBe('29ZZK4-XW7DNM-ZT2DMW-QTGRBQ');
    expect(refused.getCell(2).value).toBeFalsy();
    expect(refused.getCell(4).value).toBeFalsy();
    expect(refused.getCell(5).value).toBeFalsy();
    expect(refused.getCell(6).value).toBe('Already redeemed on 00:0A:DD:11:11:11 at 2026-10-01T10:00:00.000Z.');
    expect(sheet.getRow(4).getCell(6).value).toBe('The portal does not know this authorization code.');
  });
});

describe('exportRedemption: txt', () => {
  const text = async (results: RedemptionResult[]) => {
    const file = await exportRedemption(results, 'txt', NOW, UTC);
    expect(file.mimeType).toBe(TXT_MIME_TYPE);
    expect(file.fileName).toBe('feature-keys-000ADD023F8F-2026-11-23.txt');
    return Buffer.from(file.base64, 'base64').toString('utf8');
  };

  it('one line per key with code, key, SKU description, MAC and time, columns aligned', async () => {
    const content = await text(RESULTS.slice(0, 2));
    expect(content.endsWith('\r\n')).toBe(true);
    const lines = content.trimEnd().split('\r\n');
    expect(lines).toEqual([
      'Authorization                Feature Key                    SKU Description                        MAC                Redeemed',
      '2ZJCZN-2HEYV7-V3YJN8-5MSTGG  8ak4-2PSR-fHmR-K4le-1pWl-1d0R  8210010 - 6x Internet Call Access Key  00:0A:DD:02:3F:8F  2026-11-23 14:03:12',
      '2ETTZ5-61DA9F-V5KUJZ-3QC9R6  =SUM-A1A2-fHmR-K4le-1pWl-1d0R  8210010 - 6x Internet Call Access Key  00:0A:DD:02:3F:8F  2026-11-23 14:03:13',
    ]);
  });

  it('lists failed codes with their reasons after the keys', async () => {
    const content = await text([
      RESULTS[0]!,
      { authCode: 'NOT-A-CODE', status: 'invalid', message: 'Too short: an authorization code has 24 letters and digits, this has 8.' },
    ]);
    const lines = content.trimEnd().split('\r\n');
    expect(lines.slice(-3)).toEqual([
      '',
      'Not redeemed:',
      'NOT-A-CODE  Too short: an authorization code has 24 letters and digits, this has 8.',
    ]);
  });
});

describe('redemptionFileName', () => {
  const day = new Date('2026-11-23T10:00:00.000Z');
  it.each([
    ['the MAC of a redeemed result', [RESULTS[0]!], undefined, 'feature-keys-000ADD023F8F-2026-11-23.xlsx'],
    [
      'the MAC given when every code failed',
      [{ authCode: 'X', status: 'not_found' as const }],
      '000ADD0000AA',
      'feature-keys-000ADD0000AA-2026-11-23.xlsx',
    ],
    ['no MAC at all', [{ authCode: 'X', status: 'not_found' as const }], undefined, 'feature-keys-2026-11-23.xlsx'],
    [
      'not another system MAC from an already-redeemed code',
      [{ authCode: 'X', status: 'already_redeemed' as const, mac: '000ADD999999' }],
      undefined,
      'feature-keys-2026-11-23.xlsx',
    ],
  ])('uses %s', (_case, results, mac, expected) => {
    expect(redemptionFileName(results, mac, day, 'xlsx')).toBe(expected);
  });
});
