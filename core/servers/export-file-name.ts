/** The Servers list's export file name, in the user's language. */
import type { ServerFilter, ServerSearchField } from './contract';
import { exportFileName, filterDatesPart, type UtcOffset } from '../export/workbook';
import { containsPart } from '../keys/export-file-names';
import type { Language } from '../messages/language';
import { type Translate, translator } from '../messages/say';

/** The words of a search field (`all` has none: "contains Acme"). */
export function serverFieldWords(by: ServerSearchField, t: Translate): string {
  return by === 'all' ? '' : t(`export.servers.field.${by}`);
}

/**
 * The Servers list: hidden or not, model, status, the search and the date range (added), e.g.
 * `FieldKey servers Connect 731 registered contains Acme 2026-11-30.xlsx`.
 */
export function serversExportFileName(
  filter: Pick<ServerFilter, 'by' | 'contains' | 'from' | 'to' | 'model' | 'status' | 'hidden'>,
  exportDay: string,
  utcOffset: UtcOffset = () => 0,
  language: Language = 'en',
): string {
  const t = translator(language);
  const parts = [t(filter.hidden ? 'export.fileName.hiddenServers' : 'export.fileName.servers')];
  if (filter.model) parts.push(filter.model);
  if (filter.status) parts.push(t(`export.servers.statusWord.${filter.status}`));
  parts.push(containsPart(serverFieldWords(filter.by, t), filter.contains, t));
  parts.push(filterDatesPart(filter, exportDay, utcOffset, t));
  return exportFileName(parts, 'xlsx');
}
