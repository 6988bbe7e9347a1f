import bwipjs from 'bwip-js/node';
import ExcelJS from 'exceljs';

export interface SheetCode {
  code: string;
  sku: string;
  skuDescription: string;
  distributor: string | null;
}

const BARCODE_COLUMN = 5;

/**
 * A spreadsheet like the ones distributors send with an order: one row per authorization code,
 * the code as a text cell and a Code 128 picture of it beside it (what a technician scans from
 * the screen or a printout). For demos and for the app's import tests.
 */
export async function distributorSheet(codes: readonly SheetCode[], issuedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'FieldKey sandbox portal';
  workbook.created = issuedAt;
  const sheet = workbook.addWorksheet('Authorization Codes');
  sheet.columns = [
    { header: 'Distributor', key: 'distributor', width: 26 },
    { header: 'SKU', key: 'sku', width: 10 },
    { header: 'Description', key: 'description', width: 42 },
    // '@' = Text: the code must never be read as a number or a formula.
    { header: 'Authorization Code', key: 'code', width: 32, style: { numFmt: '@' } },
    { header: 'Barcode', key: 'barcode', width: 48 },
  ];
  sheet.getRow(1).font = { bold: true };

  for (const [index, entry] of codes.entries()) {
    const row = sheet.addRow({ distributor: entry.distributor ?? '', sku: entry.sku, description: entry.skuDescription, code: entry.code });
    row.height = 48;
    const png = await bwipjs.toBuffer({
      bcid: 'code128',
      text: entry.code,
      scale: 2,
      height: 12,
      includetext: false,
      paddingwidth: 4,
      paddingheight: 4,
    });
    // exceljs's typings predate Node's generic Buffer.
    const imageId = workbook.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
    sheet.addImage(imageId, { tl: { col: BARCODE_COLUMN - 1 + 0.1, row: index + 1 + 0.1 }, ext: { width: 320, height: 56 } });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
