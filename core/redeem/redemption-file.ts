/**
 * A redemption's results as the file a technician hands the customer: an Excel workbook laid out
 * like the portal's "Export List to Excel" (Authorization, Feature Key, SKU Description, MAC,
 * Redeemed), or a plain .txt. Feature keys are case-sensitive and may begin with = + - or @, so
 * every code and key is written as a text cell, never as something Excel could evaluate.
 */
import { formatMac, isCompactMac } from '../domain/mac';
import type { RedemptionResult } from '../portal-api/schemas';
import type { ExportedFile } from '../export/contract';
import {
  localUtcOffset,
  type TableColumn,
  TXT_MIME_TYPE,
  type UtcOffset,
  wallClock,
  wallClockText,
  writeTableWorkbook,
  XLSX_MIME_TYPE,
} from '../export/workbook';
import type { Language } from '../messages/language';
import { type Translate, translator } from '../messages/say';

export { TXT_MIME_TYPE, XLSX_MIME_TYPE } from '../export/workbook';

export type RedemptionFileFormat = 'xlsx' | 'txt';

export interface RedemptionExportOptions {
  /** The system's MAC (12 hex digits), for the file name when no result carries one (all failed). */
  mac?: string;
  /**
   * Minutes to add to UTC to get the wall-clock time written to the file (Excel dates have no
   * time zone). Default: this computer's zone at that instant, as the technician saw it.
   */
  utcOffsetMinutes?: UtcOffset;
  /** The language of the headers, words, title, sheet and file name (default English); the data is written as it is. */
  language?: Language;
}

/** The portal's columns, in `t`'s language. */
function columnsOf(t: Translate): TableColumn[] {
  return [
    { header: t('export.redemption.column.authCode'), kind: 'text' },
    { header: t('export.redemption.column.featureKey'), kind: 'text' },
    { header: t('export.redemption.column.skuDescription'), kind: 'text' },
    { header: t('export.redemption.column.mac'), kind: 'text' },
    { header: t('export.redemption.column.redeemed'), kind: 'date' },
  ];
}
/** Added only when a code failed, so a clean redemption has exactly the portal's columns. */
const statusColumn = (t: Translate): TableColumn => ({ header: t('export.redemption.column.status'), kind: 'text' });

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
  const offset = options.utcOffsetMinutes ?? localUtcOffset;
  const language = options.language ?? 'en';
  const t = translator(language);
  const toWallClock = (at: Date) => wallClock(at, offset);
  const rows = results.map((result) => toRow(result, toWallClock, t));
  const systemMac = redemptionMac(results, options.mac);
  const fileName = redemptionFileName(results, options.mac, toWallClock(now), format, language);
  if (format === 'txt') {
    return { fileName, mimeType: TXT_MIME_TYPE, base64: Buffer.from(redemptionText(rows, t), 'utf8').toString('base64') };
  }
  return { fileName, mimeType: XLSX_MIME_TYPE, base64: (await redemptionWorkbook(rows, now, systemMac, t)).toString('base64') };
}

function toRow(result: RedemptionResult, wallClock: (at: Date) => Date, t: Translate): Row {
  const ok = result.status === 'redeemed';
  const redeemedAt = ok && result.redeemedAt ? new Date(result.redeemedAt) : null;
  return {
    authCode: result.authCode,
    // Another system's key (already redeemed elsewhere) must not look like this system's.
    featureKey: ok ? (result.featureKey ?? '') : '',
    skuDescription: result.skuDescription ?? '',
    mac: ok && result.mac ? formatMac(result.mac) : '',
    redeemed: redeemedAt && !Number.isNaN(redeemedAt.getTime()) ? wallClock(redeemedAt) : null,
    status: ok ? t('export.redemption.status.redeemed') : failureReason(result, t),
    ok,
  };
}

/** The portal's own reason as it gave it; else the status in `t`'s language. */
function failureReason(result: RedemptionResult, t: Translate): string {
  if (result.message) return result.message;
  switch (result.status) {
    case 'already_redeemed':
      return result.mac
        ? t('export.redemption.status.alreadyRedeemedOn', { mac: formatMac(result.mac) })
        : t('export.redemption.status.alreadyRedeemed');
    case 'not_found':
      return t('export.redemption.status.notFound');
    default:
      return t('export.redemption.status.invalid');
  }
}

/** The system the codes were redeemed on: the MAC asked for, else that of a redeemed result. */
function redemptionMac(results: readonly RedemptionResult[], mac: string | undefined): string | null {
  return (
    [mac, ...results.map((r) => (r.status === 'redeemed' ? r.mac : undefined))].find(
      (candidate): candidate is string => candidate !== undefined && isCompactMac(candidate),
    ) ?? null
  );
}

/**
 * feature-keys-000ADD023F8F-2026-11-23.xlsx: the system and the day, as the Redeem page has always
 * named it (the end-to-end tests and the Redeem page's users know this name); its first word in
 * the user's language (`clés-de-fonctionnalité-000ADD023F8F-2026-11-23.xlsx`).
 */
export function redemptionFileName(
  results: readonly RedemptionResult[],
  mac: string | undefined,
  localNow: Date,
  format: RedemptionFileFormat,
  language: Language = 'en',
): string {
  const systemMac = redemptionMac(results, mac);
  const day = localNow.toISOString().slice(0, 10);
  return `${translator(language)('export.fileName.redemption')}-${systemMac ? `${systemMac}-` : ''}${day}.${format}`;
}

async function redemptionWorkbook(rows: readonly Row[], now: Date, mac: string | null, t: Translate): Promise<Buffer> {
  const withStatus = rows.some((row) => !row.ok);
  return writeTableWorkbook({
    title: mac ? t('export.redemption.titleFor', { mac: formatMac(mac) }) : t('export.redemption.title'),
    subject: t('export.redemption.subject'),
    description: t('export.timesNote'),
    now,
    sheetName: t('export.redemption.sheet'),
    columns: [...columnsOf(t), ...(withStatus ? [statusColumn(t)] : [])],
    rows: rows.map((row) => [row.authCode, row.featureKey, row.skuDescription, row.mac, row.redeemed, ...(withStatus ? [row.status] : [])]),
  });
}

/** One line per code, columns padded to line up in a monospaced editor; failed codes listed after. */
function redemptionText(rows: readonly Row[], t: Translate): string {
  const redeemed = rows.filter((row) => row.ok);
  const failed = rows.filter((row) => !row.ok);
  const lines: string[] = [];
  const headers = columnsOf(t).map((column) => column.header);
  const table = [
    headers,
    ...redeemed.map((row) => [row.authCode, row.featureKey, row.skuDescription, row.mac, row.redeemed ? wallClockText(row.redeemed) : '']),
  ];
  const widths = headers.map((_, column) => Math.max(...table.map((cells) => cells[column]!.length)));
  if (redeemed.length > 0) {
    for (const cells of table)
      lines.push(
        cells
          .map((cell, column) => cell.padEnd(widths[column]!))
          .join('  ')
          .trimEnd(),
      );
  } else {
    lines.push(t('export.redemption.noKeys'));
  }
  if (failed.length > 0) {
    lines.push('', t('export.redemption.notRedeemed'));
    const codeWidth = Math.max(...failed.map((row) => row.authCode.length));
    for (const row of failed) lines.push(`${row.authCode.padEnd(codeWidth)}  ${row.status}`);
  }
  // CRLF: the file is for customers, and older Windows editors show LF-only text on one line.
  return `${lines.join('\r\n')}\r\n`;
}
