/**
 * A streaming reader of an .xlsx package's rows, for large files: the sheet XML is inflated in
 * pieces and fed to a small strict XML scanner (xml-scanner.ts), and each row comes out as soon as it is closed, with no
 * workbook model built (exceljs's streaming reader builds one per cell and takes about four times
 * as long). Shared strings are read first, into an array (bounded by MAX_SHARED_STRINGS_BYTES in
 * checkXlsxPackage). Only what a reader of plain tables needs is read: cell values (shared, inline
 * and formula strings, numbers, booleans, dates; an error cell reads as empty) and merged ranges;
 * of the styles only which number formats are dates, as exceljs decides it.
 *
 * Call checkXlsxPackage first: it refuses bombs and damaged packages and gives the entries.
 */
import { createInflateRaw } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import type { ZipEntry } from './xlsx-package';
import { XmlScanner, type XmlTag } from './xml-scanner';

export interface XlsxRow {
  /** 1-based, as the sheet numbers it. */
  number: number;
  /**
   * By 1-based column, as exceljs's `row.values`: a string, a number, a boolean, or a Date for a
   * number in a date format (its wall-clock time in the Date's UTC fields, as exceljs gives it).
   */
  values: XlsxValue[];
}

export type XlsxValue = string | number | boolean | Date | undefined;

export interface XlsxSheet {
  name: string;
  /**
   * The workbook counts dates from 1904 (old Mac Excel): add DAYS_1904 to a date cell's serial
   * to read it in the 1900 system (only the reader knows which numbers are dates).
   */
  date1904: boolean;
  /** Its rows in order; breaking out of the loop stops the reading. */
  rows(): AsyncGenerator<XlsxRow>;
  /** The merged ranges (`A1:C3`) met so far: all of them once `rows()` has run to its end. */
  readonly mergedRanges: string[];
}

/** Days between the 1904 and 1900 date systems' day zero. */
export const DAYS_1904 = 1462;
/** Inflated bytes handed to the parser at a time. */
const PIECE_BYTES = 256 * 1024;

/** No namespaces (names keep their prefix, dropped by localName) and no position tracking: faster. */
const plainParser = () => new XmlScanner();

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** The sheets of the workbook in its tab order. Throws an Error (damaged) the caller words. */
export async function xlsxSheets(bytes: Buffer, entries: ZipEntry[]): Promise<XlsxSheet[]> {
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const part = async (name: string) => {
    const entry = byName.get(name);
    return entry ? (await inflateWhole(bytes, entry)).toString('utf8') : null;
  };
  const workbook = await part('xl/workbook.xml');
  if (workbook === null) throw new Error('the workbook part is missing');
  const relations = new Map<string, string>();
  const rels = await part('xl/_rels/workbook.xml.rels');
  if (rels !== null) {
    parseXml(rels, (tag) => {
      if (localName(tag.name) === 'Relationship') relations.set(String(tag.attributes.Id), String(tag.attributes.Target));
    });
  }
  const listed: { name: string; target: string }[] = [];
  let date1904 = false;
  parseXml(workbook, (tag) => {
    const name = localName(tag.name);
    if (name === 'workbookPr') date1904 = tag.attributes.date1904 === '1' || tag.attributes.date1904 === 'true';
    if (name !== 'sheet') return;
    const id = Object.entries(tag.attributes).find(([attribute]) => localName(attribute) === 'id')?.[1];
    const target = id === undefined ? undefined : relations.get(String(id));
    if (target) listed.push({ name: String(tag.attributes.name ?? ''), target: partPath(target) });
  });
  const strings = byName.has('xl/sharedStrings.xml') ? await sharedStrings(bytes, byName.get('xl/sharedStrings.xml')!) : [];
  const styles = await part('xl/styles.xml');
  const context: SheetContext = { strings, dateStyles: styles === null ? [] : dateStyles(styles), date1904 };
  return listed
    .filter((sheet) => byName.has(sheet.target))
    .map((sheet) => {
      const mergedRanges: string[] = [];
      return { name: sheet.name, date1904, mergedRanges, rows: () => sheetRows(bytes, byName.get(sheet.target)!, context, mergedRanges) };
    });
}

interface SheetContext {
  strings: string[];
  /** By style index (a cell's `s`): whether its number format shows a date or time. */
  dateStyles: boolean[];
  date1904: boolean;
}

/** Built-in number formats that show dates or times (as exceljs's table has them). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** A format code shows a date when, outside quoted text and [brackets], it has y, m, d, h, s or b (as exceljs decides). */
const isDateFormat = (code: string) => /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** Whether each cell style (`<cellXfs>`'s `<xf>`, in order) has a date format. */
function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  const parser = plainParser();
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'numFmt') custom.set(Number(tag.attributes.numFmtId), String(tag.attributes.formatCode ?? ''));
    else if (name === 'cellXfs') inCellXfs = !tag.isSelfClosing;
    else if (name === 'xf' && inCellXfs) {
      const id = Number(tag.attributes.numFmtId ?? 0);
      const code = custom.get(id);
      styles.push(code === undefined ? BUILT_IN_DATE_FORMATS.has(id) : isDateFormat(code));
    }
  });
  parser.on('closetag', (tag) => {
    if (localName(tag.name) === 'cellXfs') inCellXfs = false;
  });
  parser.write(xml).close();
  return styles;
}

