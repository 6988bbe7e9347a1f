import ExcelJS from 'exceljs';
import { useSandboxCores } from '../../support/sandbox-cores';
import { unredeemedCodes } from '../../support/sandbox-portal';

describe('sandbox portal: distributor sheet', () => {
  const { portal } = useSandboxCores({ scope: 'all' });

  it('downloads an xlsx with every unredeemed code as a text cell and one barcode picture beside each', async () => {
    const res = await fetch(`${portal.url}/sandbox/distributor-sheet.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(4).value).toBe('Authorization Code');

    const expected = (await unredeemedCodes(portal)).map((c) => c.code).sort();
    const rows: { code: string; row: number }[] = [];
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber === 1) return;
      const cell = row.getCell(4);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      rows.push({ code: cell.value as string, row: rowNumber });
    });
    expect(rows.map((r) => r.code).sort()).toEqual(expected);
    expect(expected).toHaveLength(40);

    const images = sheet.getImages();
    expect(images).toHaveLength(expected.length);
    // Each picture sits in the barcode column of its code's row (anchors are 0-based).
    const imageRows = images.map((image) => Math.floor(image.range.tl.nativeRow) + 1).sort((a, b) => a - b);
    expect(imageRows).toEqual(rows.map((r) => r.row).sort((a, b) => a - b));
    expect(images.every((image) => Math.floor(image.range.tl.nativeCol) === 4)).toBe(true);
    const media = workbook.model.media as unknown as { extension: string; buffer: Buffer }[];
    expect(media).toHaveLength(expected.length);
    expect(media[0]!.buffer.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('drops a code from the sheet once it is redeemed', async () => {
    const token = await portal.login();
    const [first] = await unredeemedCodes(portal);
    await portal.call('POST', '/api/v1/redemptions', {
      token,
      key: 'sheet-key-001',
      body: { mac: '000ADD000777', authCodes: [first!.code] },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await fetch(`${portal.url}/sandbox/distributor-sheet.xlsx`)).arrayBuffer());
    const codes: unknown[] = [];
    workbook.worksheets[0]!.eachRow((row, n) => n > 1 && codes.push(row.getCell(4).value));
    expect(codes).toHaveLength(39);
    expect(codes).not.toContain(first!.code);
  });
});
