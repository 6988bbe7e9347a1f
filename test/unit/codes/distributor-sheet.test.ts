import bwipjs from 'bwip-js/node';
import ExcelJS from 'exceljs';
import { ApiError } from '../../../core/rpc/errors';
import { MAX_SHEET_BYTES, MAX_SHEET_ROWS, readDistributorSheet } from '../../../core/codes/distributor-sheet';
import { makeZip } from '../import/zip-fixture';

const C1 = '43XC98-68WTGB-CWMH53-YS4RA9';
const C2 = 'K7PQ2M-ZX81LA-9RTN4E-W3HJ6B';
const C3 = 'R2D2C3-PO4BB8-X9Y8Z7-LM3NO5';
const C4 = 'H8J2K4-L6M8N0-P2Q4R6-S8T0U2';
const C5 = 'V1W3X5-Y7Z9A2-B4C6D8-E0F2G4';
const C6 = 'Q9W8E7-R6T5Y4-U3I2O1-P0L9K8';
const C7 = 'Z1X2C3-V4B5N6-M7L8K9-J0H1G2';

const barcode = async (text: string) =>
  Buffer.from(await bwipjs.toBuffer({ bcid: 'code128', text, scale: 2, height: 10, includetext: false, paddingwidth: 4 }));

/** A distributor's order as they come: a title row, the header on row 3, codes typed every way, merged cells, pictures, two sheets. */
async function distributorWorkbook() {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Order 2125469');
  sheet.getCell('A1').value = 'Northwind Telecom: authorization codes for order 2125469';
  sheet.mergeCells('A1:E1');
  sheet.getCell('A2').value = new Date(Date.UTC(2026, 10, 30));
  sheet.getRow(3).values = ['Distributor', 'Part Number', 'Description', 'Voucher', 'Barcode', 'Notes'];
  sheet.getRow(4).values = ['Northwind', '8210010', '6x Internet Call Access Key', C1];
  sheet.getRow(5).values = ['Northwind', 8210010, '6x Internet Call Access Key', C2.toLowerCase().replace(/-/g, '')];
  sheet.getRow(6).values = [
    'Northwind',
    '8210010 - 6x Internet Call Access Key',
    null,
    `Your code: ${C3.toLowerCase().replace(/-/g, ' ')}, thanks`,
  ];
  // A SKU and description merged over two rows.
  sheet.getCell('A7').value = 'Contoso';
  sheet.getCell('B7').value = '8400100';
  sheet.getCell('C7').value = 'Voicemail';
  sheet.mergeCells('B7:B8');
  sheet.mergeCells('C7:C8');
  sheet.getCell('D7').value = C4.replace(/-/g, ' ');
  sheet.getCell('D8').value = { richText: [{ text: C5.slice(0, 14).replace(/-/g, '.') }, { text: C5.slice(14).replace(/-/g, '.') }] };
  sheet.getRow(9).values = ['Contoso', '8400100', 'Voicemail', 'H8J2K4-L6M8N0-P2Q4R6-S8T0U'];
  sheet.getRow(10).values = ['Northwind', '8210010', '6x Internet Call Access Key', C1.toLowerCase(), null, 'sent twice by mistake'];
  // A code in a merged cell counts once.
  sheet.getCell('D11').value = C6;
  sheet.mergeCells('D11:E11');
  sheet.getCell('F12').value = 'MAC 00:0A:DD:02:3F:8F, SKU 8210010, see https://portal.example.com/codes/43XC9868WTGBCWMH53YS4RA9';
  const png = await barcode(C1);
  const image = workbook.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
  sheet.addImage(image, { tl: { col: 4.1, row: 3.1 }, ext: { width: 200, height: 40 } });

  const extra = workbook.addWorksheet('Spare');
  extra.getCell('A1').value = 'Spare codes';
  extra.getCell('B2').value = C7.toLowerCase();
  const spare = workbook.addImage({ buffer: (await barcode(C7)) as unknown as ExcelJS.Buffer, extension: 'png' });
  extra.addImage(spare, { tl: { col: 3, row: 5 }, ext: { width: 200, height: 40 } });
  return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), png };
}

