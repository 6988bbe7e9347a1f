/**
 * A redemption's results as the file a technician hands the customer: an Excel workbook laid out
 * like the portal's "Export List to Excel" (Authorization, Feature Key, SKU Description, MAC,
 * Redeemed), or a plain .txt. Feature keys are case-sensitive and may begin with = + - or @, so
 * every code and key is written as a text cell, never as something Excel could evaluate.
 */
import { formatMac, isCompactMac } from '../domain/mac';
import type { RedemptionResult } from '../portal-api/schemas';
import type { ExportedFile } from '../redeem/contract';

export type RedemptionFileFormat = 'xlsx' | 'txt';

export interface RedemptionExportOptions {
  /** The system's MAC (12 hex digits), for the file name when no result carries one (all failed). */
  mac?: string;
  /**
   * Minutes to add to UTC to get the wall-clock time written to the file (Excel dates have no
   * time zone). Default: this computer's zone at that instant, as the technician saw it.
   */
  utcOffsetMinutes?: (at: Date) => number;
}

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const TXT_MIME_TYPE = 'text/plain; charset=utf-8';

const HEADERS = ['Authorization', 'Feature Key', 'SKU Description', 'MAC', 'Redeemed'] as const;
/** Added only when a code failed, so a clean redemption has exactly the portal's columns. */
const STATUS_HEADER = 'Status';
const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

interface Row {
  authCode: string;
  featureKey: string;
  skuDescription: string;
  mac: string;
  /** Wall-clock time, as a Date whose UTC fields are the local time (what Excel stores). */
  redeemed: Date | null;
  /** "Redeemed", or why the code gave no key. */
  status: string;
  ok: boolean;
}

/** Builds the file; `now` dates its name. */
export async function exportRedemption(
  results: readonly RedemptionResult[],
  format: RedemptionFileFormat,
  now: Date,
  options: RedemptionExportOptions = {},
): Promise<ExportedFile> {
  const offset = options.utcOffsetMinutes ?? ((at: Date) => -at.getTimezoneOffset());
  const wallClock = (at: Date) => new Date(at.getTime() + offset(at) * 60_000);
  const rows = results.map((result) => toRow(result, wallClock));
  const fileName = redemptionFileName(results, options.mac, wallClock(now), format);
  if (format === 'txt') {
    return { fileName, mimeType: TXT_MIME_TYPE, base64: Buffer.from(redemptionText(rows), 'utf8').toString('base64') };
  }
  return { fileName, mimeType: XLSX_MIME_TYPE, base64: (await redemptionWorkbook(rows, now)).toString('base64') };
}

function toRow(result: RedemptionResult, wallClock: (at: Date) => Date): Row {
  const ok = result.status === 'redeemed';
  const redeemedAt = ok && result.redeemedAt ? new Date(result.redeemedAt) : null;
  return {
    authCode: result.authCode,
    // Another system's key (already redeemed elsewhere) must not look like this system's.
    featureKey: ok ? (result.featureKey ?? '') : '',
    skuDescription: result.skuDescription ?? '',
    mac: ok && result.mac ? formatMac(result.mac) : '',
    redeemed: redeemedAt && !Number.isNaN(redeemedAt.getTime()) ? wallClock(redeemedAt) : null,
    status: ok ? 'Redeemed' : failureReason(result),
    ok,
  };
}

function failureReason(result: RedemptionResult): string {
  if (result.message) return result.message;
  switch (result.status) {
    case 'already_redeemed':
      return result.mac ? `Already redeemed on ${formatMac(result.mac)}.` : 'Already redeemed.';
    case 'not_found':
      return 'The portal does not know this authorization code.';
    default:
      return 'Not a valid authorization code.';
  }
}

/** feature-keys-000ADD023F8F-2026-11-23.xlsx */
export function redemptionFileName(
  results: readonly RedemptionResult[],
  mac: string | undefined,
  localNow: Date,
  format: RedemptionFileFormat,
): string {
  const systemMac = [mac, ...results.map((r) => (r.status === 'redeemed' ? r.mac : undefined))].find(
    (candidate): candidate is string => candidate !== undefined && isCompactMac(candidate),
  );
  const day = localNow.toISOString().slice(0, 10);
  return `feature-keys-${systemMac ? `${systemMac}-` : ''}${day}.${format}`;
}

async function redemptionWorkbook(rows: readonly Row[], now: Date): Promise<Buffer> {
  // Loaded on first export: exceljs is large, and most launches never export.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'FieldKey';
  workbook.created = now;
  const withStatus = rows.some((row) => !row.ok);
  const sheet = workbook.addWorksheet('Feature Keys', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  // '@' (Text) keeps a cell text even when someone edits it later in Excel.
  sheet.columns = [
    { header: HEADERS[0], key: 'authCode', width: 32, style: { numFmt: '@' } },
    { header: HEADERS[1], key: 'featureKey', width: 34, style: { numFmt: '@' } },
    { header: HEADERS[2], key: 'skuDescription', width: 44, style: { numFmt: '@' } },
    { header: HEADERS[3], key: 'mac', width: 20, style: { numFmt: '@' } },
    { header: HEADERS[4], key: 'redeemed', width: 21, style: { numFmt: DATE_TIME_FORMAT } },
    ...(withStatus ? [{ header: STATUS_HEADER, key: 'status', width: 60 }] : []),
  ];
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
    cell.alignment = { vertical: 'middle' };
  });

  for (const row of rows) {
    // Plain string values: exceljs writes them as shared strings, which Excel never evaluates.
    sheet.addRow({
      authCode: row.authCode,
      featureKey: row.featureKey,
      skuDescription: row.skuDescription,
      mac: row.mac,
      redeemed: row.redeemed,
      ...(withStatus ? { status: row.status } : {}),
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One line per code, columns padded to line up in a monospaced editor; failed codes listed after. */
function redemptionText(rows: readonly Row[]): string {
  const redeemed = rows.filter((row) => row.ok);
  const failed = rows.filter((row) => !row.ok);
  const lines: string[] = [];
  const table = [
    [...HEADERS],
    ...redeemed.map((row) => [row.authCode, row.featureKey, row.skuDescription, row.mac, row.redeemed ? textDate(row.redeemed) : '']),
  ];
  const widths = HEADERS.map((_, column) => Math.max(...table.map((cells) => cells[column]!.length)));
  if (redeemed.length > 0) {
    for (const cells of table)
      lines.push(
        cells
          .map((cell, column) => cell.padEnd(widths[column]!))
          .join('  ')
          .trimEnd(),
      );
  } else {
    lines.push('No feature keys were generated.');
  }
  if (failed.length > 0) {
    lines.push('', 'Not redeemed:');
    const codeWidth = Math.max(...failed.map((row) => row.authCode.length));
    for (const row of failed) lines.push(`${row.authCode.padEnd(codeWidth)}  ${row.status}`);
  }
  // CRLF: the file is for customers, and older Windows editors show LF-only text on one line.
  return `${lines.join('\r\n')}\r\n`;
}

/** 2026-11-23 14:03:12, from a wall-clock Date (its UTC fields). */
function textDate(wallClock: Date): string {
  return wallClock.toISOString().slice(0, 19).replace('T', ' ');
}
