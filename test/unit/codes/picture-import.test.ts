/**
 * Barcode pictures in a distributor workbook, decoded in core (codes.previewImport through the
 * real core, real SQLite): each symbology the issue names, a picture confirming the code typed on
 * its row, one that differs, pictures alone, a sheet of pictures only, a logo, a QR of a web
 * address, damaged bytes, a GIF; then codes.confirmImport stores where each came from.
 */
import bwipjs from 'bwip-js/node';
import ExcelJS from 'exceljs';
import jpeg from 'jpeg-js';
import { translator } from '../../../core/messages/say';
import { PNG } from 'pngjs';
import { ApiError } from '../../../core/rpc/errors';
import type { CodeImportDraft, CodeImportProgress, CodeImportResult } from '../../../core/codes/contract';
import type { Core } from '../../../core/core';
import { rejectionOf } from '../../support/rejection';
import { compact, makeCodesCore } from './codes-fixture';

const C1 = '43XC98-68WTGB-CWMH53-YS4RA9';
const C2 = 'K7PQ2M-ZX81LA-9RTN4E-W3HJ6B';
const C3 = 'R2D2C3-PO4BB8-X9Y8Z7-LM3NO5';
const C4 = 'H8J2K4-L6M8N0-P2Q4R6-S8T0U2';
const C5 = 'V1W3X5-Y7Z9A2-B4C6D8-E0F2G4';
const C6 = 'Q9W8E7-R6T5Y4-U3I2O1-P0L9K8';
const C7 = 'Z1X2C3-V4B5N6-M7L8K9-J0H1G2';
const C8 = 'M4N5B6-V7C8X9-Z1A2S3-D4F5G6';
const C9 = 'T7Y8U9-I0O1P2-A3S4D5-F6G7H8';
const C10 = 'W2E3R4-T5Y6U7-I8O9P1-A2S3D4';
const SHEET = 'Order 2125469';
const URL_TEXT = 'https://northwind.example/orders/2125469';

type Bcid = 'code128' | 'code39' | 'qrcode' | 'datamatrix' | 'pdf417';

/** A small barcode picture as a distributor pastes it: about 2 px per module (1 for the 2D codes' small cells). */
async function barcode(bcid: Bcid, text: string, scale = 2): Promise<Buffer> {
  const linear = bcid === 'code128' || bcid === 'code39';
  return Buffer.from(await bwipjs.toBuffer({ bcid, text, scale, includetext: false, ...(linear ? { height: 10 } : {}) }));
}