async function refusal(bytes: Buffer, fileName = 'order.xlsx', options: { maxRows?: number; maxBytes?: number } = {}) {
  const err = await readDistributorSheet(bytes, { fileName, ...options }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  const { code, message, details } = err as ApiError;
  expect(code).toBe('VALIDATION');
  return { message, reason: (details as { reason: string }).reason };
}

describe('readDistributorSheet: a generated distributor workbook', () => {
  it('finds each code with its sheet, row, column, SKU and description; the header on row 3; merged cells once', async () => {
    const { bytes } = await distributorWorkbook();
    const report = await readDistributorSheet(bytes, { fileName: 'order.xlsx' });
    expect(report.format).toBe('xlsx');
    expect(report.sheets.map((s) => [s.name, s.headerRow, s.codes, s.pictures])).toEqual([
      ['Order 2125469', 3, 7, 1],
      ['Spare', null, 1, 1],
    ]);
    expect(report.sheets[0]!.columns).toEqual({ distributor: 1, sku: 2, description: 3, code: 4 });
    expect(report.codes.map((c) => [c.code, c.sheet, c.cell, c.sku, c.description, c.distributor])).toEqual([
      [C1, 'Order 2125469', 'D4', '8210010', '6x Internet Call Access Key', 'Northwind'],
      [C2, 'Order 2125469', 'D5', '8210010', '6x Internet Call Access Key', 'Northwind'],
      [C3, 'Order 2125469', 'D6', '8210010', '6x Internet Call Access Key', 'Northwind'],
      [C4, 'Order 2125469', 'D7', '8400100', 'Voicemail', 'Contoso'],
      [C5, 'Order 2125469', 'D8', '8400100', 'Voicemail', null],
      [C1, 'Order 2125469', 'D10', '8210010', '6x Internet Call Access Key', 'Northwind'],
      [C6, 'Order 2125469', 'D11', null, null, null],
      [C7, 'Spare', 'B2', null, null, null],
    ]);
    expect(report.codes[1]).toMatchObject({ row: 5, column: 4, text: C2.toLowerCase().replace(/-/g, ''), compact: C2.replace(/-/g, '') });
    expect(report.codes[2]!.text).toBe(C3.toLowerCase().replace(/-/g, ' '));
  });

  it('lists the duplicate with every occurrence and the look-alike verbatim with its row and reason', async () => {
    const report = await readDistributorSheet((await distributorWorkbook()).bytes, { fileName: 'order.xlsx' });
    expect(report.duplicates).toEqual([
      {
        code: C1,
        occurrences: [
          { sheet: 'Order 2125469', row: 4, column: 4, cell: 'D4' },
          { sheet: 'Order 2125469', row: 10, column: 4, cell: 'D10' },
        ],
      },
    ]);
    expect(report.notCodes).toEqual([
      {
        sheet: 'Order 2125469',
        row: 9,
        column: 4,
        cell: 'D9',
        text: 'H8J2K4-L6M8N0-P2Q4R6-S8T0U',
        message: expect.objectContaining({ message: 'Group 4 has 5 characters; each of the four groups has 6 (the code has 23 of 24).' }),
      },
    ]);
  });

  it('returns the embedded pictures with their anchor cell, row facts and bytes', async () => {
    const { bytes, png } = await distributorWorkbook();
    const report = await readDistributorSheet(bytes, { fileName: 'order.xlsx' });
    expect(report.pictures.map((p) => [p.sheet, p.cell, p.row, p.column, p.extension, p.sku])).toEqual([
      ['Order 2125469', 'E4', 4, 5, 'png', '8210010'],
      ['Spare', 'D6', 6, 4, 'png', null],
    ]);
    expect(report.pictures[0]!.bytes.equals(png)).toBe(true);
    expect(report.pictures[1]!.bytes.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
  });

  it('reads the sandbox portal’s own distributor sheet: one code and one picture per row', async () => {
    const { distributorSheet } = await import('../../../portal-sandbox/distributor-sheet');
    const entries = [C1, C2, C3].map((code) => ({
      code,
      sku: '8210010',
      skuDescription: '6x Internet Call Access Key',
      distributor: 'Northwind',
    }));
    const report = await readDistributorSheet(await distributorSheet(entries, new Date()), { fileName: 'sandbox.xlsx' });
    expect(report.codes.map((c) => [c.code, c.row, c.sku, c.description, c.distributor])).toEqual(
      [C1, C2, C3].map((code, i) => [code, i + 2, '8210010', '6x Internet Call Access Key', 'Northwind']),
    );
    expect(report.pictures.map((p) => p.cell)).toEqual(['E2', 'E3', 'E4']);
    expect(report.duplicates).toEqual([]);
  });
});

describe('readDistributorSheet: CSV', () => {
  it('reads a semicolon CSV with a BOM, quotes and a title line', async () => {
    const csv = [
      'Codes from Contoso;;',
      'Auth Code;SKU;Description',
      `${C1.toLowerCase().replace(/-/g, ' ')};8210010;"6x Internet; Call ""Access"" Key"`,
      `"${C2}";8400100;Voicemail`,
      `${C2};8400100;Voicemail`,
      'H8J2K4L6M8N0P2Q4R6S8T0U;8400100;Voicemail',
      '',
    ].join('\r\n');
    const report = await readDistributorSheet(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]), {
      fileName: 'codes.csv',
    });
    expect(report.format).toBe('csv');
    expect(report.sheets).toEqual([
      { name: 'Sheet1', headerRow: 2, columns: { code: 1, sku: 2, description: 3 }, rows: 6, codes: 3, pictures: 0 },
    ]);
    expect(report.codes.map((c) => [c.code, c.cell, c.sku, c.description])).toEqual([
      [C1, 'A3', '8210010', '6x Internet; Call "Access" Key'],
      [C2, 'A4', '8400100', 'Voicemail'],
      [C2, 'A5', '8400100', 'Voicemail'],
    ]);
    expect(report.duplicates.map((d) => [d.code, d.occurrences.map((o) => o.row)])).toEqual([[C2, [4, 5]]]);
    expect(report.notCodes.map((p) => [p.cell, p.text])).toEqual([['A6', 'H8J2K4L6M8N0P2Q4R6S8T0U']]);
  });

  it('lists every cell of the named code column that holds no code, as typed, whatever it says', async () => {
    const csv = ['Auth Code;SKU', `${C1};8210010`, 'sent separately;8210010', 'n/a;8400100', '12345;8400100', ';8400100', ''].join('\n');
    const report = await readDistributorSheet(Buffer.from(csv), { fileName: 'codes.csv' });
    expect(report.codes.map((c) => c.cell)).toEqual(['A2']);
    expect(report.notCodes.every((p) => p.message.code === 'codes.notACode.cellNoCode')).toBe(true);
    expect(report.notCodes.map((p) => [p.sheet, p.row, p.text, p.message.message])).toEqual([
      ['Sheet1', 3, 'sent separately', 'This cell of the code column holds no authorization code.'],
      ['Sheet1', 4, 'n/a', 'This cell of the code column holds no authorization code.'],
      ['Sheet1', 5, '12345', 'This cell of the code column holds no authorization code.'],
    ]);
  });

  it('reads Excel’s "Unicode Text": UTF-16 with a byte-order mark, tab-separated', async () => {
    const text = `SKU\tAuthorization Code\r\n8210010\t${C5.toLowerCase()}\r\n`;
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const big = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    for (const bytes of [little, big]) {
      const report = await readDistributorSheet(bytes, { fileName: 'codes.txt' });
      expect(report.codes.map((c) => [c.code, c.cell, c.sku])).toEqual([[C5, 'B2', '8210010']]);
    }
  });

  it('takes the row naming the most columns as the header, not a title that names one', async () => {
    const csv = `Authorization Codes\n\nDistributor,Item,Description,Code\nNorthwind,8210010,Call Access,${C4}\n`;
    const report = await readDistributorSheet(Buffer.from(csv), { fileName: 'codes.csv' });
    expect(report.sheets[0]!.headerRow).toBe(3);
    expect(report.codes.map((c) => [c.code, c.sku, c.description, c.distributor])).toEqual([[C4, '8210010', 'Call Access', 'Northwind']]);
  });

  it('reads a comma CSV in the Windows code page', async () => {
    const csv = `Voucher,Description\r\n${C3},Téléphonie\r\n`;
    const report = await readDistributorSheet(Buffer.from(csv, 'latin1'), { fileName: 'codes.csv' });
    expect(report.codes.map((c) => [c.code, c.description])).toEqual([[C3, 'Téléphonie']]);
  });
});

