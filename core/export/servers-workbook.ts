/**
 * The Servers page's "Export Server List to Excel": exactly the rows the filter lists, in its
 * order, with the shared workbook rules (core/export/workbook.ts): bold frozen header with an
 * autofilter, fitted widths, the date added as a real Excel date in this computer's wall-clock
 * time, MACs and Site/Server IDs as text cells, title, subject and author set.
 */
import { formatMac } from '../domain/mac';
import { SERVER_STATUS_LABELS } from '../domain/servers';
import type { ServerRow } from '../servers/contract';
import {
  describeWorkbook,
  fitColumnWidths,
  freezeAndFilter,
  loadExcelJs,
  type TableCell,
  type TableColumn,
  type UtcOffset,
  wallClock,
  writeTable,
} from './workbook';

export const SERVER_EXPORT_COLUMNS: readonly (TableColumn & { value: (row: ServerRow, utcOffset: UtcOffset) => TableCell })[] = [
  { header: 'MAC Address', kind: 'text', value: (row) => formatMac(row.mac) },
  { header: 'Server Model', kind: 'text', value: (row) => row.model },
  { header: 'System Name', kind: 'text', value: (row) => row.systemName },
  { header: 'End Customer Company', kind: 'text', value: (row) => row.company },
  { header: 'Site/Server ID', kind: 'text', value: (row) => row.siteId },
  { header: 'Status', kind: 'text', value: (row) => SERVER_STATUS_LABELS[row.status] },
  { header: 'Added', kind: 'date', value: (row, utcOffset) => wallClock(new Date(row.addedAt), utcOffset) },
];

export interface ServersWorkbookOptions {
  title: string;
  subject?: string;
  now: Date;
  utcOffset: UtcOffset;
}

export async function writeServersWorkbook(rows: Iterable<ServerRow>, options: ServersWorkbookOptions): Promise<Buffer> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  describeWorkbook(workbook, { title: options.title, subject: options.subject, now: options.now });
  const sheet = workbook.addWorksheet('Servers');
  const cells: TableCell[][] = [];
  for (const row of rows) cells.push(SERVER_EXPORT_COLUMNS.map((column) => column.value(row, options.utcOffset)));
  const table = writeTable(sheet, 1, SERVER_EXPORT_COLUMNS, cells);
  freezeAndFilter(sheet, { headerRow: table.headerRow, lastRow: table.lastRow, columns: SERVER_EXPORT_COLUMNS.length });
  fitColumnWidths(
    sheet,
    SERVER_EXPORT_COLUMNS.map((column, index) => ({ ...column, values: cells.map((row) => row[index] ?? null) })),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
