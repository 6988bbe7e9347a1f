/**
 * Reads the portal's own View Codes export (.xlsx, "Export List to Excel") into key rows, apart
 * from any database write. The export has the columns SKU (`8210010 - 6x Internet Call Access
 * Key`), Distributor, Auth, Key, MAC, Redeemed (and Details); FieldKey's own Keys export (SKU,
 * Description, Auth Code, Feature Key, MAC, Redeemed) is read the same way. The header row need
 * not be the first: the first rows are scanned for it, ignoring case, spaces and punctuation.
 *
 * TIME ZONE: the portal writes times without a zone (`10/14/2009 4:55:28 PM`), and an Excel date
 * has none either. Both are taken as wall-clock times in this computer's zone (the zone the portal
 * page showed the technician who exported it, and the zone FieldKey's own exports are written in),
 * and stored as UTC ISO-8601 with milliseconds (`2009-10-14T20:55:28.000Z` in New York). A text
 * time that carries its own zone (`2026-11-23T14:03:12Z`, `…+01:00`) is taken as it says.
 */
import { ApiError } from '../rpc/errors';
import { parseAuthCode } from '../domain/auth-code';
import { parseMac } from '../domain/mac';
import { messageOf } from '../domain/mac-range';
import type { Message } from '../messages/catalogue';
import { say } from '../messages/say';
import type { ImportColumn, ImportRowProblem } from './contract';
import type { UtcOffset } from '../export/workbook';
import { languages } from '../messages/language';
import { translator } from '../messages/say';
import { checkXlsxPackage, PORTAL_EXPORT_LIMITS } from '../import/xlsx-package';
import { DAYS_1904, xlsxSheets } from '../import/xlsx-rows';

/** Rows below the header a file may have: above any real export, and a bound on memory. */
export const MAX_IMPORT_ROWS = 1_000_000;
/** How far down the header row is looked for. */
export const HEADER_SEARCH_ROWS = 20;
/** More unreadable rows than this and the file is not a View Codes export at all. */
export const MAX_REJECTED_ROWS = 10_000;

export interface PortalKeyRow {
  /** 1-based row number in the worksheet. */
  row: number;
  /** 24 characters, no dashes (as stored). */
  authCode: string;
  featureKey: string;
  sku: string;
  /** The SKU's description as the portal writes it (`8210010 - 6x Internet Call Access Key`), or null. */
  skuDescription: string | null;
  distributor: string | null;
  /** 12 upper-case hex digits. */
  mac: string;
  /** UTC ISO-8601 with milliseconds. */
  redeemedAt: string;
}

export interface ParsedPortalExport {
  sheetName: string;
  headerRow: number;
  rows: PortalKeyRow[];
  rejected: ImportRowProblem[];
}

type Field = 'sku' | 'description' | 'distributor' | 'authCode' | 'featureKey' | 'mac' | 'redeemed';

/** Header names (lower case, letters and digits only) of each field, as the portal writes them. */
const PORTAL_HEADER_NAMES: Record<Field, readonly string[]> = {
  sku: ['sku', 'skudescription', 'skunumber'],
  description: ['description'],
  distributor: ['distributor'],
  authCode: ['auth', 'authcode', 'authorization', 'authorizationcode'],
  featureKey: ['key', 'featurekey'],
  mac: ['mac', 'macaddress'],
  redeemed: ['redeemed', 'redeemedat', 'redeemedon', 'dateredeemed'],
};
const REQUIRED: readonly Field[] = ['sku', 'authCode', 'featureKey', 'mac', 'redeemed'];

const headerKey = (value: unknown) =>
  cellText(value)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** The portal's names, and the headers of FieldKey's own Keys export in every language it writes. */
const HEADER_NAMES = {} as Record<Field, readonly string[]>;
for (const field of Object.keys(PORTAL_HEADER_NAMES) as Field[]) {
  const own = languages.map((language) => headerKey(translator(language)(`export.keys.column.${field}`)));
  HEADER_NAMES[field] = [...new Set([...PORTAL_HEADER_NAMES[field], ...own])];
}

export interface ParseOptions {
  /** Minutes to add to UTC for the wall-clock times in the file (this computer's zone). */
  utcOffset: UtcOffset;
  maxRows?: number;
}

