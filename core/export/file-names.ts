/**
 * Names of exported files: "FieldKey", what is in the file (a system's MAC, or the filter), and
 * the date, e.g. `FieldKey keys 000ADD023F8F 2026-11-30.xlsx` or
 * `FieldKey keys contains 3F8F 2026-11-01 to 2026-11-30.xlsx`.
 */
import type { KeyFilter, KeySearchField } from '../keys/contract';
import type { ServerFilter, ServerSearchField } from '../servers/contract';
import { exportFileName, safeFileNamePart, type UtcOffset, wallClock, wallClockDay } from './workbook';

const FIELD_WORDS: Record<KeySearchField, string> = {
  all: '',
  mac: 'MAC',
  sku: 'SKU',
  authCode: 'auth code',
  featureKey: 'feature key',
  systemName: 'system name',
  customer: 'customer',
};

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

/** The "from to" part of a list's file name; the export day stands for an open end. */
function datesPart(filter: { from: string | null; to: string | null }, exportDay: string, utcOffset: UtcOffset): string {
  const from = boundDay(filter.from, false, utcOffset);
  const to = boundDay(filter.to, true, utcOffset);
  if (from) return `${from} to ${to ?? exportDay}`;
  if (to) return `until ${to}`;
  return exportDay;
}

/**
 * The Keys list: the search (field and text) and the date range; the export day stands for an
 * open end (no `to`), or alone when the filter has no dates.
 */
export function keysExportFileName(
  filter: Pick<KeyFilter, 'by' | 'contains' | 'from' | 'to'>,
  exportDay: string,
  utcOffset: UtcOffset = () => 0,
): string {
  const parts = ['keys'];
  const contains = safeFileNamePart(filter.contains);
  if (contains) parts.push([FIELD_WORDS[filter.by], 'contains', contains].filter(Boolean).join(' '));
  parts.push(datesPart(filter, exportDay, utcOffset));
  return exportFileName(parts, 'xlsx');
}

/** One system's keys (the Quick Lookup handover, a redemption's results). */
export function systemExportFileName(mac: string | null, day: string, format: 'xlsx' | 'txt', what = 'keys'): string {
  return exportFileName([what, mac ?? '', day], format);
}

const SERVER_FIELD_WORDS: Record<ServerSearchField, string> = {
  all: '',
  mac: 'MAC',
  serial: 'serial',
  systemName: 'system name',
  company: 'company',
  siteId: 'site',
};

/**
 * The Servers list: hidden or not, model, status, the search and the date range (added), e.g.
 * `FieldKey servers Connect 731 registered contains Acme 2026-11-30.xlsx`.
 */
export function serversExportFileName(
  filter: Pick<ServerFilter, 'by' | 'contains' | 'from' | 'to' | 'model' | 'status' | 'hidden'>,
  exportDay: string,
  utcOffset: UtcOffset = () => 0,
): string {
  const parts = [filter.hidden ? 'hidden servers' : 'servers'];
  if (filter.model) parts.push(filter.model);
  if (filter.status) parts.push(filter.status);
  const contains = safeFileNamePart(filter.contains);
  if (contains) parts.push([SERVER_FIELD_WORDS[filter.by], 'contains', contains].filter(Boolean).join(' '));
  parts.push(datesPart(filter, exportDay, utcOffset));
  return exportFileName(parts, 'xlsx');
}
