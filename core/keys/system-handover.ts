/**
 * Quick Lookup's customer handover: one system's feature keys as the file a technician leaves with
 * the customer. The workbook has the system's details on top, its keys below, then its licence
 * inventory (count per SKU and the total of elementary features), and prints one page wide
 * (landscape, as many pages tall as needed, the keys' header repeated on every page). The .txt
 * says the same in aligned plain text that survives being pasted into an e-mail.
 */
import type { Db } from '../db/database';
import { formatAuthCode } from '../domain/auth-code';
import { formatMac } from '../domain/mac';
import type { ExportedFile } from '../export/contract';
import { systemExportFileName } from './export-file-names';
import {
  DATE_TIME_FORMAT,
  describeWorkbook,
  fitColumnWidths,
  skuDescriptionText,
  freezeAndFilter,
  loadExcelJs,
  type TableCell,
  type TableColumn,
  TEXT_FORMAT,
  TXT_MIME_TYPE,
  type UtcOffset,
  wallClock,
  wallClockDay,
  wallClockText,
  writeTable,
  XLSX_MIME_TYPE,
} from '../export/workbook';

export interface HandoverKey {
  sku: string;
  description: string | null;
  authCode: string;
  featureKey: string;
  /** UTC ISO-8601. */
  redeemedAt: string;
}

export interface SystemHandover {
  mac: string;
  serial: string | null;
  name: string | null;
  customer: string | null;
  /** By SKU, then redeemed time. */
  keys: HandoverKey[];
  /** Count per SKU, by SKU. */
  inventory: { sku: string; description: string | null; count: number }[];
  /** Every key counted once (Aastra's "total of elementary features"). */
  totalFeatures: number;
}

/** The system and its keys from the cache; null when the cache does not know the MAC. */
export function readSystemHandover(db: Db, mac: string): SystemHandover | null {
  const system = db.prepare('SELECT mac, serial, name, customer FROM systems WHERE mac = ?').get(mac) as
    | { mac: string; serial: string | null; name: string | null; customer: string | null }
    | undefined;
  if (!system) return null;
  const keys = (
    db
      .prepare(
        `SELECT k.sku AS sku, sk.description AS description, k.auth_code AS authCode, k.feature_key AS featureKey, k.redeemed_at AS redeemedAt
         FROM feature_keys k LEFT JOIN skus sk ON sk.sku = k.sku
         WHERE k.mac = ? ORDER BY k.sku, k.redeemed_at, k.auth_code`,
      )
      .all(mac) as HandoverKey[]
  ).map((key) => ({ ...key, authCode: formatAuthCode(key.authCode), description: skuDescriptionText(key.sku, key.description) }));
  const inventory: SystemHandover['inventory'] = [];
  for (const key of keys) {
    const last = inventory[inventory.length - 1];
    if (last && last.sku === key.sku) last.count++;
    else inventory.push({ sku: key.sku, description: key.description, count: 1 });
  }
  return { ...system, keys, inventory, totalFeatures: keys.length };
}

const KEY_COLUMNS: TableColumn[] = [
  { header: 'SKU', kind: 'text' },
  { header: 'Description', kind: 'text' },
  { header: 'Auth Code', kind: 'text' },
  { header: 'Feature Key', kind: 'text' },
  { header: 'Redeemed', kind: 'date' },
];
const INVENTORY_COLUMNS: TableColumn[] = [
  { header: 'SKU', kind: 'text' },
  { header: 'Description', kind: 'text' },
  { header: 'Count', kind: 'number' },
];

function detailLines(handover: SystemHandover, exportedOn: Date): [string, TableCell][] {
  return [
    ['System name', handover.name],
    ['MAC address', formatMac(handover.mac)],
    ['Serial number', handover.serial],
    ['Customer', handover.customer],
    ['Exported on', exportedOn],
    ['Number of keys', handover.keys.length],
  ];
}

function title(handover: SystemHandover): string {
  return `Feature keys for ${handover.name ?? formatMac(handover.mac)}`;
}

export async function exportSystemHandover(
  handover: SystemHandover,
  format: 'xlsx' | 'txt',
  now: Date,
  utcOffset: UtcOffset,
): Promise<ExportedFile> {
  const exportedOn = wallClock(now, utcOffset);
  const fileName = systemExportFileName(handover.mac, wallClockDay(exportedOn), format);
  if (format === 'txt') {
    return {
      fileName,
      mimeType: TXT_MIME_TYPE,
      base64: Buffer.from(handoverText(handover, exportedOn, utcOffset), 'utf8').toString('base64'),
    };
  }
  return { fileName, mimeType: XLSX_MIME_TYPE, base64: (await handoverWorkbook(handover, exportedOn, now, utcOffset)).toString('base64') };
}

