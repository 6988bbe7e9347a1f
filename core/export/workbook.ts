/**
 * The rules every FieldKey workbook follows (Keys list, Quick Lookup handover, Redeem results), so
 * a customer gets the same kind of file from every page:
 *
 * - a bold header row, frozen, with an autofilter over the table;
 * - column widths fitted to what the column holds, capped so one long name cannot make a column
 *   a screen wide;
 * - dates as real Excel dates (sortable, filterable) in the wall-clock time of this computer's
 *   zone, as the technician saw them in the app: Excel dates carry no zone, so a UTC value would
 *   show times hours off to the person reading the file;
 * - authorization codes, feature keys and MACs as text cells with the Text number format, never
 *   anything Excel could evaluate, even when a key begins with `=`, `+`, `-` or `@`;
 * - the workbook's title, subject and author (creator) set;
 * - a file name that says the system or the filter and the date, safe on Windows, macOS and Linux.
 */
import type ExcelJS from 'exceljs';
import type { Translate } from '../messages/say';

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const TXT_MIME_TYPE = 'text/plain; charset=utf-8';

export const WORKBOOK_AUTHOR = 'FieldKey';
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
/** Excel's "Text" number format: a cell edited later in Excel stays text. */
export const TEXT_FORMAT = '@';

export const HEADER_FONT = { bold: true, color: { argb: 'FFFFFFFF' } } as const;
export const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } } as const;

/** Column widths in characters: wide enough for a header, never wider than a readable column. */
export const MIN_COLUMN_WIDTH = 8;
export const MAX_COLUMN_WIDTH = 60;

export type ColumnKind = 'text' | 'date' | 'number';

export interface TableColumn {
  header: string;
  kind: ColumnKind;
}

/** Minutes to add to UTC to get the wall-clock time at that instant. */
export type UtcOffset = (at: Date) => number;

/** This computer's zone at that instant (summer time included). */
export const localUtcOffset: UtcOffset = (at) => -at.getTimezoneOffset();

/** The wall-clock time as a Date whose UTC fields are the local time: what an Excel date stores. */
export function wallClock(at: Date, offset: UtcOffset): Date {
  return new Date(at.getTime() + offset(at) * 60_000);
}

/** `2026-11-23 14:03:12`, from a wall-clock Date (its UTC fields). */
export function wallClockText(wall: Date): string {
  return wall.toISOString().slice(0, 19).replace('T', ' ');
}

/** The width a date cell needs in DATE_TIME_FORMAT. */
const DATE_WIDTH = DATE_TIME_FORMAT.length + 2;

/**
 * Loaded on first export: exceljs is large, and most launches never export. `default` covers the
 * CommonJS module as Node's ESM loader and esbuild present it.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  const module = (await import('exceljs')) as unknown as { default?: typeof ExcelJS } & typeof ExcelJS;
  return module.default ?? module;
}

/** Title, subject, author and dates of a workbook (exceljs's in-memory and streaming workbooks alike). */
export function describeWorkbook(
  workbook: Pick<ExcelJS.Workbook, 'title' | 'subject' | 'creator' | 'lastModifiedBy' | 'created' | 'modified' | 'description'>,
  properties: { title: string; subject?: string; description?: string; now: Date },
): void {
  workbook.title = properties.title;
  if (properties.subject) workbook.subject = properties.subject;
  if (properties.description) workbook.description = properties.description;
  workbook.creator = WORKBOOK_AUTHOR;
  workbook.lastModifiedBy = WORKBOOK_AUTHOR;
  workbook.created = properties.now;
  workbook.modified = properties.now;
}

/**
 * The portal's SKU descriptions repeat the number (`8210010 - 6x Internet Call Access Key`); next
 * to a SKU column the description says the rest.
 */
