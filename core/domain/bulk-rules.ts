/**
 * The rules a bulk redemption file must follow (issue 12, the bulk-assignment seed's model): listed
 * on the Bulk redemption page and enforced by core, which names the rule and the row of every
 * break. Pure data shared with the renderer; the rules' wording is in the message catalogue.
 */
import type { MessageCode } from '../messages/catalogue';

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

/** Each rule as the page lists it, in order: its text is the message `bulkRule.<id>` (core/messages/<language>/bulk.json). */
export const BULK_RULES: readonly { id: BulkRuleId; code: `bulkRule.${BulkRuleId}` & MessageCode }[] = BULK_RULE_IDS.map((id) => ({
  id,
  code: `bulkRule.${id}` as const,
}));