/** Reads the file; throws ApiError VALIDATION (one sentence) when it cannot be imported at all. */
export async function parsePortalExport(bytes: Buffer, options: ParseOptions): Promise<ParsedPortalExport> {
  const { entries } = await checkXlsxPackage(bytes, PORTAL_EXPORT_LIMITS);
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  const descriptions = new Map<string, string>();
  try {
    for (const sheet of await xlsxSheets(bytes, entries)) {
      let columns: Partial<Record<Field, number>> | null = null;
      let headerRow = 0;
      const rows: PortalKeyRow[] = [];
      const rejected: ImportRowProblem[] = [];
      const dates = { utcOffset: options.utcOffset, serialShift: sheet.date1904 ? DAYS_1904 : 0 };
      for await (const row of sheet.rows()) {
        const values = row.values;
        if (!columns) {
          if (row.number > HEADER_SEARCH_ROWS) break;
          columns = recogniseHeader(values);
          if (columns) headerRow = row.number;
          continue;
        }
        if (row.number - headerRow > maxRows) {
          throw new ApiError('VALIDATION', say('keys.import.tooManyRows', { count: maxRows }));
        }
        const read = readKeyRow(row.number, values, columns, dates, descriptions);
        if (read === null) continue;
        if ('reason' in read) {
          rejected.push(read);
          if (rejected.length > MAX_REJECTED_ROWS) {
            throw new ApiError('VALIDATION', say('keys.import.tooManyRejected', { count: MAX_REJECTED_ROWS }));
          }
        } else {
          rows.push(read);
        }
      }
      if (columns) return { sheetName: sheet.name || 'Sheet1', headerRow, rows, rejected };
    }
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('VALIDATION', say('keys.import.damaged'));
  }
  throw new ApiError('VALIDATION', say('keys.import.noHeader', { rows: HEADER_SEARCH_ROWS }));
}

/** The column (1-based) of each field when the row is the header, else null. */
export function recogniseHeader(values: readonly unknown[]): Partial<Record<Field, number>> | null {
  const columns: Partial<Record<Field, number>> = {};
  values.forEach((value, column) => {
    const key = headerKey(value);
    if (!key) return;
    for (const field of Object.keys(HEADER_NAMES) as Field[]) {
      if (columns[field] === undefined && HEADER_NAMES[field].includes(key)) columns[field] = column;
    }
  });
  return REQUIRED.every((field) => columns[field] !== undefined) ? columns : null;
}

/** The text of a cell whatever exceljs made of it (string, number, rich text, formula result, link). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown };
    if (Array.isArray(v.richText))
      return v.richText
        .map((part) => part.text)
        .join('')
        .trim();
    if (v.text !== undefined) return cellText(v.text);
    if (v.result !== undefined) return cellText(v.result);
  }
  return '';
}

/** One data row: the key, a problem (with its row number), or null for a blank row. */
function readKeyRow(
  rowNumber: number,
  values: readonly unknown[],
  columns: Partial<Record<Field, number>>,
  dates: { utcOffset: UtcOffset; serialShift: number },
  descriptions: Map<string, string>,
): PortalKeyRow | ImportRowProblem | null {
  const at = (field: Field) => (columns[field] === undefined ? undefined : values[columns[field]!]);
  const text = (field: Field) => cellText(at(field));
  const authText = text('authCode');
  const cells = (['sku', 'authCode', 'featureKey', 'mac', 'redeemed'] as const).map(text);
  if (cells.every((cell) => cell === '')) return null;
  /** The row's problem in `column`: its English starts with the column's name. */
  const problem = (column: ImportColumn, reason: Message): ImportRowProblem => ({
    row: rowNumber,
    authCode: authText || null,
    column,
    reason: { ...reason, message: `${column}: ${reason.message}` },
  });

  const code = parseAuthCode(authText);
  if (!code.ok) return problem('Auth', authText ? messageOf(code) : say('keys.import.missing.auth'));
  const featureKey = text('featureKey');
  if (!featureKey) return problem('Key', say('keys.import.missing.key'));
  if (/\s/.test(featureKey) || featureKey.length > 100)
    return problem('Key', say('keys.import.notFeatureKey', { value: featureKey.slice(0, 40) }));
  const skuText = text('sku');
  const sku = /^([A-Za-z0-9]+)(?:\s*-\s*(.+))?$/.exec(skuText);
  if (!sku) return problem('SKU', skuText ? say('keys.import.notSku', { value: skuText.slice(0, 60) }) : say('keys.import.missing.sku'));
  const macText = text('mac');
  const mac = parseMac(macText);
  if (!mac.ok) return problem('MAC', macText ? messageOf(mac) : say('keys.import.missing.mac'));
  const redeemedCell = at('redeemed');
  const redeemed = redeemedAt(typeof redeemedCell === 'number' ? redeemedCell + dates.serialShift : redeemedCell, dates.utcOffset);
  if (!redeemed.ok) return problem('Redeemed', redeemed.message);

  const ownDescription = text('description');
  const description = ownDescription ? `${sku[1]} - ${ownDescription}` : sku[2] ? skuText : null;
  let sharedDescription: string | null = null;
  if (description !== null) {
    sharedDescription = descriptions.get(description) ?? description;
    descriptions.set(description, sharedDescription);
  }
  return {
    row: rowNumber,
    authCode: code.compact,
    featureKey,
    sku: sku[1]!,
    skuDescription: sharedDescription,
    distributor: text('distributor') || null,
    mac: mac.mac,
    redeemedAt: redeemed.iso,
  };
}

