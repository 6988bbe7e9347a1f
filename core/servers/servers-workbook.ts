/**
 * The Servers page's "Export Server List to Excel": exactly the rows the filter lists, in its
 * order, streamed with the shared workbook rules (core/export/workbook.ts, as the Keys list): bold
 * frozen header with an autofilter, fitted widths, the date added as a real Excel date in this
 * computer's wall-clock time, MACs and Site/Server IDs as text cells, title, subject and author.
 */
import { formatMac } from '../domain/mac';
import { SERVER_STATUS_LABELS } from '../domain/servers';
import type { ServerRow } from './contract';
import { type KeysWorkbookOptions, type StreamedColumn, writeStreamedTableWorkbook } from '../keys/keys-workbook';

export const SERVER_EXPORT_COLUMNS: readonly StreamedColumn<ServerRow>[] = [
  { header: 'MAC Address', kind: 'text', value: (row) => formatMac(row.mac) },
  { header: 'Server Model', kind: 'text', value: (row) => row.model },
  { header: 'System Name', kind: 'text', value: (row) => row.systemName },
  { header: 'End Customer Company', kind: 'text', value: (row) => row.company },
  { header: 'Site/Server ID', kind: 'text', value: (row) => row.siteId },
  { header: 'Status', kind: 'text', value: (row) => SERVER_STATUS_LABELS[row.status] },
  { header: 'Added', kind: 'date', value: (row) => row.addedAt },
];

export function writeServersWorkbook(
  rows: Iterable<ServerRow>,
  options: KeysWorkbookOptions,
): Promise<{ bytes: Buffer; rowsWritten: number }> {
  return writeStreamedTableWorkbook(rows, SERVER_EXPORT_COLUMNS, { ...options, sheetName: 'Servers' });
}
