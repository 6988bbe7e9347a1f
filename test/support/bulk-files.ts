// Bulk redemption files for tests: one breaking each row rule of BULK_RULES on a known row, one
// breaking each whole-file rule, and a good workbook. Generated, so each break is exactly where the
// test says it is.
import ExcelJS from 'exceljs';
import { MAX_BULK_FILE_BYTES, MAX_BULK_ROWS, type BulkRuleId } from '../../core/domain/bulk-rules';

export interface BulkTestFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A rule broken, and where: `row` null for the whole file. */
export interface ExpectedBreak {
  rule: BulkRuleId;
  row: number | null;
}

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A well-formed code no portal issued: `n` makes it unique. */
export function syntheticCode(n: number): string {
  const tail = String(n).padStart(6, '0');
  return `BULKQA-ZZZZZZ-YYYYYY-${tail}`;
}

const csv = (name: string, lines: string[]): BulkTestFile => ({ name, mimeType: CSV, buffer: Buffer.from(`${lines.join('\r\n')}\r\n`) });

/**
 * One CSV with a row breaking each row rule (the header is row 1; row 2 is good). `redeemedCode`
 * is a code FieldKey holds as redeemed (a synced feature key's), for rule `code_unused`.
 */
export function rowRulesFile(macs: [string, string], redeemedCode: string): { file: BulkTestFile; breaks: ExpectedBreak[] } {
  const [mac, other] = macs;
  const lines = [
    'MAC,Auth Code,System Name',
    `${mac},${syntheticCode(2)},Front office`, // 2: good
    `,${syntheticCode(3)},Front office`, // 3: mac_required
    `00:0A:DD:02:3F,${syntheticCode(4)},`, // 4: mac_format
    `${mac},,Front office`, // 5: code_required
    `${mac},43XC98-68WTGB,Front office`, // 6: code_format
    `${mac},${syntheticCode(2)},Front office`, // 7: code_unique (row 2's code)
    `${mac},${redeemedCode},Front office`, // 8: code_unused
    `${other},${syntheticCode(9)},${'N'.repeat(201)}`, // 9: system_name (over 200 characters)
  ];
  return {
    file: csv('row-rules.csv', lines),
    breaks: [
      { rule: 'mac_required', row: 3 },
      { rule: 'mac_format', row: 4 },
      { rule: 'code_required', row: 5 },
      { rule: 'code_format', row: 6 },
      { rule: 'code_unique', row: 7 },
      { rule: 'code_unused', row: 8 },
      { rule: 'system_name', row: 9 },
    ],
  };
}

/**
 * One file per whole-file rule: not a spreadsheet, over 5 MB, over 15,000 rows, a required column
 * missing (named on the header row, 1; the others on no row).
 */
export function wholeFileRuleFiles(mac: string): ({ file: BulkTestFile } & ExpectedBreak)[] {
  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
  const manyRows = ['MAC,Auth Code'];
  for (let i = 0; i <= MAX_BULK_ROWS; i++) manyRows.push(`${mac},${syntheticCode(100_000 + i)}`);
  const padding = 'x'.repeat(1000);
  const bigLines = ['MAC,Auth Code,Notes'];
  for (let size = 0, i = 0; size <= MAX_BULK_FILE_BYTES; i++) {
    const line = `${mac},${syntheticCode(i % 999_999)},${padding}`;
    bigLines.push(line);
    size += line.length + 2;
  }
  return [
    { rule: 'file_type', row: null, file: { name: 'not-a-sheet.xlsx', mimeType: XLSX, buffer: binary } },
    { rule: 'max_size', row: null, file: csv('too-large.csv', bigLines) },
    { rule: 'max_rows', row: null, file: csv('too-many-rows.csv', manyRows) },
    { rule: 'columns', row: 1, file: csv('no-auth-code.csv', ['MAC,System Name', `${mac},Front office`]) },
  ];
}

/** A good workbook: each code on its own row, for the MAC beside it, with a system name per MAC. */
export async function goodWorkbook(rows: { mac: string; authCode: string; systemName: string }[]): Promise<BulkTestFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Codes');
  sheet.addRow(['MAC', 'Auth Code', 'System Name']);
  for (const row of rows) sheet.addRow([row.mac, row.authCode, row.systemName]);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { name: 'good-order.xlsx', mimeType: XLSX, buffer };
}
