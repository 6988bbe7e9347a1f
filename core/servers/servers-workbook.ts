/**
 * The Servers page's "Export Server List to Excel": exactly the rows the filter lists, in its
 * order, streamed with the shared workbook rules (core/export/workbook.ts, as the Keys list): bold
 * frozen header with an autofilter, fitted widths, the date added as a real Excel date in this
 * computer's wall-clock time, MACs and Site/Server IDs as text cells, title, subject and author.
 */
import { formatMac } from '../domain/mac';
import type { ServerStatus } from '../domain/servers';
import type { ServerRow } from './contract';
import { type Translate, translator } from '../messages/say';
import { type KeysWorkbookOptions, type StreamedColumn, writeStreamedTableWorkbook } from '../keys/keys-workbook';

/** The Servers list's columns, their headers and statuses in `t`'s language. */
export function serverExportColumns(t: Translate): readonly StreamedColumn<ServerRow>[] {
  // Translated once, not for each of up to 100,000 rows.
  const statuses: Record<ServerStatus, string> = {
    saved: t('export.servers.status.saved'),
    registered: t('export.servers.status.registered'),
    activated: t('export.servers.status.activated'),
  };
  return [
    { header: t('export.servers.column.mac'), kind: 'text', value: (row) => formatMac(row.mac) },
    { header: t('export.servers.column.model'), kind: 'text', value: (row) => row.model },
    { header: t('export.servers.column.systemName'), kind: 'text', value: (row) => row.systemName },
    { header: t('export.servers.column.company'), kind: 'text', value: (row) => row.company },
    { header: t('export.servers.column.siteId'), kind: 'text', value: (row) => row.siteId },
    { header: t('export.servers.column.status'), kind: 'text', value: (row) => statuses[row.status] },
    { header: t('export.servers.column.added'), kind: 'date', value: (row) => row.addedAt },
  ];
}

export function writeServersWorkbook(
  rows: Iterable<ServerRow>,
  options: KeysWorkbookOptions,
): Promise<{ bytes: Buffer; rowsWritten: number }> {
  const t = translator(options.language);
  return writeStreamedTableWorkbook(rows, serverExportColumns(t), { ...options, sheetName: t('export.servers.sheet') });
}
