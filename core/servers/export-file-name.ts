/** The Servers list's export file name. */
import type { ServerFilter, ServerSearchField } from './contract';
import { exportFileName, filterDatesPart, safeFileNamePart, type UtcOffset } from '../export/workbook';

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
  parts.push(filterDatesPart(filter, exportDay, utcOffset));
  return exportFileName(parts, 'xlsx');
}
