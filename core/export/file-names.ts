/**
 * Names of exported files: "FieldKey", what is in the file (a system's MAC, or the filter), and
 * the date, e.g. `FieldKey keys 000ADD023F8F 2026-11-30.xlsx` or
 * `FieldKey keys contains 3F8F 2026-11-01 to 2026-11-30.xlsx`.
 */
import type { KeyFilter, KeySearchField } from '../keys/contract';
import type { ServerFilter, ServerSearchField } from '../servers/contract';
import { exportFileName, safeFileNamePart } from './workbook';

const FIELD_WORDS: Record<KeySearchField, string> = {
  all: '',
  mac: 'MAC',
  sku: 'SKU',
  authCode: 'auth code',
  featureKey: 'feature key',
  systemName: 'system name',
  customer: 'customer',
};

/** The day of a filter bound (`2026-11-01` or a full ISO time), or null. */
function boundDay(bound: string | null): string | null {
  const day = bound ? /^\d{4}-\d{2}-\d{2}/.exec(bound.trim()) : null;
  return day ? day[0] : null;
}

/**
 * The Keys list: the search (field and text) and the date range; the export day stands for an
 * open end (no `to`), or alone when the filter has no dates.
 */
export function keysExportFileName(filter: Pick<KeyFilter, 'by' | 'contains' | 'from' | 'to'>, exportDay: string): string {
  const parts = ['keys'];
  const contains = safeFileNamePart(filter.contains);
  if (contains) parts.push([FIELD_WORDS[filter.by], 'contains', contains].filter(Boolean).join(' '));
  const from = boundDay(filter.from);
  const to = boundDay(filter.to);
  if (from) parts.push(`${from} to ${to ?? exportDay}`);
  else if (to) parts.push(`until ${to}`);
  else parts.push(exportDay);
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
): string {
  const parts = [filter.hidden ? 'hidden servers' : 'servers'];
  if (filter.model) parts.push(filter.model);
  if (filter.status) parts.push(filter.status);
  const contains = safeFileNamePart(filter.contains);
  if (contains) parts.push([SERVER_FIELD_WORDS[filter.by], 'contains', contains].filter(Boolean).join(' '));
  const from = boundDay(filter.from);
  const to = boundDay(filter.to);
  if (from) parts.push(`${from} to ${to ?? exportDay}`);
  else if (to) parts.push(`until ${to}`);
  else parts.push(exportDay);
  return exportFileName(parts, 'xlsx');
}
