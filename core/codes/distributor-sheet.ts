/**
 * Reads a distributor's spreadsheet (.xlsx or .csv) into a report of the authorization codes in
 * it, before anything is saved: every sheet, whatever row the header is on (or none), merged cells
 * (a merged block counts once, at its top-left cell, and lends its value to every row it spans),
 * codes in any form in any text cell (find-codes.ts) with their sheet, row and column, the SKU,
 * description and distributor from the same row when the sheet has those columns, duplicates
 * within the file (every occurrence), pieces that look like codes but are not (verbatim), every
 * cell of a column the header names as the code column that holds no code (as typed), and the
 * pictures embedded in the workbook with their anchor and bytes (their barcodes are decoded by
 * picture-codes.ts, which joins the codes they hold to this report).
 *
 * Runs in the file worker (core/import/file-worker). Refused with one sentence saying which (an
 * ApiError VALIDATION whose details name the reason): more than 5 MB or 15,000 rows (the bulk-file
 * limits FieldKey applies everywhere), over SHEET_LIMITS (sheets, cells), not a
 * spreadsheet, an old .xls, a password-protected workbook (an encrypted .xlsx is an OLE compound
 * file holding an EncryptedPackage, not a zip), a damaged one.
 */
import { ApiError } from '../rpc/errors';
import { loadExcelJs } from '../export/workbook';
import { cellText } from '../keys/portal-export';
import { decodeText, guessDelimiter, readCsvRows, rowsWithValues, SHEET_LIMITS, spreadsheetKind } from '../import/sheet-file';
import { checkXlsxPackage, inflateEntry, type ZipEntry } from '../import/xlsx-package';
import { columnOf, xlsxSheets } from '../import/xlsx-rows';
import { findCodes } from './find-codes';

/** The bulk-file limits (issue 12, after the bulk-assignment rules): 5 MB and 15,000 rows. */
export const MAX_SHEET_BYTES = 5 * 1024 * 1024;
export const MAX_SHEET_ROWS = 15_000;
/** How far down each sheet a header row is looked for. */
export const HEADER_SEARCH_ROWS = 50;

export type SheetRefusal = 'too_large' | 'too_many_rows' | 'password_protected' | 'old_format' | 'not_a_spreadsheet' | 'damaged';

export interface CellSource {
  /** The sheet's name (`Sheet1` for a CSV). */
  sheet: string;
  /** 1-based, as the spreadsheet shows it. */
  row: number;
  /** 1-based (A = 1). */
  column: number;
  /** `D4`. */
  cell: string;
}

export interface SheetCode extends CellSource {
  /** Canonical: 43XC98-68WTGB-CWMH53-YS4RA9. */
  code: string;
  /** 24 characters, no dashes (as stored). */
  compact: string;
  /** The code as written in the cell. */
  text: string;
  /** From the same row's SKU / description / distributor columns, when the sheet has them. */
  sku: string | null;
  description: string | null;
  distributor: string | null;
  /**
   * `text` as read here; picture-codes.ts turns it to `both` when a picture on the same row holds
   * the same code, and adds `picture` occurrences (the cell is then the picture's anchor).
   */
  source: 'text' | 'picture' | 'both';
  /** For `picture` and `both`: the picture's anchor cell. */
  picture: CellSource | null;
}

export interface SheetNotACode extends CellSource {
  /** Verbatim. */
  text: string;
  message: string;
}

/** A code found more than once in the file: every occurrence, in reading order. */
export interface SheetDuplicate {
  code: string;
  occurrences: CellSource[];
}

/** A picture embedded in a sheet, anchored at its top-left cell. */
export interface SheetPicture extends CellSource {
  /** `png`, `jpeg`, `gif` … as the workbook declares it. */
  extension: string;
  bytes: Buffer;
  /** The row's SKU / description / distributor, as for a text code on that row. */
  sku: string | null;
  description: string | null;
  distributor: string | null;
}

export interface SheetColumns {
  code?: number;
  sku?: number;
  description?: number;
  distributor?: number;
}

