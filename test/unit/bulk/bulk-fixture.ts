import ExcelJS from 'exceljs';
import { ApiError } from '../../../core/rpc/errors';
import type { BulkRuleProblem } from '../../../core/bulk/contract';
import { rejectionOf } from '../../support/rejection';

export type BulkFormat = 'csv' | 'xlsx';

/** A CSV as Excel writes it: fields quoted when they hold the delimiter, a quote or a line break. */
export function csvOf(rows: readonly (readonly (string | null)[])[], delimiter = ','): Buffer {
  const field = (value: string | null) => {
    const text = value ?? '';
    return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return Buffer.from(`${rows.map((row) => row.map(field).join(delimiter)).join('\r\n')}\r\n`, 'utf8');
}

/** An .xlsx whose first sheet holds the rows (every cell as text), with a second sheet that must be ignored. */
export async function xlsxOf(rows: readonly (readonly (string | null)[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Bulk');
  rows.forEach((row, index) => {
    row.forEach((value, column) => {
      if (value !== null) sheet.getCell(index + 1, column + 1).value = value;
    });
  });
  workbook.addWorksheet('Notes').getCell('A1').value = 'MAC';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function fileOf(format: BulkFormat, rows: readonly (readonly (string | null)[])[]): Promise<Buffer> {
  return format === 'csv' ? csvOf(rows) : xlsxOf(rows);
}

/** The n-th test code (24 characters, dashed). */
export function codeN(n: number, prefix = 'BULKAA'): string {
  const digits = String(n).padStart(6, '0');
  return `${prefix}-${digits}-CCCCCC-DDDDDD`;
}

/** The problems of a VALIDATION refusal. */
export async function problemsOf(
  promise: Promise<unknown>,
): Promise<{ message: string; messageCode?: string; problems: BulkRuleProblem[]; reason?: string }> {
  const err = await rejectionOf(promise, ApiError);
  if (err.code !== 'VALIDATION') throw new Error(`Expected VALIDATION, got ${err.code}: ${err.message}`);
  const details = err.details as { problems: BulkRuleProblem[]; reason?: string };
  return { message: err.message, messageCode: err.messageCode, problems: details.problems, reason: details.reason };
}