export function skuDescriptionText(sku: string, description: string | null): string | null {
  if (!description) return null;
  // Called for every exported row: a string test, no regular expression built per call.
  const trimmed = description.trimStart();
  if (!trimmed.startsWith(sku)) return description;
  const rest = trimmed.slice(sku.length).trimStart();
  if (!rest.startsWith('-')) return description;
  return rest.slice(1).trimStart() || description;
}

/** Removes what XML 1.0 cannot hold (control characters other than tab and line breaks). */
export function cellText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters removed.
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/** The width (in characters) a column needs for its header and the values given. */
export function fittedWidth(column: TableColumn, values: Iterable<string | null | undefined>): number {
  let longest = column.header.length + 3; // room for the autofilter's drop-down button
  if (column.kind === 'date') longest = Math.max(longest, DATE_WIDTH);
  for (const value of values) {
    if (value == null) continue;
    // A multi-line value is as wide as its longest line.
    for (const line of String(value).split('\n')) longest = Math.max(longest, line.length + 2);
  }
  return Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, longest));
}

export type TableCell = string | Date | number | null;

/**
 * Writes a table into an in-memory worksheet at `firstRow` (1-based): the styled header, then the
 * rows. Text columns get plain string values with the Text format (exceljs writes them as shared
 * strings, which Excel never evaluates); date columns get Dates with DATE_TIME_FORMAT.
 * Returns the row numbers of the header and of the last row written.
 */
export function writeTable(
  sheet: ExcelJS.Worksheet,
  firstRow: number,
  columns: readonly TableColumn[],
  rows: readonly (readonly TableCell[])[],
  options: { firstColumn?: number } = {},
): { headerRow: number; lastRow: number } {
  const firstColumn = options.firstColumn ?? 1;
  const header = sheet.getRow(firstRow);
  columns.forEach((column, index) => {
    const cell = header.getCell(firstColumn + index);
    cell.value = column.header;
    styleHeaderCell(cell);
  });
  rows.forEach((values, rowIndex) => {
    const row = sheet.getRow(firstRow + 1 + rowIndex);
    columns.forEach((column, index) => {
      const value = values[index] ?? null;
      const cell = row.getCell(firstColumn + index);
      if (value === null || value === '') return;
      if (column.kind === 'text') {
        cell.value = cellText(String(value));
        cell.numFmt = TEXT_FORMAT;
      } else if (column.kind === 'date') {
        cell.value = value;
        cell.numFmt = DATE_TIME_FORMAT;
      } else {
        cell.value = value;
      }
    });
  });
  return { headerRow: firstRow, lastRow: firstRow + rows.length };
}

export function styleHeaderCell(cell: ExcelJS.Cell): void {
  cell.font = { ...HEADER_FONT };
  cell.fill = { ...HEADER_FILL, fgColor: { ...HEADER_FILL.fgColor } };
  cell.alignment = { vertical: 'middle' };
}

/** Freezes everything down to `headerRow` and puts an autofilter on the table below it. */
export function freezeAndFilter(
  sheet: ExcelJS.Worksheet,
  table: { headerRow: number; lastRow: number; columns: number; firstColumn?: number },
): void {
  const firstColumn = table.firstColumn ?? 1;
  sheet.views = [
    { state: 'frozen', ySplit: table.headerRow, xSplit: 0, topLeftCell: `A${table.headerRow + 1}`, activeCell: `A${table.headerRow + 1}` },
  ];
  sheet.autoFilter = {
    from: { row: table.headerRow, column: firstColumn },
    to: { row: Math.max(table.headerRow, table.lastRow), column: firstColumn + table.columns - 1 },
  };
}

/** Text form of a cell for width fitting. */
function widthText(value: TableCell): string | null {
  if (value === null) return null;
  if (value instanceof Date) return wallClockText(value);
  return String(value);
}

/** Sets each column's width from everything written to it (headers and tables alike). */
export function fitColumnWidths(sheet: ExcelJS.Worksheet, columns: readonly (TableColumn & { values: readonly TableCell[] })[]): void {
  columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = fittedWidth(column, column.values.map(widthText));
  });
}

