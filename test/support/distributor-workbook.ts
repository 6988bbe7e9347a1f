/**
 * The distributor workbook of issue 12's end-to-end test, made with exceljs and bwip-js from real
 * unredeemed codes of the sandbox, with what FieldKey's Draft report must say of it exported
 * beside it (built from the same choices, so the file and the expectations cannot drift apart).
 *
 * Sheet "Order 2026-118": a merged title row, an empty row, the header on row 3 (Distributor, SKU,
 * Description, Authorization Code, Barcode), then codes typed in every form — canonical, lower
 * case, no dashes, spaces between the groups, inside a sentence — with a Code 128 picture beside
 * one and a QR picture beside another; a piece that looks like a code and is not (one group a
 * character short); and one code typed a second time (a duplicate).
 * Sheet "Barcodes": pictures only (a Code 128 and a QR), of codes typed nowhere in the file.
 */
import bwipjs from 'bwip-js/node';
import ExcelJS from 'exceljs';

export const ORDER_SHEET = 'Order 2026-118';
export const PICTURE_SHEET = 'Barcodes';
export const DISTRIBUTOR = 'Northwind Distribution';
export const HEADER_ROW = 3;

export interface WorkbookCode {
  code: string;
  sku: string;
}

/** One code of the file as the report must list it. */
export interface ExpectedCode {
  /** Canonical dashed form. */
  code: string;
  sku: string;
  /** As typed (null for a code only in a picture). */
  typed: string | null;
  /** Where the report finds it when pictures are decoded. */
  source: 'text' | 'picture' | 'both';
  /** Where it is when pictures are not decoded: `picture` codes are then not found at all. */
  sheet: string;
  row: number;
  picture: 'code128' | 'qrcode' | null;
}

export interface ExpectedReport {
  codes: ExpectedCode[];
  /** The piece that looks like a code and is not, verbatim. */
  notCode: { text: string; sheet: string; row: number };
  duplicate: { code: string; rows: number[]; sheet: string };
  /** Counts once pictures are decoded. */
  counts: {
    codes: number;
    fromText: number;
    fromPicture: number;
    fromBoth: number;
    notCodes: number;
    duplicates: number;
    pictures: number;
  };
}

export interface DistributorWorkbook {
  fileName: string;
  buffer: Buffer;
  expected: ExpectedReport;
}

const group = (code: string, i: number) => code.replace(/-/g, '').slice(i * 6, i * 6 + 6);

async function barcode(kind: 'code128' | 'qrcode', code: string): Promise<ExcelJS.Buffer> {
  const png = await bwipjs.toBuffer(
    kind === 'code128'
      ? { bcid: 'code128', text: code, scale: 2, height: 12, includetext: false, paddingwidth: 6, paddingheight: 6 }
      : { bcid: 'qrcode', text: code, scale: 4, paddingwidth: 4, paddingheight: 4 },
  );
  // exceljs's typings predate Node's generic Buffer.
  return png as unknown as ExcelJS.Buffer;
}

/** Seven codes are needed: five typed on the order sheet, two only as pictures on the second. */
export const CODES_NEEDED = 7;