async function handoverWorkbook(handover: SystemHandover, exportedOn: Date, now: Date, utcOffset: UtcOffset): Promise<Buffer> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  describeWorkbook(workbook, {
    title: title(handover),
    subject: `Feature keys of the system ${formatMac(handover.mac)}`,
    description: 'Times are in the local time of the computer that exported the file.',
    now,
  });
  const sheet = workbook.addWorksheet('Feature Keys', {
    pageSetup: {
      // Auth code, feature key, description and date side by side fit a landscape page.
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&L${title(handover).replace(/&/g, '&&')}&RPage &P of &N` },
  });

  const titleCell = sheet.getCell('A1');
  titleCell.value = title(handover);
  titleCell.font = { bold: true, size: 14 };

  const details = detailLines(handover, exportedOn);
  details.forEach(([label, value], index) => {
    const row = sheet.getRow(3 + index);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    if (value === null) return;
    const cell = row.getCell(2);
    cell.value = value;
    if (value instanceof Date) cell.numFmt = DATE_TIME_FORMAT;
    else if (typeof value === 'string') cell.numFmt = TEXT_FORMAT;
    cell.alignment = { horizontal: 'left' };
  });

  const keyRows: TableCell[][] = handover.keys.map((key) => [
    key.sku,
    key.description,
    key.authCode,
    key.featureKey,
    wallClock(new Date(key.redeemedAt), utcOffset),
  ]);
  const keysTable = writeTable(sheet, 3 + details.length + 1, KEY_COLUMNS, keyRows);
  freezeAndFilter(sheet, { headerRow: keysTable.headerRow, lastRow: keysTable.lastRow, columns: KEY_COLUMNS.length });
  sheet.pageSetup.printTitlesRow = `${keysTable.headerRow}:${keysTable.headerRow}`;

  const inventoryTitleRow = keysTable.lastRow + 2;
  sheet.getCell(inventoryTitleRow, 1).value = 'Licence inventory';
  sheet.getCell(inventoryTitleRow, 1).font = { bold: true, size: 12 };
  const inventoryRows: TableCell[][] = handover.inventory.map((entry) => [entry.sku, entry.description, entry.count]);
  const inventoryTable = writeTable(sheet, inventoryTitleRow + 1, INVENTORY_COLUMNS, inventoryRows);
  const totalRow = sheet.getRow(inventoryTable.lastRow + 1);
  totalRow.getCell(2).value = 'Total elementary features';
  totalRow.getCell(3).value = handover.totalFeatures;
  totalRow.font = { bold: true };

  // Widths from every value in the column, the title line excepted (it may run across).
  const column = (index: number, kind: TableColumn['kind'], header: string) => ({
    header,
    kind,
    values: [
      ...(index < 2 ? details.map((line) => line[index] ?? null) : []),
      ...keyRows.map((row) => row[index] ?? null),
      ...(index < 3 ? inventoryRows.map((row) => row[index] ?? null) : []),
      ...(index === 1 ? ['Total elementary features'] : []),
    ],
  });
  fitColumnWidths(sheet, [
    column(0, 'text', 'SKU'),
    column(1, 'text', 'Description'),
    column(2, 'text', 'Auth Code'),
    column(3, 'text', 'Feature Key'),
    column(4, 'date', 'Redeemed'),
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Columns padded with spaces to line up in a monospaced font; numbers right-aligned. */
function alignedTable(rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((cells) => cells[column]!.length)));
  return rows.map((cells) =>
    cells
      .map((cell, column) => (rightAligned.includes(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
}

function handoverText(handover: SystemHandover, exportedOn: Date, utcOffset: UtcOffset): string {
  const lines: string[] = [title(handover), ''];
  const details = detailLines(handover, exportedOn).map(([label, value]): [string, string] => [
    label,
    value instanceof Date ? wallClockText(value).slice(0, 16) : value === null ? '' : String(value),
  ]);
  lines.push(...alignedTable(details), '');
  if (handover.keys.length === 0) {
    lines.push('The cache holds no feature keys for this system.');
  } else {
    lines.push(
      ...alignedTable([
        KEY_COLUMNS.map((column) => column.header),
        ...handover.keys.map((key) => [
          key.sku,
          key.description ?? '',
          key.authCode,
          key.featureKey,
          wallClockText(wallClock(new Date(key.redeemedAt), utcOffset)),
        ]),
      ]),
      '',
      'Licence inventory',
      ...alignedTable(
        [
          INVENTORY_COLUMNS.map((column) => column.header),
          ...handover.inventory.map((entry) => [entry.sku, entry.description ?? '', String(entry.count)]),
          ['', 'Total elementary features', String(handover.totalFeatures)],
        ],
        [2],
      ),
    );
  }
  // CRLF: the file is for customers, and older Windows editors show LF-only text on one line.
  return `${lines.join('\r\n')}\r\n`;
}
