/**
 * A distributor's file read to grids of cell texts and pictures, before any code is looked for
 * (distributor-sheet.ts builds the report from them): an .xlsx through ExcelJS, or through its
 * cells alone when ExcelJS cannot load it, or a .csv; refusals worded for the technician.
 */
import { ApiError } from '../rpc/errors';
import type { Message } from '../messages/catalogue';
import { say } from '../messages/say';
import { loadExcelJs } from '../export/workbook';
import { cellText } from '../keys/portal-export';
import { decodeText, guessDelimiter, readCsvRows, rowsWithValues, SHEET_LIMITS } from '../import/sheet-file';
import { checkXlsxPackage, inflateEntry, type ZipEntry } from '../import/xlsx-package';
import { columnOf, xlsxSheets } from '../import/xlsx-rows';

export type SheetRefusal = 'too_large' | 'too_many_rows' | 'password_protected' | 'old_format' | 'not_a_spreadsheet' | 'damaged';

export const refuse = (reason: SheetRefusal, message: Message) => new ApiError('VALIDATION', message, { reason });

/**
 * A sentence another part of the core wrote in English only (the file worker's, the package
 * check's), kept whole as the English text under `code`, whose translations say it in general.
 */
export function foreignSentence(code: 'codes.sheet.unreadable' | 'codes.sheet.unpacksTooLarge', sentence: string | Message): Message {
  return typeof sentence === 'string' ? { code, message: sentence, params: { detail: sentence } } : sentence;
}

/** One sheet as rows of cells: row number → column → text; `origin` says which cells are a merged block's master (or plain). */
export interface SheetGrid {
  name: string;
  rows: Map<number, Map<number, string>>;
  /** Cells that are the covered part of a merged block: their text is the master's, found only at the master. */
  mergedSlaves: Set<string>;
  pictures: { row: number; column: number; extension: string; bytes: Buffer }[];
}

/** `where`: each sheet's rows (`Sheet1: 20,000, Sheet2: 3`), or empty. */
export const tooManyRows = (maxRows: number, where: string) =>
  refuse(
    'too_many_rows',
    where ? say('codes.sheet.tooManyRowsIn', { limit: maxRows, where }) : say('codes.sheet.tooManyRows', { limit: maxRows }),
  );

export async function readWorkbook(bytes: Buffer, maxRows: number): Promise<SheetGrid[]> {
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
    throw refuse('damaged', say('codes.sheet.damaged'));
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
    throw refuse('damaged', say('codes.sheet.damaged'));
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
    return refuse('password_protected', say('codes.sheet.passwordProtectedPackage'));
  }
  const damaged = /^The file is damaged \((.*)\)/.exec(message);
  if (damaged) {
    return refuse('damaged', say('codes.sheet.damagedBecause', { detail: damaged[1]! }));
  }
  if (/zip archive but not an Excel workbook/.test(message)) {
    return refuse('not_a_spreadsheet', say('codes.sheet.zipNotWorkbook'));
  }
  return refuse('too_large', foreignSentence('codes.sheet.unpacksTooLarge', message.replace(/, far more than a portal export/, '')));
}

/** A CSV as Excel writes it: comma, semicolon or tab (whichever the first lines use most), quotes doubled. */
export function readCsv(bytes: Buffer, maxRows: number): SheetGrid {
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
