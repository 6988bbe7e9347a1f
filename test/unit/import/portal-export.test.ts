import ExcelJS from 'exceljs';
import { ApiError } from '../../../core/rpc/errors';
import { parsePortalExport, redeemedAt } from '../../../core/keys/portal-export';
import { translator } from '../../../core/messages/say';
import { portalWorkbook } from './portal-workbook';

const HEADER = ['SKU', 'Distributor', 'Auth', 'Key', 'MAC', 'Redeemed', 'Details'];
const ROW = [
  '8210010 - 6x Internet Call Access Key',
  'Allworx Corp.',
  '2ZJCZN-2HEYV7-V3YJN8-5MSTGG',
  '8ak4-2PSR-fHmR-K4le-1pWl-1d0R',
  '00:0A:DD:02:3F:8F',
  '10/14/2009 4:55:28 PM',
  'View',
];
const UTC = { utcOffset: () => 0 };

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe('parsePortalExport', () => {
  it('finds the header below title rows, whatever its case and spacing, and reads the SKU number and description', async () => {
    const file = await portalWorkbook([
      ['Feature Keys'],
      ['Exported 11/30/2026'],
      [],
      [' sku ', 'DISTRIBUTOR', 'Auth', ' key', 'Mac Address', 'Redeemed '],
      ROW,
    ]);
    const parsed = await parsePortalExport(file, UTC);
    expect(parsed.sheetName).toBe('View Codes');
    expect(parsed.headerRow).toBe(4);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        row: 5,
        authCode: '2ZJCZN2HEYV7V3YJN85MSTGG',
        featureKey: '8ak4-2PSR-fHmR-K4le-1pWl-1d0R',
        sku: '8210010',
        skuDescription: '8210010 - 6x Internet Call Access Key',
        distributor: 'Allworx Corp.',
        mac: '000ADD023F8F',
        redeemedAt: '2009-10-14T16:55:28.000Z',
      },
    ]);
  });

  it('takes text dates and real Excel dates as wall-clock times of this zone, stored in UTC', async () => {
    const newYork = { utcOffset: () => -240 };
    const excelDate = new Date('2009-10-14T16:55:29.000Z'); // what Excel shows: 10/14/2009 4:55:29 PM
    const file = await portalWorkbook(
      [HEADER, ROW, [ROW[0], ROW[1], '2ETTZ5-61DA9F-V5KUJZ-3QC9R6', 'Fn&P-$sqS-D93i-RQe7-BB2g-s&DE', ROW[4], excelDate]],
      { dateColumn: 6 },
    );
    const parsed = await parsePortalExport(file, newYork);
    expect(parsed.rows.map((row) => row.redeemedAt)).toEqual(['2009-10-14T20:55:28.000Z', '2009-10-14T20:55:29.000Z']);
  });

  it.each([
    ['10/14/2009 4:55:28 PM', '2009-10-14T16:55:28.000Z'],
    ['10/14/2009 12:05:00 AM', '2009-10-14T00:05:00.000Z'],
    ['10/14/2009 12:05:00 PM', '2009-10-14T12:05:00.000Z'],
    ['1/2/2026 9:07 am', '2026-01-02T09:07:00.000Z'],
    ['10/14/2009', '2009-10-14T00:00:00.000Z'],
    ['2026-11-23 14:03:12', '2026-11-23T14:03:12.000Z'],
    ['2026-11-23T14:03:12+01:00', '2026-11-23T13:03:12.000Z'],
    ['2026-11-23T14:03:12.5Z', '2026-11-23T14:03:12.500Z'],
  ])('reads the date %s', (text, iso) => {
    expect(redeemedAt(text, () => 0)).toEqual({ ok: true, iso });
  });

  it.each(['13/14/2009 4:55:28 PM', '2/30/2026 1:00:00 PM', '10/14/2009 13:00:00 PM', 'yesterday', ''])('refuses the date %j', (text) => {
    expect(redeemedAt(text, () => 0).ok).toBe(false);
  });

  it('accepts MACs in every format and codes in any case, and names each bad row by number and reason', async () => {
    const row = (auth: string, mac: string, key = 'aB$d-ncjw-Foeb-l8H8-ic0d-aYbK', date = ROW[5], sku = ROW[0]) => [
      sku,
      'Allworx Corp.',
      auth,
      key,
      mac,
      date,
    ];
    const file = await portalWorkbook([
      HEADER,
      row('2zjczn2heyv7v3yjn85mstgg', '00-0A-DD-02-3F-8F'),
      row('2ETTZ5 61DA9F V5KUJZ 3QC9R6', '000a.dd02.3f8f'),
      row('43XC98-68WTGB-CWMH53-YS4RA9', '000ADD023F8F'),
      row('7DGNUY-WDE4V5-BXZF7J-SY758C', '11:22:33'),
      [],
      row('X8Y8FJ-RA51ZJ-H44K5N', '000ADD023F8F'),
      row('KVRCGV-ZUTFWE-ANVTK9-XR5BGN', '00:0A:DD:02:3F'),
      row('NCW9CV-CKA9QC-3RF4Y4-BK3N98', '000ADD023F8F', ''),
      row('29ZZK4-XW7DNM-ZT2DMW-QTGRBQ', '000ADD023F8F', 'aB$d-ncjw', 'last Tuesday'),
      row('3QC9R6-61DA9F-V5KUJZ-2ETTZ5', '000ADD023F8F', 'aB$d-ncjw', ROW[5], '- no number'),
    ]);
    const parsed = await parsePortalExport(file, UTC);
    expect(parsed.rows.map((r) => [r.row, r.mac])).toEqual([
      [2, '000ADD023F8F'],
      [3, '000ADD023F8F'],
      [4, '000ADD023F8F'],
      [5, '000ADD112233'],
    ]);
    expect(parsed.rejected).toEqual([
      {
        row: 7,
        authCode: 'X8Y8FJ-RA51ZJ-H44K5N',
        column: 'Auth',
        reason: {
          code: 'code.tooShort',
          params: { length: 18 },
          message: 'Auth: Too short: an authorization code has 24 letters and digits, this has 18.',
        },
      },
      expect.objectContaining({
        row: 8,
        authCode: 'KVRCGV-ZUTFWE-ANVTK9-XR5BGN',
        column: 'MAC',
        reason: expect.objectContaining({ code: expect.stringMatching(/^mac\./), message: expect.stringMatching(/^MAC: /) }),
      }),
      {
        row: 9,
        authCode: 'NCW9CV-CKA9QC-3RF4Y4-BK3N98',
        column: 'Key',
        reason: { code: 'keys.import.missing.key', message: 'Key: the feature key is missing.' },
      },
      expect.objectContaining({
        row: 10,
        reason: expect.objectContaining({
          code: 'keys.import.date.unknownForm',
          message: expect.stringMatching(/^Redeemed: "last Tuesday" is not a date/),
        }),
      }),
      expect.objectContaining({
        row: 11,
        reason: expect.objectContaining({ code: 'keys.import.notSku', message: 'SKU: "- no number" does not start with a SKU number.' }),
      }),
    ]);
    // The code and params say it in French too (the column is the file's own header).
    const dateProblem = parsed.rejected[3]!.reason;
    expect(translator('fr')(dateProblem.code, dateProblem.params)).toBe(
      "«\u00a0last Tuesday\u00a0» n'est pas une date\u202f; le portail écrit les dates sous la forme 10/14/2009 4:55:28 PM.",
    );
  });

  it('reads FieldKey’s own Keys export (SKU and Description in two columns)', async () => {
    const file = await portalWorkbook([
      ['SKU', 'Description', 'Distributor', 'Auth Code', 'Feature Key', 'MAC', 'System Name', 'Customer', 'Redeemed'],
      ['8210010', '6x Internet Call Access Key', null, ROW[2], ROW[3], ROW[4], 'Lincoln', 'District', '2026-11-23 14:03:12'],
    ]);
    const [row] = (await parsePortalExport(file, UTC)).rows;
    expect(row).toMatchObject({
      sku: '8210010',
      skuDescription: '8210010 - 6x Internet Call Access Key',
      distributor: null,
      redeemedAt: '2026-11-23T14:03:12.000Z',
    });
  });

  it('refuses a file without a recognisable header, saying which columns are needed', async () => {
    const err = await rejection(
      parsePortalExport(
        await portalWorkbook([
          ['Code', 'Serial'],
          ['2ZJCZN-2HEYV7-V3YJN8-5MSTGG', 'x'],
        ]),
        UTC,
      ),
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe(
      "No header row found in the first 20 rows. The portal's View Codes export has the columns SKU, Distributor, Auth, Key, MAC and Redeemed; SKU, Auth, Key, MAC and Redeemed are needed.",
    );
  });

  it('reads the first sheet that has the header, past a sheet of other rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const notes = workbook.addWorksheet('Notes');
    for (let i = 0; i < 30; i++) notes.addRow([`note ${i}`]);
    const codes = workbook.addWorksheet('Codes');
    codes.addRow(HEADER);
    codes.addRow(ROW);
    const parsed = await parsePortalExport(Buffer.from(await workbook.xlsx.writeBuffer()), UTC);
    expect(parsed).toMatchObject({ sheetName: 'Codes', headerRow: 1, rows: [{ row: 2, sku: '8210010' }] });
  });

  it('refuses a file with more rows than the cap', async () => {
    const file = await portalWorkbook([HEADER, ROW, ROW, ROW, ROW]);
    const err = await rejection(parsePortalExport(file, { ...UTC, maxRows: 3 }));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe('The file has more than 3 rows of keys, more than FieldKey imports at once: split it into smaller exports.');
  });
});
