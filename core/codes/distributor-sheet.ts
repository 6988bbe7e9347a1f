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
import { spreadsheetKind } from '../import/sheet-file';
import { readCsv, readWorkbook, refuse, type SheetGrid, tooManyRows } from './sheet-grids';
import type { Message } from '../messages/catalogue';
import { say } from '../messages/say';
import { findCodes } from './find-codes';

/** The bulk-file limits (issue 12, after the bulk-assignment rules): 5 MB and 15,000 rows. */
export const MAX_SHEET_BYTES = 5 * 1024 * 1024;
export const MAX_SHEET_ROWS = 15_000;
/** How far down each sheet a header row is looked for. */
export const HEADER_SEARCH_ROWS = 50;

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
  message: Message;
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

export async function readDistributorSheet(bytes: Buffer, options: ReadOptions): Promise<DistributorSheetReport> {
  const maxBytes = options.maxBytes ?? MAX_SHEET_BYTES;
  const maxRows = options.maxRows ?? MAX_SHEET_ROWS;
  if (bytes.length > maxBytes) {
    throw refuse(
      'too_large',
      say('codes.sheet.tooLarge', {
        size: Math.round((bytes.length / 1024 / 1024) * 10) / 10,
        limit: Math.round((maxBytes / 1024 / 1024) * 10) / 10,
      }),
    );
  }
  let grids: SheetGrid[];
  let format: 'xlsx' | 'csv';
  switch (spreadsheetKind(bytes)) {
    case 'empty':
      throw refuse('not_a_spreadsheet', say('codes.sheet.empty'));
    case 'password_protected':
      throw refuse('password_protected', say('codes.sheet.passwordProtected'));
    case 'old_format':
      throw refuse('old_format', say('codes.sheet.oldFormat'));
    case 'xlsx':
      format = 'xlsx';
      grids = await readWorkbook(bytes, maxRows);
      break;
    case 'text':
      format = 'csv';
      grids = [readCsv(bytes, maxRows)];
      break;
    case 'other':
      throw refuse('not_a_spreadsheet', say('codes.sheet.notASpreadsheet'));
  }
  return buildReport(options.fileName, format, grids, maxRows);
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
          report.notCodes.push({ ...source, text, message: say('codes.notACode.cellNoCode') });
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
