/**
 * What the spreadsheet readers share (a distributor's sheet of codes, core/codes; a bulk
 * redemption file, core/bulk): telling an .xlsx from an old .xls, a password-protected workbook, a
 * CSV or something else by its bytes; counting a sheet's rows in its XML before exceljs builds the
 * whole workbook in memory; and reading a CSV as Excel writes it.
 */

import type { PackageLimits } from './xlsx-package';

/**
 * A distributor's sheet or a bulk file (at most 15,000 rows): at most 50 sheets and 1,000,000
 * cells in all, empty ones included (a formatted template of 15,000 rows by 60 columns fits).
 */
export const SHEET_LIMITS: PackageLimits = { maxSheets: 50, maxCells: 1_000_000 };

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** The stream an encrypted OOXML file keeps its package in, as an OLE directory writes names (UTF-16LE). */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/**
 * - `password_protected`: an encrypted workbook (Excel keeps those in an OLE file);
 * - `old_format`: another OLE file, an old-format .xls;
 * - `xlsx`: a zip package (checkXlsxPackage says whether it is a workbook);
 * - `text`: UTF-16 with its byte-order mark, or mostly printable bytes (a CSV);
 * - `other`: neither (a picture, a PDF…).
 */
export type SpreadsheetKind = 'empty' | 'password_protected' | 'old_format' | 'xlsx' | 'text' | 'other';

export function spreadsheetKind(bytes: Buffer): SpreadsheetKind {
  if (bytes.length === 0) return 'empty';
  if (bytes.subarray(0, OLE_SIGNATURE.length).equals(OLE_SIGNATURE)) {
    return bytes.includes(ENCRYPTED_PACKAGE) ? 'password_protected' : 'old_format';
  }
  if (bytes.subarray(0, ZIP_SIGNATURE.length).equals(ZIP_SIGNATURE)) return 'xlsx';
  return isUtf16(bytes) || looksLikeText(bytes) ? 'text' : 'other';
}

const ROW_OPEN = Buffer.from('<row');
const ROW_CLOSE = Buffer.from('</row>');
const VALUE_MARKS = ['<v>', '<v ', '<is>', '<is '].map((mark) => Buffer.from(mark));

/**
 * Rows of a sheet's XML that hold a value, counted up to `stopAfter` + 1 (then it stops reading).
 * A template formatted far down has thousands of styled empty rows; those do not count (exceljs
 * drops them too).
 */
export function rowsWithValues(xml: Buffer, stopAfter = Number.POSITIVE_INFINITY): number {
  let count = 0;
  for (let start = xml.indexOf(ROW_OPEN); start >= 0 && count <= stopAfter; ) {
    const tagEnd = xml.indexOf('>', start);
    if (tagEnd < 0) break;
    if (xml[tagEnd - 1] === 0x2f /* '/' */) {
      start = xml.indexOf(ROW_OPEN, tagEnd);
      continue;
    }
    const end = xml.indexOf(ROW_CLOSE, tagEnd);
    if (end < 0) break;
    const row = xml.subarray(tagEnd, end);
    if (VALUE_MARKS.some((mark) => row.includes(mark))) count++;
    start = xml.indexOf(ROW_OPEN, end);
  }
  return count;
}

/** Text, not binary: no NUL bytes and mostly printable in its first kilobytes. */
function looksLikeText(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return false;
  let control = 0;
  for (const byte of head) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  return control <= head.length / 100;
}

/** Excel's "Unicode Text" (.txt/.csv): UTF-16 with its byte-order mark, tab-separated. */
function isUtf16(bytes: Buffer): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** A text file's characters: UTF-16 by its byte-order mark, else UTF-8, else Windows' ANSI code page; no BOM. */
export function decodeText(bytes: Buffer): string {
  if (isUtf16(bytes)) {
    const littleEndian = bytes[0] === 0xff;
    const body = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    if (!littleEndian) body.swap16();
    return body.toString('utf16le');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Excel's "CSV" on Windows writes the ANSI code page.
    text = bytes.toString('latin1');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Comma, semicolon or tab, whichever the first `lines` lines use most (comma on a tie or none). */
export function guessDelimiter(text: string, lines = 10): string {
  const sample = text.split(/\r?\n/, lines).join('\n');
  const counts = [',', ';', '\t'].map((d) => [d, sample.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/**
 * A CSV as Excel writes it: quotes doubled, line breaks inside quotes kept. `onRow` gets each row
 * that has a non-blank field (its 1-based number, its non-blank fields by 1-based column, as
 * written); it may throw to stop reading.
 */
export function readCsvRows(text: string, delimiter: string, onRow: (row: number, cells: Map<number, string>) => void): void {
  let row = 1;
  let column = 1;
  let field = '';
  let quoted = false;
  let cells = new Map<number, string>();
  const endField = () => {
    if (field.trim()) cells.set(column, field);
    field = '';
    column++;
  };
  const endRow = () => {
    endField();
    if (cells.size) onRow(row, cells);
    cells = new Map();
    row++;
    column = 1;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += ch;
  }
  if (field !== '' || cells.size) endRow();
}