export interface SheetSummary {
  name: string;
  /** Null when no header row was recognised (codes are still found in every cell). */
  headerRow: number | null;
  columns: SheetColumns;
  /** Rows with any content. */
  rows: number;
  codes: number;
  pictures: number;
}

export interface DistributorSheetReport {
  fileName: string;
  format: 'xlsx' | 'csv';
  sheets: SheetSummary[];
  /** Every occurrence, in reading order (sheet, row, column, position in the cell). */
  codes: SheetCode[];
  notCodes: SheetNotACode[];
  duplicates: SheetDuplicate[];
  pictures: SheetPicture[];
}

export interface ReadOptions {
  fileName: string;
  maxBytes?: number;
  maxRows?: number;
}

const refuse = (reason: SheetRefusal, message: string) => new ApiError('VALIDATION', message, { reason });

type Field = keyof SheetColumns;
/** Header names (lower case, letters and digits only) of each field. */
const HEADER_NAMES: Record<Field, readonly string[]> = {
  code: [
    'code',
    'codes',
    'auth',
    'authcode',
    'authcodes',
    'authorization',
    'authorizationcode',
    'authorizationcodes',
    'authorisationcode',
    'authorisationcodes',
    'voucher',
    'vouchers',
    'vouchercode',
    'licensecode',
    'licencecode',
    'activationcode',
  ],
  sku: [
    'sku',
    'skus',
    'skunumber',
    'skuno',
    'part',
    'partnumber',
    'partno',
    'partnr',
    'item',
    'itemnumber',
    'itemno',
    'article',
    'articlenumber',
    'productcode',
    'productnumber',
  ],
  description: ['description', 'desc', 'skudescription', 'itemdescription', 'productdescription', 'product', 'productname', 'itemname'],
  distributor: ['distributor', 'distributorname', 'vendor', 'supplier', 'reseller'],
};

const headerKey = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The columns a row names, if it is a header: a code column, or two of SKU / description / distributor. */
export function recogniseSheetHeader(cells: ReadonlyMap<number, string>): SheetColumns | null {
  const columns: SheetColumns = {};
  for (const [column, text] of cells) {
    const key = headerKey(text);
    if (!key) continue;
    for (const field of Object.keys(HEADER_NAMES) as Field[]) {
      if (columns[field] === undefined && HEADER_NAMES[field].includes(key)) columns[field] = column;
    }
  }
  const others = (['sku', 'description', 'distributor'] as const).filter((f) => columns[f] !== undefined).length;
  return columns.code !== undefined || others >= 2 ? columns : null;
}