describe('readDistributorSheet: files it refuses, saying which', () => {
  it('a password-protected workbook (an OLE file holding an EncryptedPackage)', async () => {
    const fake = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(1000),
      Buffer.from('EncryptionInfo', 'utf16le'),
      Buffer.alloc(50),
      Buffer.from('EncryptedPackage', 'utf16le'),
      Buffer.alloc(2000, 7),
    ]);
    const { reason, message } = await refusal(fake);
    expect(reason).toBe('password_protected');
    expect(message).toMatch(/password-protected/);
  });

  it('an old .xls workbook', async () => {
    const fake = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(500),
      Buffer.from('Workbook', 'utf16le'),
    ]);
    expect(await refusal(fake, 'order.xls')).toMatchObject({
      reason: 'old_format',
      message: expect.stringMatching(/\.xls\b.*save it as \.xlsx/),
    });
  });

  it('not a spreadsheet: a picture, a zip of something else, an empty file', async () => {
    expect((await refusal(await barcode(C1), 'order.png')).reason).toBe('not_a_spreadsheet');
    const zip = makeZip([
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    ]);
    expect(await refusal(zip, 'order.docx')).toMatchObject({
      reason: 'not_a_spreadsheet',
      message: expect.stringMatching(/zip archive but not an Excel workbook/),
    });
    expect((await refusal(Buffer.alloc(0))).reason).toBe('not_a_spreadsheet');
  });

  it('a damaged workbook (cut short)', async () => {
    const { bytes } = await distributorWorkbook();
    const { reason, message } = await refusal(bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(reason).toBe('damaged');
    expect(message).toMatch(/^The file is damaged/);
  });

  it('over 5 MB, before reading anything', async () => {
    const big = Buffer.alloc(MAX_SHEET_BYTES + 1, 0x41);
    const { reason, message } = await refusal(big, 'big.csv');
    expect(reason).toBe('too_large');
    expect(message).toMatch(/5\.0 MB.*at most 5 MB/);
  });

  it('over 15,000 rows: a CSV of 15,001 lines, and a workbook over a lower limit', async () => {
    const lines = Array.from({ length: MAX_SHEET_ROWS + 1 }, (_, i) => `row ${i},8210010`).join('\n');
    const csv = await refusal(Buffer.from(lines), 'many.csv');
    expect(csv.reason).toBe('too_many_rows');
    expect(csv.message).toMatch(/more than 15,000 rows/);

    const workbook = new ExcelJS.Workbook();
    const one = workbook.addWorksheet('One');
    const two = workbook.addWorksheet('Two');
    for (let i = 1; i <= 6; i++) {
      one.getCell(`A${i}`).value = `line ${i}`;
      two.getCell(`A${i}`).value = `line ${i}`;
    }
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await refusal(bytes, 'x.xlsx', { maxRows: 10 })).reason).toBe('too_many_rows');
    expect((await readDistributorSheet(bytes, { fileName: 'x.xlsx', maxRows: 12 })).sheets.map((s) => s.rows)).toEqual([6, 6]);
  });

  it('does not count styled empty rows (a template formatted far down) against the limit', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Codes');
    sheet.getRow(1).values = ['SKU', 'Code'];
    sheet.getRow(2).values = ['8210010', C1];
    for (let row = 3; row <= 40; row++)
      sheet.getCell(`B${row}`).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await readDistributorSheet(bytes, { fileName: 'template.xlsx', maxRows: 5 });
    expect(report.codes.map((c) => c.code)).toEqual([C1]);
  });
});
