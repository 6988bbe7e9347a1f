/**
 * Names of exported files: "FieldKey", what is in the file (a system's MAC, or the filter), and
 * the date, e.g. `FieldKey keys 000ADD023F8F 2026-11-30.xlsx` or
 * `FieldKey keys contains 3F8F 2026-11-01 to 2026-11-30.xlsx`.
 */
import type { KeyFilter, KeySearchField } from './contract';
import { exportFileName, filterDatesPart, safeFileNamePart, type UtcOffset } from '../export/workbook';

const FIELD_WORDS: Record<KeySearchField, string> = {
  all: '',
  mac: 'MAC',
  sku: 'SKU',
  authCode: 'auth code',
  featureKey: 'feature key',
  systemName: 'system name',
  customer: 'customer',
};

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
  parts.push(filterDatesPart(filter, exportDay, utcOffset));
  return exportFileName(parts, 'xlsx');
}

/** One system's keys (the Quick Lookup handover, a redemption's results). */
export function systemExportFileName(mac: string | null, day: string, format: 'xlsx' | 'txt', what = 'keys'): string {
  return exportFileName([what, mac ?? '', day], format);
}