type DateRead = { ok: true; iso: string } | { ok: false; message: Message };

/** A wall-clock time (a Date whose UTC fields are the local time) to the instant, in that zone. */
export function wallClockToUtc(wall: Date, utcOffset: UtcOffset): Date {
  const guess = new Date(wall.getTime() - utcOffset(wall) * 60_000);
  // The offset at the instant itself (differs from the guess's only around a summer-time change).
  return new Date(wall.getTime() - utcOffset(guess) * 60_000);
}

const US_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?)?$/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;
const ISO_ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})$/i;
/** Excel serial days of 1990-01-01 and 2100-01-01: a bare number outside is no redemption date. */
const SERIAL_RANGE = [32_874, 73_051] as const;

function wallClockParts(year: number, month: number, day: number, hour: number, minute: number, second: number, ms = 0): Date | null {
  const wall = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  if (wall.getUTCFullYear() !== year || wall.getUTCMonth() !== month - 1 || wall.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return wall;
}

/** The Redeemed cell as a UTC ISO time: a real Excel date, a US or ISO text date, or an Excel serial number. */
export function redeemedAt(value: unknown, utcOffset: UtcOffset): DateRead {
  const fromWall = (wall: Date | null): DateRead =>
    wall && !Number.isNaN(wall.getTime())
      ? { ok: true, iso: wallClockToUtc(wall, utcOffset).toISOString() }
      : { ok: false, message: say('keys.import.date.notExist') };
  if (value instanceof Date) return fromWall(value);
  if (typeof value === 'number') {
    if (value < SERIAL_RANGE[0] || value > SERIAL_RANGE[1]) return { ok: false, message: say('keys.import.date.notDate', { value }) };
    return fromWall(new Date(Math.round((value - 25_569) * 86_400_000)));
  }
  const text = cellText(value);
  if (!text) return { ok: false, message: say('keys.import.date.missing') };
  const us = US_DATE_TIME.exec(text);
  if (us) {
    let hour = us[4] === undefined ? 0 : Number(us[4]);
    const meridiem = us[7]?.replace(/\./g, '').toUpperCase();
    if (meridiem) {
      if (hour < 1 || hour > 12) return { ok: false, message: say('keys.import.date.badHour', { value: text }) };
      hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
    }
    const wall = wallClockParts(Number(us[3]), Number(us[1]), Number(us[2]), hour, Number(us[5] ?? 0), Number(us[6] ?? 0));
    return wall ? fromWall(wall) : { ok: false, message: say('keys.import.date.notUsDate', { value: text }) };
  }
  if (ISO_ZONED.test(text)) {
    const instant = new Date(text.replace(' ', 'T').replace(/\s+/g, ''));
    if (!Number.isNaN(instant.getTime())) return { ok: true, iso: instant.toISOString() };
  }
  const iso = ISO_LOCAL.exec(text);
  if (iso) {
    const ms = iso[7] ? Number(iso[7].padEnd(3, '0')) : 0;
    const wall = wallClockParts(
      Number(iso[1]),
      Number(iso[2]),
      Number(iso[3]),
      Number(iso[4] ?? 0),
      Number(iso[5] ?? 0),
      Number(iso[6] ?? 0),
      ms,
    );
    return wall ? fromWall(wall) : { ok: false, message: say('keys.import.date.notDateText', { value: text }) };
  }
  return { ok: false, message: say('keys.import.date.unknownForm', { value: text.slice(0, 40) }) };
}