/** A relationship's target as a part name: relative to xl/, or absolute from the package root. */
function partPath(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

function parseXml(xml: string, onOpen: (tag: XmlTag) => void): void {
  const parser = plainParser();
  parser.on('opentag', onOpen);
  parser.write(xml).close();
}

async function inflateWhole(bytes: Buffer, entry: ZipEntry): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of inflatePieces(bytes, entry)) pieces.push(piece);
  return Buffer.concat(pieces);
}

/** The part's bytes as they inflate (checkXlsxPackage has bounded its size already). */
async function* inflatePieces(bytes: Buffer, entry: ZipEntry): AsyncGenerator<Buffer> {
  const compressed = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) {
    for (let at = 0; at < compressed.length; at += PIECE_BYTES) yield compressed.subarray(at, at + PIECE_BYTES);
    return;
  }
  const inflate = createInflateRaw({ chunkSize: PIECE_BYTES });
  inflate.end(compressed);
  try {
    for await (const piece of inflate) yield piece as Buffer;
  } finally {
    inflate.destroy();
  }
}

/** Each `<si>`'s text: its `<t>` pieces (rich-text runs included), phonetic runs (`<rPh>`) left out. */
async function sharedStrings(bytes: Buffer, entry: ZipEntry): Promise<string[]> {
  const strings: string[] = [];
  let text = '';
  let capture = false;
  let phonetic = 0;
  const parser = plainParser();
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'si') text = '';
    else if (name === 'rPh') phonetic++;
    else if (name === 't' && phonetic === 0) capture = !tag.isSelfClosing;
  });
  parser.on('text', (piece) => {
    if (capture) text += piece;
  });
  parser.on('cdata', (piece) => {
    if (capture) text += piece;
  });
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (name === 't') capture = false;
    else if (name === 'rPh') phonetic--;
    else if (name === 'si') strings.push(text);
  });
  const decoder = new StringDecoder('utf8');
  for await (const piece of inflatePieces(bytes, entry)) parser.write(decoder.write(piece));
  parser.write(decoder.end()).close();
  return strings;
}

/** Column letters of a cell reference (`AB12`) as a 1-based number, or 0 when it has none. */
export function columnOf(reference: string): number {
  let column = 0;
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + (code - 64);
    else if (code >= 97 && code <= 122) column = column * 26 + (code - 96);
    else break;
  }
  return column;
}

async function* sheetRows(bytes: Buffer, entry: ZipEntry, context: SheetContext, mergedRanges: string[]): AsyncGenerator<XlsxRow> {
  const ready: XlsxRow[] = [];
  let row: XlsxRow | null = null;
  let rowNumber = 0;
  let column = 0;
  let type = 'n';
  let style = 0;
  let text = '';
  let capture = false;
  let phonetic = 0;
  const parser = plainParser();
  parser.on('opentag', (tag) => {
    switch (localName(tag.name)) {
      case 'row': {
        const r = tag.attributes.r;
        rowNumber = r === undefined ? rowNumber + 1 : Number.parseInt(String(r), 10) || rowNumber + 1;
        row = { number: rowNumber, values: [] };
        column = 0;
        return;
      }
      case 'c': {
        const r = tag.attributes.r;
        column = (r === undefined ? 0 : columnOf(String(r))) || column + 1;
        type = tag.attributes.t === undefined ? 'n' : String(tag.attributes.t);
        style = tag.attributes.s === undefined ? 0 : Number(tag.attributes.s);
        text = '';
        capture = false;
        return;
      }
      case 'v':
        capture = !tag.isSelfClosing && type !== 'inlineStr';
        return;
      case 'rPh':
        phonetic++;
        return;
      case 'mergeCell':
        if (tag.attributes.ref !== undefined) mergedRanges.push(String(tag.attributes.ref));
        return;
      case 't':
        // An inline string's text (`<is><t>…</t></is>`, rich runs too).
        capture = type === 'inlineStr' && phonetic === 0 && !tag.isSelfClosing;
        return;
    }
  });
  parser.on('text', (piece) => {
    if (capture) text += piece;
  });
  parser.on('cdata', (piece) => {
    if (capture) text += piece;
  });
  parser.on('closetag', (tag) => {
    switch (localName(tag.name)) {
      case 'v':
      case 't':
        capture = false;
        return;
      case 'rPh':
        phonetic--;
        return;
      case 'c':
        if (row && text !== '') row.values[column] = cellValue(type, text, style, context);
        return;
      case 'row':
        if (row) ready.push(row);
        row = null;
        return;
    }
  });
  const decoder = new StringDecoder('utf8');
  for await (const piece of inflatePieces(bytes, entry)) {
    parser.write(decoder.write(piece));
    yield* ready.splice(0);
  }
  parser.write(decoder.end()).close();
  yield* ready.splice(0);
}

function cellValue(type: string, text: string, style: number, context: SheetContext): XlsxValue {
  switch (type) {
    case 's':
      return context.strings[Number.parseInt(text, 10)];
    case 'str':
    case 'inlineStr':
    case 'd':
      return text;
    case 'b':
      return text === '1' || text === 'true';
    case 'e':
      return undefined;
    default: {
      const number = Number(text);
      if (Number.isNaN(number)) return text;
      if (!context.dateStyles[style]) return number;
      // As exceljs: the serial's wall-clock time in the Date's UTC fields.
      return new Date(Math.round((number - 25_569 + (context.date1904 ? DAYS_1904 : 0)) * 86_400_000));
    }
  }
}