/**
 * A workbook of one table in memory (its header styled, frozen and filtered, its columns fitted)
 * for the exports small enough not to stream: a redemption, the code balance, a bulk job's report.
 */
export async function writeTableWorkbook(options: {
  title: string;
  subject?: string;
  description?: string;
  now: Date;
  sheetName: string;
  columns: readonly TableColumn[];
  rows: readonly (readonly TableCell[])[];
}): Promise<Buffer> {
  const { columns, rows } = options;
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  describeWorkbook(workbook, options);
  const sheet = workbook.addWorksheet(options.sheetName);
  const table = writeTable(sheet, 1, columns, rows);
  freezeAndFilter(sheet, { ...table, columns: columns.length });
  fitColumnWidths(
    sheet,
    columns.map((column, index) => ({ ...column, values: rows.map((row) => row[index] ?? null) })),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Characters no file system of the three accepts in a name, and ASCII control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes.
const UNSAFE_IN_FILE_NAME = /[<>:"/\\|?*\u0000-\u001F\u007F]/g;
const MAX_FILE_NAME_LENGTH = 150;

/**
 * One part of a file name made safe for Windows, macOS and Linux: no reserved characters (each
 * becomes `-`), no runs of spaces, no leading or trailing dots or spaces, at most `maxLength`.
 */
export function safeFileNamePart(text: string, maxLength = 40): string {
  const cleaned = text.normalize('NFC').replace(/\s+/g, ' ').replace(UNSAFE_IN_FILE_NAME, '-').trim();
  return [...cleaned]
    .slice(0, maxLength)
    .join('')
    .replace(/^[\s.]+|[\s.]+$/g, '');
}

/**
 * `FieldKey keys 000ADD023F8F 2026-11-30.xlsx`: "FieldKey", then the parts (already made safe,
 * empty ones left out), joined by spaces, then the extension. Always starts with "FieldKey", so
 * never a name Windows reserves (CON, NUL, …).
 */
export function exportFileName(parts: readonly string[], extension: 'xlsx' | 'txt'): string {
  const stem = ['FieldKey', ...parts.map((part) => safeFileNamePart(part, MAX_FILE_NAME_LENGTH)).filter(Boolean)].join(' ');
  return `${[...stem].slice(0, MAX_FILE_NAME_LENGTH).join('').trimEnd()}.${extension}`;
}

/** Days since 1899-12-30 (Excel's serial date in the 1900 system) of a wall-clock Date. */
export function excelSerialDate(wall: Date): number {
  return wall.getTime() / 86_400_000 + 25_569;
}

/** The day part (`2026-11-30`) of a wall-clock Date. */
export function wallClockDay(wall: Date): string {
  return wall.toISOString().slice(0, 10);
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The day the user chose for a filter bound, in their zone. An ISO date is that day. A full ISO
 * time is what the page sends for a local day: the start bound is that day's local midnight; the
 * end bound is exclusive (the local midnight after the last day), so its day is the one before
 * it. Null for no bound.
 */
function boundDay(bound: string | null, end: boolean, utcOffset: UtcOffset): string | null {
  const text = bound?.trim();
  if (!text) return null;
  if (ISO_DAY.test(text)) return text;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  const instant = new Date(end ? at - 1 : at);
  return wallClockDay(wallClock(instant, utcOffset));
}

/** The "from to" part of a list's file name, in `t`'s language; the export day stands for an open end. */
export function filterDatesPart(
  filter: { from: string | null; to: string | null },
  exportDay: string,
  utcOffset: UtcOffset,
  t: Translate,
): string {
  const from = boundDay(filter.from, false, utcOffset);
  const to = boundDay(filter.to, true, utcOffset);
  if (from) return t('export.dateRange', { from, to: to ?? exportDay });
  if (to) return t('export.until', { to });
  return exportDay;
}
