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
import type { Language } from '../messages/language';
import { type Translate, translator } from '../messages/say';

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

/** The words of a handover, in its language. */
interface Words {
  t: Translate;
  keyColumns: TableColumn[];
  inventoryColumns: TableColumn[];
}

function wordsOf(language: Language): Words {
  const t = translator(language);
  return {
    t,
    keyColumns: [
      { header: t('export.handover.column.sku'), kind: 'text' },
      { header: t('export.handover.column.description'), kind: 'text' },
      { header: t('export.handover.column.authCode'), kind: 'text' },
      { header: t('export.handover.column.featureKey'), kind: 'text' },
      { header: t('export.handover.column.redeemed'), kind: 'date' },
    ],
    inventoryColumns: [
      { header: t('export.handover.column.sku'), kind: 'text' },
      { header: t('export.handover.column.description'), kind: 'text' },
      { header: t('export.handover.column.count'), kind: 'number' },
    ],
  };
}

function detailLines(handover: SystemHandover, exportedOn: Date, t: Translate): [string, TableCell][] {
  return [
    [t('export.handover.label.systemName'), handover.name],
    [t('export.handover.label.mac'), formatMac(handover.mac)],
    [t('export.handover.label.serial'), handover.serial],
    [t('export.handover.label.customer'), handover.customer],
    [t('export.handover.label.exportedOn'), exportedOn],
    [t('export.handover.label.keyCount'), handover.keys.length],
  ];
}

function title(handover: SystemHandover, t: Translate): string {
  return t('export.handover.title', { system: handover.name ?? formatMac(handover.mac) });
}

/** The handover file in `language` (headers, labels, title, sheet and file name; the data as it is). */
export async function exportSystemHandover(
  handover: SystemHandover,
  format: 'xlsx' | 'txt',
  now: Date,
  utcOffset: UtcOffset,
  language: Language,
): Promise<ExportedFile> {
  const exportedOn = wallClock(now, utcOffset);
  const words = wordsOf(language);
  const fileName = systemExportFileName(handover.mac, wallClockDay(exportedOn), format, language);
  if (format === 'txt') {
    return {
      fileName,
      mimeType: TXT_MIME_TYPE,
      base64: Buffer.from(handoverText(handover, exportedOn, utcOffset, words), 'utf8').toString('base64'),
    };
  }
  return {
    fileName,
    mimeType: XLSX_MIME_TYPE,
    base64: (await handoverWorkbook(handover, exportedOn, now, utcOffset, words)).toString('base64'),
  };
}

async function handoverWorkbook(
  handover: SystemHandover,
  exportedOn: Date,
  now: Date,
  utcOffset: UtcOffset,
  { t, keyColumns, inventoryColumns }: Words,
): Promise<Buffer> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  describeWorkbook(workbook, {
    title: title(handover, t),
    subject: t('export.handover.subject', { mac: formatMac(handover.mac) }),
    description: t('export.timesNote'),
    now,
  });
  const sheet = workbook.addWorksheet(t('export.handover.sheet'), {
    pageSetup: {
      // Auth code, feature key, description and date side by side fit a landscape page.
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&L${title(handover, t).replace(/&/g, '&&')}&R${t('export.handover.footerPage')}` },
  });

  const titleCell = sheet.getCell('A1');
  titleCell.value = title(handover, t);
  titleCell.font = { bold: true, size: 14 };

  const details = detailLines(handover, exportedOn, t);
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
  const keysTable = writeTable(sheet, 3 + details.length + 1, keyColumns, keyRows);
  freezeAndFilter(sheet, { headerRow: keysTable.headerRow, lastRow: keysTable.lastRow, columns: keyColumns.length });
  sheet.pageSetup.printTitlesRow = `${keysTable.headerRow}:${keysTable.headerRow}`;

  const inventoryTitleRow = keysTable.lastRow + 2;
  sheet.getCell(inventoryTitleRow, 1).value = t('export.handover.inventory');
  sheet.getCell(inventoryTitleRow, 1).font = { bold: true, size: 12 };
  const inventoryRows: TableCell[][] = handover.inventory.map((entry) => [entry.sku, entry.description, entry.count]);
  const inventoryTable = writeTable(sheet, inventoryTitleRow + 1, inventoryColumns, inventoryRows);
  const totalRow = sheet.getRow(inventoryTable.lastRow + 1);
  totalRow.getCell(2).value = t('export.handover.totalFeatures');
  totalRow.getCell(3).value = handover.totalFeatures;
  totalRow.font = { bold: true };

  // Widths from every value in the column, the title line excepted (it may run across).
  const column = (index: number) => ({
    ...keyColumns[index]!,
    values: [
      ...(index < 2 ? details.map((line) => line[index] ?? null) : []),
      ...keyRows.map((row) => row[index] ?? null),
      ...(index < 3 ? inventoryRows.map((row) => row[index] ?? null) : []),
      ...(index === 1 ? [t('export.handover.totalFeatures')] : []),
      ...(index === 2 ? [inventoryColumns[2]!.header] : []),
    ],
  });
  fitColumnWidths(sheet, [column(0), column(1), column(2), column(3), column(4)]);
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

function handoverText(
  handover: SystemHandover,
  exportedOn: Date,
  utcOffset: UtcOffset,
  { t, keyColumns, inventoryColumns }: Words,
): string {
  const lines: string[] = [title(handover, t), ''];
  const details = detailLines(handover, exportedOn, t).map(([label, value]): [string, string] => [
    label,
    value instanceof Date ? wallClockText(value).slice(0, 16) : value === null ? '' : String(value),
  ]);
  lines.push(...alignedTable(details), '');
  if (handover.keys.length === 0) {
    lines.push(t('export.handover.noKeys'));
  } else {
    lines.push(
      ...alignedTable([
        keyColumns.map((column) => column.header),
        ...handover.keys.map((key) => [
          key.sku,
          key.description ?? '',
          key.authCode,
          key.featureKey,
          wallClockText(wallClock(new Date(key.redeemedAt), utcOffset)),
        ]),
      ]),
      '',
      t('export.handover.inventory'),
      ...alignedTable(
        [
          inventoryColumns.map((column) => column.header),
          ...handover.inventory.map((entry) => [entry.sku, entry.description ?? '', String(entry.count)]),
          ['', t('export.handover.totalFeatures'), String(handover.totalFeatures)],
        ],
        [2],
      ),
    );
  }
  // CRLF: the file is for customers, and older Windows editors show LF-only text on one line.
  return `${lines.join('\r\n')}\r\n`;
}
