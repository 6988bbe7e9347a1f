/**
 * The rules a bulk redemption file must follow (issue 12, the bulk-assignment seed's model): listed
 * on the Bulk redemption page and enforced by core, which names the rule and the row of every
 * break. Pure data shared with the renderer.
 */

/** Largest bulk file (bytes) and most data rows (the header row not counted). */
export const MAX_BULK_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_BULK_ROWS = 15_000;
/** Codes sent to the portal in one redemption: the Portal API's limit per request, per MAC. */
export const BULK_CODES_PER_OPERATION = 50;

/** Column names the header row must have (matched without regard to case, spaces or dashes). */
export const BULK_COLUMNS = { mac: 'MAC', authCode: 'Auth Code', systemName: 'System Name' } as const;

export const BULK_RULE_IDS = [
  'file_type',
  'max_size',
  'max_rows',
  'columns',
  'mac_required',
  'mac_format',
  'code_required',
  'code_format',
  'code_unique',
  'code_unused',
  'system_name',
] as const;
export type BulkRuleId = (typeof BULK_RULE_IDS)[number];

/** Each rule as the page lists it, in order. */
export const BULK_RULES: readonly { id: BulkRuleId; text: string }[] = [
  { id: 'file_type', text: 'The file is an Excel workbook (.xlsx) or a CSV file (.csv); only its first sheet is read.' },
  { id: 'max_size', text: 'The file is at most 5 MB.' },
  { id: 'max_rows', text: 'The file has at most 15,000 rows below the header row.' },
  {
    id: 'columns',
    text: 'The first row names the columns: MAC and Auth Code are required, System Name is optional; other columns are ignored.',
  },
  { id: 'mac_required', text: 'MAC: obligatory on every row.' },
  {
    id: 'mac_format',
    text: 'MAC: one MAC address per cell, all 12 hexadecimal digits (not the last 6 alone), written with colons, dashes, dots or nothing between them.',
  },
  { id: 'code_required', text: 'Auth Code: obligatory on every row.' },
  { id: 'code_format', text: 'Auth Code: one authorization code per cell, 24 letters and digits, with or without dashes.' },
  { id: 'code_unique', text: 'Auth Code: each code appears once in the file.' },
  {
    id: 'code_unused',
    text: 'Auth Code: a code FieldKey knows to be redeemed already, or that another redemption or job holds, is refused.',
  },
  { id: 'system_name', text: 'System Name: optional, at most 200 characters, and the same on every row of one MAC.' },
];