export function columnLetters(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** One sheet as rows of cells: row number → column → text; `origin` says which cells are a merged block's master (or plain). */
interface SheetGrid {
  name: string;
  rows: Map<number, Map<number, string>>;
  /** Cells that are the covered part of a merged block: their text is the master's, found only at the master. */
  mergedSlaves: Set<string>;
  pictures: { row: number; column: number; extension: string; bytes: Buffer }[];
}

export async function readDistributorSheet(bytes: Buffer, options: ReadOptions): Promise<DistributorSheetReport> {
  const maxBytes = options.maxBytes ?? MAX_SHEET_BYTES;
  const maxRows = options.maxRows ?? MAX_SHEET_ROWS;
  if (bytes.length > maxBytes) {
    throw refuse(
      'too_large',
      `The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; FieldKey imports files of at most ${formatMb(maxBytes)}: split it into smaller files.`,
    );
  }
  let grids: SheetGrid[];
  let format: 'xlsx' | 'csv';
  switch (spreadsheetKind(bytes)) {
    case 'empty':
      throw refuse('not_a_spreadsheet', 'The file is empty: choose the distributor’s .xlsx or .csv file.');
    case 'password_protected':
      throw refuse(
        'password_protected',
        'The workbook is password-protected: open it in Excel, remove the password (File › Info › Protect Workbook) and save it as .xlsx.',
      );
    case 'old_format':
      throw refuse('old_format', 'The file is an old-format Excel workbook (.xls): open it in Excel and save it as .xlsx.');
    case 'xlsx':
      format = 'xlsx';
      grids = await readWorkbook(bytes, maxRows);
      break;
    case 'text':
      format = 'csv';
      grids = [readCsv(bytes, maxRows)];
      break;
    case 'other':
      throw refuse('not_a_spreadsheet', 'The file is not a spreadsheet: choose the distributor’s .xlsx or .csv file.');
  }
  return buildReport(options.fileName, format, grids, maxRows);
}

function formatMb(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

const tooManyRows = (maxRows: number, where: string) =>
  refuse(
    'too_many_rows',
    `The file has more than ${maxRows.toLocaleString('en-US')} rows${where}; FieldKey imports at most ${maxRows.toLocaleString('en-US')} at once: split it into smaller files.`,
  );

async function readWorkbook(bytes: Buffer, maxRows: number): Promise<SheetGrid[]> {
  let entries: ZipEntry[];
  try {
    ({ entries } = await checkXlsxPackage(bytes, SHEET_LIMITS));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    throw describePackageProblem(err.message);
  }
  // Count the rows before the whole workbook is built in memory: a small file may hold many.
  let rowsInXml = 0;
  for (const entry of entries) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) continue;
    const { data } = await inflateEntry(bytes, entry, { limit: Number.MAX_SAFE_INTEGER, keep: true });
    rowsInXml += rowsWithValues(data!);
    if (rowsInXml > maxRows) throw tooManyRows(maxRows, '');
  }

  // Without pictures, the streaming reader gives the same cells in a fraction of the time.
  if (!entries.some((entry) => entry.name.startsWith('xl/drawings/') || entry.name.startsWith('xl/media/'))) {
    return readCellsOnly(bytes, entries);
  }
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw refuse(
      'damaged',
      'The file is damaged: it cannot be read as an Excel workbook. Save it again from Excel, or ask the distributor for a new copy.',
    );
  }
  const grids: SheetGrid[] = [];
  for (const worksheet of workbook.worksheets) {
    const grid: SheetGrid = { name: worksheet.name, rows: new Map(), mergedSlaves: new Set(), pictures: [] };
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells = new Map<number, string>();
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        const text = cellText(cell.value);
        if (!text) return;
        cells.set(column, text);
        if (cell.isMerged && cell.master.address !== cell.address) grid.mergedSlaves.add(`${rowNumber}:${column}`);
      });
      if (cells.size) grid.rows.set(rowNumber, cells);
    });
    for (const image of worksheet.getImages()) {
      const media = workbook.getImage(Number(image.imageId)) as { buffer?: ArrayBuffer | Buffer; extension?: string } | undefined;
      if (!media?.buffer) continue;
      grid.pictures.push({
        row: Math.floor(image.range.tl.nativeRow) + 1,
        column: Math.floor(image.range.tl.nativeCol) + 1,
        extension: media.extension ?? 'png',
        bytes: Buffer.from(media.buffer as ArrayBuffer),
      });
    }
    grids.push(grid);
  }
  return grids;
}

/** The sheets' cells (and merged ranges) by the streaming reader, for a workbook without pictures. */
async function readCellsOnly(bytes: Buffer, entries: ZipEntry[]): Promise<SheetGrid[]> {
  const grids: SheetGrid[] = [];
  try {
    for (const sheet of await xlsxSheets(bytes, entries)) {
      const grid: SheetGrid = { name: sheet.name, rows: new Map(), mergedSlaves: new Set(), pictures: [] };
      for await (const row of sheet.rows()) {
        const cells = new Map<number, string>();
        row.values.forEach((value, column) => {
          const text = cellText(value);
          if (text) cells.set(column, text);
        });
        if (cells.size) grid.rows.set(row.number, cells);
      }
      // Every cell of a merged range but its first (top left) is a slave, as exceljs marks them.
      for (const range of sheet.mergedRanges) {
        const corners = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/i.exec(range);
        if (!corners) continue;
        const [top, bottom] = [Number(corners[2]), Number(corners[4])];
        const [left, right] = [columnOf(corners[1]!), columnOf(corners[3]!)];
        // Only the rows that hold cells: a range may span far more rows than the sheet has.
        for (const [rowNumber, cells] of bottom - top < grid.rows.size ? rowsIn(grid, top, bottom) : grid.rows) {
          if (rowNumber < top || rowNumber > bottom) continue;
          for (const column of cells.keys()) {
            if (column >= left && column <= right && (rowNumber !== top || column !== left))
              grid.mergedSlaves.add(`${rowNumber}:${column}`);
          }
        }
      }
      grids.push(grid);
    }
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw refuse(
      'damaged',
      'The file is damaged: it cannot be read as an Excel workbook. Save it again from Excel, or ask the distributor for a new copy.',
    );
  }
  return grids;
}