export async function distributorWorkbook(codes: readonly WorkbookCode[]): Promise<DistributorWorkbook> {
  if (codes.length < CODES_NEEDED) throw new Error(`distributorWorkbook needs ${CODES_NEEDED} codes, got ${codes.length}`);
  const [c0, c1, c2, c3, c4, c5, c6] = codes as [
    WorkbookCode,
    WorkbookCode,
    WorkbookCode,
    WorkbookCode,
    WorkbookCode,
    WorkbookCode,
    WorkbookCode,
  ];
  const description = (sku: string) => `FieldKey licence ${sku}`;

  // What each order row holds: [typed text, code, picture beside it].
  const typed: { text: string; code: WorkbookCode; picture: 'code128' | 'qrcode' | null }[] = [
    { text: c0.code, code: c0, picture: 'code128' },
    { text: c1.code.toLowerCase(), code: c1, picture: null },
    { text: c2.code.replace(/-/g, ''), code: c2, picture: 'qrcode' },
    { text: [0, 1, 2, 3].map((i) => group(c3.code, i)).join(' '), code: c3, picture: null },
    { text: `Your authorization code is ${c4.code.toLowerCase()}, thank you for your order.`, code: c4, picture: null },
  ];
  // One character short in the third group: looks like a code, is not one.
  const invalid = `${group(c5.code, 0)}-${group(c5.code, 1)}-${group(c5.code, 2).slice(0, 5)}-${group(c5.code, 3)}`;

  const workbook = new ExcelJS.Workbook();
  workbook.creator = DISTRIBUTOR;
  const order = workbook.addWorksheet(ORDER_SHEET);
  order.columns = [{ width: 26 }, { width: 12 }, { width: 30 }, { width: 60, style: { numFmt: '@' } }, { width: 40 }];
  order.getCell('A1').value = `${DISTRIBUTOR} — authorization codes, order 2026-118`;
  order.getCell('A1').font = { bold: true, size: 14 };
  order.mergeCells('A1:E1');
  order.getRow(HEADER_ROW).values = ['Distributor', 'SKU', 'Description', 'Authorization Code', 'Barcode'];
  order.getRow(HEADER_ROW).font = { bold: true };

  const expectedCodes: ExpectedCode[] = [];
  let row = HEADER_ROW + 1;
  for (const entry of typed) {
    order.getRow(row).values = [DISTRIBUTOR, entry.code.sku, description(entry.code.sku), entry.text];
    if (entry.picture) {
      order.getRow(row).height = entry.picture === 'qrcode' ? 110 : 48;
      const image = workbook.addImage({ buffer: await barcode(entry.picture, entry.code.code), extension: 'png' });
      const size = entry.picture === 'qrcode' ? { width: 130, height: 130 } : { width: 300, height: 56 };
      order.addImage(image, { tl: { col: 4.1, row: row - 1 + 0.1 }, ext: size });
    }
    expectedCodes.push({
      code: entry.code.code,
      sku: entry.code.sku,
      typed: entry.text,
      source: entry.picture ? 'both' : 'text',
      sheet: ORDER_SHEET,
      row,
      picture: entry.picture,
    });
    row++;
  }
  const invalidRow = row++;
  order.getRow(invalidRow).values = [DISTRIBUTOR, c5.sku, description(c5.sku), invalid];
  const duplicateRow = row++;
  order.getRow(duplicateRow).values = [DISTRIBUTOR, c1.sku, description(c1.sku), c1.code];

  const pictures = workbook.addWorksheet(PICTURE_SHEET);
  pictures.getColumn(2).width = 48;
  for (const entry of [
    { code: c5, kind: 'code128' as const, row: 2 },
    { code: c6, kind: 'qrcode' as const, row: 8 },
  ]) {
    const image = workbook.addImage({ buffer: await barcode(entry.kind, entry.code.code), extension: 'png' });
    const size = entry.kind === 'qrcode' ? { width: 140, height: 140 } : { width: 320, height: 60 };
    pictures.addImage(image, { tl: { col: 1.1, row: entry.row - 1 + 0.1 }, ext: size });
    expectedCodes.push({
      code: entry.code.code,
      sku: entry.code.sku,
      typed: null,
      source: 'picture',
      sheet: PICTURE_SHEET,
      row: entry.row,
      picture: entry.kind,
    });
  }

  return {
    fileName: 'northwind-order-2026-118.xlsx',
    buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
    expected: {
      codes: expectedCodes,
      notCode: { text: invalid, sheet: ORDER_SHEET, row: invalidRow },
      duplicate: { code: c1.code, rows: [HEADER_ROW + 2, duplicateRow], sheet: ORDER_SHEET },
      counts: { codes: 7, fromText: 3, fromPicture: 2, fromBoth: 2, notCodes: 1, duplicates: 1, pictures: 4 },
    },
  };
}