/** A logo: a coloured disc on a gradient, no barcode. */
function logo(): Buffer {
  const png = new PNG({ width: 120, height: 60 });
  for (let y = 0; y < 60; y++) {
    for (let x = 0; x < 120; x++) {
      const p = (y * 120 + x) * 4;
      const inDisc = (x - 30) ** 2 + (y - 30) ** 2 < 22 ** 2;
      png.data[p] = inDisc ? 200 : 40 + x;
      png.data[p + 1] = inDisc ? 30 : 80 + y;
      png.data[p + 2] = inDisc ? 40 : 160;
      png.data[p + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** The same picture as a JPEG (quality 90). */
function asJpeg(pngBytes: Buffer): Buffer {
  const png = PNG.sync.read(pngBytes);
  const data = Buffer.alloc(png.width * png.height * 4);
  for (let p = 0; p < data.length; p += 4) {
    // On white, as the picture shows in Excel.
    const a = png.data[p + 3]! / 255;
    for (let c = 0; c < 3; c++) data[p + c] = Math.round(png.data[p + c]! * a + 255 * (1 - a));
    data[p + 3] = 255;
  }
  return jpeg.encode({ width: png.width, height: png.height, data }, 90).data;
}

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const DAMAGED_PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('not really a png at all, sorry'),
]);

interface Placed {
  bytes: Buffer;
  extension: 'png' | 'jpeg' | 'gif';
  /** 0-based column and row of the top-left anchor. */
  col: number;
  row: number;
}

function place(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, pictures: Placed[]) {
  for (const picture of pictures) {
    const id = workbook.addImage({ buffer: picture.bytes as unknown as ExcelJS.Buffer, extension: picture.extension });
    sheet.addImage(id, { tl: { col: picture.col + 0.1, row: picture.row + 0.1 }, ext: { width: 160, height: 40 } });
  }
}

/**
 * Sheet "Order 2125469": header on row 1 (SKU, Description, Code, Barcode), pictures in column D.
 * Sheet "Scans": no header, pictures only.
 */
async function pictureWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET);
  sheet.getRow(1).values = ['SKU', 'Description', 'Code', 'Barcode'];
  const rows: [string, string, string | null][] = [
    ['8210010', '6x Internet Call Access Key', C1], // 2: Code 128 of the same code: confirms
    ['8210010', '6x Internet Call Access Key', C2], // 3: QR of another code: differs
    ['8400100', 'Voicemail', null], // 4: Code 39 alone
    ['8400100', 'Voicemail', null], // 5: Data Matrix alone
    ['8400100', 'Voicemail', null], // 6: PDF417 alone
    ['8400100', 'Voicemail', null], // 7: a logo
    ['8400100', 'Voicemail', null], // 8: QR of a web address
    ['8400100', 'Voicemail', null], // 9: damaged PNG
    ['8400100', 'Voicemail', null], // 10: GIF
    ['8210010', '6x Internet Call Access Key', C7], // 11: a Code 128 of C1 again: a duplicate
  ];
  rows.forEach((values, index) => {
    sheet.getRow(index + 2).values = values;
  });
  place(workbook, sheet, [
    { bytes: await barcode('code128', C1), extension: 'png', col: 3, row: 1 },
    { bytes: await barcode('qrcode', C3), extension: 'png', col: 3, row: 2 },
    { bytes: await barcode('code39', C4), extension: 'png', col: 3, row: 3 },
    { bytes: await barcode('datamatrix', C5, 1), extension: 'png', col: 3, row: 4 },
    { bytes: await barcode('pdf417', C6), extension: 'png', col: 3, row: 5 },
    { bytes: logo(), extension: 'png', col: 3, row: 6 },
    { bytes: await barcode('qrcode', URL_TEXT), extension: 'png', col: 3, row: 7 },
    { bytes: DAMAGED_PNG, extension: 'png', col: 3, row: 8 },
    { bytes: GIF, extension: 'gif', col: 3, row: 9 },
    { bytes: await barcode('code128', C1), extension: 'png', col: 3, row: 10 },
  ]);
  const scans = workbook.addWorksheet('Scans');
  place(workbook, scans, [
    { bytes: await barcode('qrcode', compact(C8), 1), extension: 'png', col: 0, row: 0 },
    { bytes: asJpeg(await barcode('code128', C9)), extension: 'jpeg', col: 0, row: 2 },
    { bytes: await barcode('datamatrix', C10), extension: 'png', col: 2, row: 2 },
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('codes.previewImport: barcode pictures decoded in core', () => {
  let core: Core;
  let progress: CodeImportProgress[];
  let workbook: Buffer;
  const call = <T>(method: string, args: unknown) => core.server.dispatch(method, args) as Promise<T>;
  const preview = (bytes: Buffer) => call<CodeImportDraft>('codes.previewImport', { fileName: 'order 2125469.xlsx', bytes: bytes });

  beforeAll(async () => {
    workbook = await pictureWorkbook();
  });
  beforeEach(() => {
    core = makeCodesCore();
    progress = [];
    core.events.subscribe((name, payload) => {
      if (name === 'codes.importProgress') progress.push(payload as CodeImportProgress);
    });
  });
  afterEach(() => core.close());

  it('reads each picture: codes of every symbology, confirmations, a difference, a logo, a web address, damaged bytes, a GIF', async () => {
    const draft = await preview(workbook);
    const pictures = draft.pictures.map((p) => [p.sheet, p.cell, p.state, p.code, p.format, p.match]);
    expect(pictures).toEqual([
      [SHEET, 'D2', 'code', C1, 'Code128', 'confirms'],
      [SHEET, 'D3', 'code', C3, 'QRCode', 'differs'],
      [SHEET, 'D4', 'code', C4, 'Code39', 'alone'],
      [SHEET, 'D5', 'code', C5, 'DataMatrix', 'alone'],
      [SHEET, 'D6', 'code', C6, 'PDF417', 'alone'],
      [SHEET, 'D7', 'no_barcode', null, null, null],
      [SHEET, 'D8', 'not_a_code', null, 'QRCode', null],
      [SHEET, 'D9', 'unreadable', null, null, null],
      [SHEET, 'D10', 'unreadable', null, null, null],
      [SHEET, 'D11', 'code', C1, 'Code128', 'differs'],
      ['Scans', 'A1', 'code', C8, 'QRCode', 'alone'],
      ['Scans', 'A3', 'code', C9, 'Code128', 'alone'],
      ['Scans', 'C3', 'code', C10, 'DataMatrix', 'alone'],
    ]);
    const [confirms, differs, , , , noBarcode, url, damaged, gif, , pictureOnly] = draft.pictures;
    expect(confirms).toMatchObject({
      text: C1,
      message: null,
      sku: '8210010',
      description: '6x Internet Call Access Key',
      extension: 'png',
    });
    expect(differs!.message).toEqual({
      code: 'codes.picture.differs',
      message: `The picture at ${SHEET}!D3 holds ${C3}, but row 3 has ${C2} typed: both are kept; check which is right.`,
      params: { sheet: SHEET, cell: 'D3', code: C3, row: 3, typed: C2 },
    });
    expect(translator('fr')(differs!.message!.code, differs!.message!.params)).toBe(
      `L'image en ${SHEET}!D3 contient ${C3}, mais la ligne 3 a ${C2} saisi\u00a0: les deux sont conservés\u202f; vérifiez lequel est le bon.`,
    );
    expect(noBarcode!.message!.message).toMatch(new RegExp(`^The picture at ${SHEET}!D7 has no barcode`));
    expect(url).toMatchObject({
      text: URL_TEXT,
      message: { message: `The picture at ${SHEET}!D8 is a QR Code holding “${URL_TEXT}”, not an authorization code.` },
    });
    expect(damaged!.message!.message).toMatch(new RegExp(`^The picture at ${SHEET}!D9 cannot be read: .*damaged`));
    expect(gif).toMatchObject({ extension: 'gif' });
    expect(gif!.message).toMatchObject({
      code: 'codes.picture.unreadable.otherFormat',
      message: expect.stringMatching(/in GIF format.*PNG and JPEG pictures only/),
    });
    expect(pictureOnly).toMatchObject({ text: compact(C8), sku: null, description: null });

    expect(draft.codes.map((c) => [c.code, c.sheet, c.cell, c.source, c.picture?.cell ?? null, c.occurrences, c.sku])).toEqual([
      [C1, SHEET, 'C2', 'both', 'D2', 2, '8210010'],
      [C2, SHEET, 'C3', 'text', null, 1, '8210010'],
      [C3, SHEET, 'D3', 'picture', 'D3', 1, '8210010'],
      [C4, SHEET, 'D4', 'picture', 'D4', 1, '8400100'],
      [C5, SHEET, 'D5', 'picture', 'D5', 1, '8400100'],
      [C6, SHEET, 'D6', 'picture', 'D6', 1, '8400100'],
      [C7, SHEET, 'C11', 'text', null, 1, '8210010'],
      [C8, 'Scans', 'A1', 'picture', 'A1', 1, null],
      [C9, 'Scans', 'A3', 'picture', 'A3', 1, null],
      [C10, 'Scans', 'C3', 'picture', 'C3', 1, null],
    ]);
    // Typed once and confirmed by the picture on its row: one occurrence; the picture on row 11 is a duplicate.
    expect(draft.duplicates).toEqual([
      {
        code: C1,
        occurrences: [
          { sheet: SHEET, row: 2, column: 3, cell: 'C2' },
          { sheet: SHEET, row: 11, column: 4, cell: 'D11' },
        ],
      },
    ]);
    expect(draft.notCodes).toEqual([{ sheet: SHEET, row: 8, column: 4, cell: 'D8', text: URL_TEXT, message: url!.message }]);
    expect(draft.counts).toMatchObject({
      codes: 10,
      occurrences: 11,
      new: 10,
      notCodes: 1,
      duplicates: 1,
      pictures: 13,
      fromText: 2,
      fromPicture: 7,
      fromBoth: 1,
      picturesWithoutCode: 4,
    });
    expect(draft.sheets).toEqual([
      { name: SHEET, headerRow: 1, rows: 11, codes: 8, pictures: 10 },
      { name: 'Scans', headerRow: null, rows: 0, codes: 3, pictures: 3 },
    ]);
    expect(draft.picturesNote).toMatchObject({
      code: 'codes.import.picturesNote',
      message:
        '4 of 13 pictures gave no authorization code (1 a barcode of something else, 1 no barcode, 2 could not be read): they are listed with their cell; nothing is imported from them.',
    });
    expect(translator('fr')(draft.picturesNote!.code, draft.picturesNote!.params)).toBe(
      "4 images sur 13 n'ont donné aucun code d'autorisation\u00a0: elles sont listées avec leur cellule\u202f; rien n'en est importé.",
    );

    // Progress: reading, then pictures counted up to 13 (at most every 10 pictures or 250 ms), then done.
    expect(progress[0]).toEqual({ fileName: 'order 2125469.xlsx', phase: 'reading', picturesDone: 0, pictures: 0 });
    expect(progress[1]).toEqual({ fileName: 'order 2125469.xlsx', phase: 'pictures', picturesDone: 0, pictures: 13 });
    expect(progress.at(-2)).toEqual({ fileName: 'order 2125469.xlsx', phase: 'pictures', picturesDone: 13, pictures: 13 });
    expect(progress.at(-1)!.phase).toBe('done');
    const done = progress.filter((p) => p.phase === 'pictures').map((p) => p.picturesDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  it('confirming stores picture codes with source_kind picture or both and the cell they were found in', async () => {
    const draft = await preview(workbook);
    const result = await call<CodeImportResult>('codes.confirmImport', { draftId: draft.draftId });
    expect(result).toMatchObject({ added: 10, addedRedeemed: 0, alreadyInInventory: 0 });
    const rows = core.db
      .prepare(
        'SELECT auth_code, source_kind, source_sheet, source_row, source_column, sku FROM code_inventory ORDER BY source_sheet, source_row',
      )
      .all();
    expect(rows).toEqual([
      { auth_code: compact(C1), source_kind: 'both', source_sheet: SHEET, source_row: 2, source_column: 3, sku: '8210010' },
      { auth_code: compact(C2), source_kind: 'text', source_sheet: SHEET, source_row: 3, source_column: 3, sku: '8210010' },
      { auth_code: compact(C3), source_kind: 'picture', source_sheet: SHEET, source_row: 3, source_column: 4, sku: '8210010' },
      { auth_code: compact(C4), source_kind: 'picture', source_sheet: SHEET, source_row: 4, source_column: 4, sku: '8400100' },
      { auth_code: compact(C5), source_kind: 'picture', source_sheet: SHEET, source_row: 5, source_column: 4, sku: '8400100' },
      { auth_code: compact(C6), source_kind: 'picture', source_sheet: SHEET, source_row: 6, source_column: 4, sku: '8400100' },
      { auth_code: compact(C7), source_kind: 'text', source_sheet: SHEET, source_row: 11, source_column: 3, sku: '8210010' },
      { auth_code: compact(C8), source_kind: 'picture', source_sheet: 'Scans', source_row: 1, source_column: 1, sku: null },
      { auth_code: compact(C9), source_kind: 'picture', source_sheet: 'Scans', source_row: 3, source_column: 1, sku: null },
      { auth_code: compact(C10), source_kind: 'picture', source_sheet: 'Scans', source_row: 3, source_column: 3, sku: null },
    ]);
    expect(core.db.prepare('SELECT pictures, not_codes, duplicates, codes_added FROM code_import_batches').get()).toEqual({
      pictures: 13,
      not_codes: 1,
      duplicates: 1,
      codes_added: 10,
    });
  });

  it('a file with no codes at all says so, naming what its pictures were; nothing is kept', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Logos');
    sheet.getCell('A1').value = 'Northwind Telecom';
    place(book, sheet, [
      { bytes: logo(), extension: 'png', col: 1, row: 0 },
      { bytes: await barcode('qrcode', URL_TEXT), extension: 'png', col: 1, row: 2 },
    ]);
    const error = await rejectionOf(preview(Buffer.from(await book.xlsx.writeBuffer())), ApiError);
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toEqual({ reason: 'no_codes' });
    expect(error.message).toBe(
      "No authorization codes were found in order 2125469.xlsx, neither in its cells nor in its 2 pictures (1 not a barcode, 1 a barcode of something else): check it is the distributor's file of codes.",
    );
    expect(progress.at(-1)!.phase).toBe('done');
    expect(core.db.prepare('SELECT count(*) FROM code_inventory').pluck().get()).toBe(0);
  });
});