/** The grid's rows numbered top to bottom that hold cells. */
function* rowsIn(grid: SheetGrid, top: number, bottom: number): Generator<[number, Map<number, string>]> {
  for (let rowNumber = top; rowNumber <= bottom; rowNumber++) {
    const cells = grid.rows.get(rowNumber);
    if (cells) yield [rowNumber, cells];
  }
}

/** checkXlsxPackage's sentences speak of the portal's export; these speak of a distributor's file. */
function describePackageProblem(message: string): ApiError {
  if (/password-protected/i.test(message)) {
    return refuse('password_protected', 'The workbook is password-protected: open it in Excel, remove the password and save it as .xlsx.');
  }
  const damaged = /^The file is damaged \((.*)\)/.exec(message);
  if (damaged) {
    return refuse('damaged', `The file is damaged (${damaged[1]}): save it again from Excel, or ask the distributor for a new copy.`);
  }
  if (/zip archive but not an Excel workbook/.test(message)) {
    return refuse('not_a_spreadsheet', 'The file is a zip archive but not an Excel workbook (.xlsx).');
  }
  return refuse('too_large', message.replace(/, far more than a portal export/, ''));
}

/** A CSV as Excel writes it: comma, semicolon or tab (whichever the first lines use most), quotes doubled. */
function readCsv(bytes: Buffer, maxRows: number): SheetGrid {
  const text = decodeText(bytes);
  const grid: SheetGrid = { name: 'Sheet1', rows: new Map(), mergedSlaves: new Set(), pictures: [] };
  readCsvRows(text, guessDelimiter(text), (row, fields) => {
    const cells = new Map<number, string>();
    for (const [column, field] of fields) cells.set(column, field.trim());
    grid.rows.set(row, cells);
    if (grid.rows.size > maxRows) throw tooManyRows(maxRows, '');
  });
  return grid;
}

const noFacts = { sku: null, description: null, distributor: null } as const;

function buildReport(fileName: string, format: 'xlsx' | 'csv', grids: SheetGrid[], maxRows: number): DistributorSheetReport {
  const totalRows = grids.reduce((n, g) => n + g.rows.size, 0);
  if (totalRows > maxRows) {
    const where = grids.map((g) => `${g.name}: ${g.rows.size.toLocaleString('en-US')}`).join(', ');
    throw tooManyRows(maxRows, ` (${where})`);
  }
  const report: DistributorSheetReport = { fileName, format, sheets: [], codes: [], notCodes: [], duplicates: [], pictures: [] };
  for (const grid of grids) {
    let header: { row: number; columns: SheetColumns } | null = null;
    const summary: SheetSummary = { name: grid.name, headerRow: null, columns: {}, rows: grid.rows.size, codes: 0, pictures: 0 };
    const rowFacts = (cells: Map<number, string> | undefined) => {
      const at = (field: Field) => (header?.columns[field] === undefined ? '' : (cells?.get(header.columns[field]!) ?? ''));
      let sku: string | null = at('sku') || null;
      let description: string | null = at('description') || null;
      // `8210010 - 6x Internet Call Access Key` in the SKU column, as the portal writes it.
      const split = sku ? /^([A-Za-z0-9]+)\s+[-–]\s+(.+)$/.exec(sku) : null;
      if (split) {
        sku = split[1]!;
        description ??= split[2]!;
      }
      return { sku, description, distributor: at('distributor') || null };
    };
    const rowNumbers = [...grid.rows.keys()].sort((a, b) => a - b);
    const found = new Map(
      rowNumbers.map((rowNumber) => [
        rowNumber,
        [...grid.rows.get(rowNumber)!.entries()].sort((a, b) => a[0] - b[0]).map(([column, text]) => ({ column, ...findCodes(text) })),
      ]),
    );
    // The header: of the first rows without a code, the one naming the most columns (a title
    // "Authorization Codes" names one; the real header below it names more).
    let best = 0;
    for (const rowNumber of rowNumbers) {
      if (rowNumber > HEADER_SEARCH_ROWS) break;
      if (found.get(rowNumber)!.some((cell) => cell.codes.length > 0)) continue;
      const columns = recogniseSheetHeader(grid.rows.get(rowNumber)!);
      const score = columns ? Object.keys(columns).length : 0;
      if (columns && score > best) {
        best = score;
        header = { row: rowNumber, columns };
      }
    }
    if (header) {
      summary.headerRow = header.row;
      summary.columns = header.columns;
    }
    for (const rowNumber of rowNumbers) {
      if (rowNumber === header?.row) continue;
      const facts = rowNumber > (header?.row ?? Number.POSITIVE_INFINITY) ? rowFacts(grid.rows.get(rowNumber)) : noFacts;
      for (const cell of found.get(rowNumber)!) {
        if (grid.mergedSlaves.has(`${rowNumber}:${cell.column}`)) continue;
        const source: CellSource = {
          sheet: grid.name,
          row: rowNumber,
          column: cell.column,
          cell: `${columnLetters(cell.column)}${rowNumber}`,
        };
        for (const code of cell.codes) {
          report.codes.push({
            ...source,
            code: code.code,
            compact: code.compact,
            text: code.text,
            ...facts,
            source: 'text',
            picture: null,
          });
          summary.codes++;
        }
        for (const piece of cell.notCodes) report.notCodes.push({ ...source, text: piece.text, message: piece.message });
        // Below a header naming the code column, a cell there with no code is said, whatever it holds.
        if (header && rowNumber > header.row && cell.column === header.columns.code && !cell.codes.length && !cell.notCodes.length) {
          const text = grid.rows.get(rowNumber)!.get(cell.column)!;
          report.notCodes.push({ ...source, text, message: 'This cell of the code column holds no authorization code.' });
        }
      }
    }
    for (const picture of [...grid.pictures].sort((a, b) => a.row - b.row || a.column - b.column)) {
      report.pictures.push({
        sheet: grid.name,
        row: picture.row,
        column: picture.column,
        cell: `${columnLetters(picture.column)}${picture.row}`,
        extension: picture.extension,
        bytes: picture.bytes,
        ...(picture.row > (header?.row ?? Number.POSITIVE_INFINITY) ? rowFacts(grid.rows.get(picture.row)) : noFacts),
      });
      summary.pictures++;
    }
    report.sheets.push(summary);
  }
  report.duplicates = findDuplicates(report.codes);
  return report;
}

/** The codes found more than once, each with every occurrence, in reading order. */
export function findDuplicates(codes: readonly SheetCode[]): SheetDuplicate[] {
  const seen = new Map<string, CellSource[]>();
  for (const code of codes) {
    const list = seen.get(code.compact) ?? [];
    list.push({ sheet: code.sheet, row: code.row, column: code.column, cell: code.cell });
    seen.set(code.compact, list);
  }
  const duplicates: SheetDuplicate[] = [];
  const listed = new Set<string>();
  for (const code of codes) {
    const occurrences = seen.get(code.compact)!;
    if (occurrences.length > 1 && !listed.has(code.compact)) {
      listed.add(code.compact);
      duplicates.push({ code: code.code, occurrences });
    }
  }
  return duplicates;
}
