/**
 * Add Systems, its rules, pure: what each way of adding (one system, a range, a file) sends to
 * systems.add, what the range and the file preview say before anything is sent, and the report
 * that puts the file's own invalid rows back among the core's answers.
 */
import type { CoreMessage } from '../../i18n/messages';
import {
  MAX_MACS_PER_ADD as MAX_SYSTEMS_PER_ADD,
  parseMacList,
  parseMacRange,
  type MacListParse,
  type MacListRow,
  type MacRangeRefusal,
} from '../../../../core/domain/mac-range';
import type { Message } from '../../../../core/messages/catalogue';
import { parseMac } from '../../../../core/domain/mac';
import type { AddSystemRow } from '../../../../core/systems/contract';
import { displayMac } from '../../i18n/format';

export type AddMode = 'one' | 'range' | 'file';
export const ADD_MODES: readonly AddMode[] = ['one', 'range', 'file'];

/** What systems.add is sent. */
export interface SystemToAdd {
  mac: string;
  name: string;
}

export type OneCheck = { ok: true; systems: SystemToAdd[]; macText: string } | { ok: false; macError: CoreMessage };

/** One system: the MAC in any accepted format, the name as typed (trimmed; may be empty). */
export function checkOne(macInput: string, nameInput: string): OneCheck {
  const parsed = parseMac(macInput);
  if (!parsed.ok) return { ok: false, macError: parsed };
  return { ok: true, systems: [{ mac: parsed.mac, name: nameInput.trim() }], macText: parsed.display };
}

export type RangePreview =
  /** From or To not typed yet: nothing to say. */
  | { state: 'incomplete' }
  /** `message`: the English (for the form's own check); `refusal`: what to say, in the user's language. */
  | { state: 'invalid'; message: string; refusal: MacRangeRefusal }
  | { state: 'ok'; macs: string[]; first: string; last: string };

/** The live preview under From / To: how many systems, or parseMacRange's reason. */
export function previewRange(from: string, to: string): RangePreview {
  if (from.trim() === '' || to.trim() === '') return { state: 'incomplete' };
  const range = parseMacRange(from, to);
  if (!range.ok) return { state: 'invalid', message: range.message, refusal: range };
  return { state: 'ok', macs: range.macs, first: displayMac(range.macs[0]!), last: displayMac(range.macs.at(-1)!) };
}

/**
 * A range's systems. With a name, each gets it followed by its place in the range (`Depot 1`,
 * `Depot 2`, …) so they can be told apart; one system alone keeps the name as typed.
 */
export function rangeSystems(macs: readonly string[], nameInput: string): SystemToAdd[] {
  const name = nameInput.trim();
  return macs.map((mac, i) => ({ mac, name: name === '' || macs.length === 1 ? name : `${name} ${i + 1}` }));
}

export interface FilePreview {
  fileName: string;
  rows: MacListRow[];
  /** What stops the whole file (empty, not text, more than 50 MACs); null when it can be sent. */
  problem: Message | null;
  /** The rows that will be sent (a MAC that parsed, no problem of its own). */
  addable: number;
}

/** What the file holds, as the preview shows it (from parseMacList). */
export function previewFile(fileName: string, text: string): FilePreview {
  const parsed: MacListParse = parseMacList(text);
  return { fileName, ...parsed, addable: parsed.rows.filter(isAddable).length };
}

/** A file's systems: only its addable rows; the others are reported from the preview. */
export function fileSystems(preview: FilePreview): SystemToAdd[] {
  if (preview.problem) return [];
  return preview.rows.filter(isAddable).map((row) => ({ mac: row.mac!, name: row.name }));
}

function isAddable(row: MacListRow): boolean {
  return row.mac !== null && row.message === null;
}

/** Whether a request may be sent: at least one system, at most MAX_SYSTEMS_PER_ADD. */
export function canSend(systems: readonly SystemToAdd[]): boolean {
  return systems.length > 0 && systems.length <= MAX_SYSTEMS_PER_ADD;
}

/** One row of the report: the core's answer, or a row of the file that was never sent. */
export interface ReportRow extends AddSystemRow {
  /** The file's line, for a file; null otherwise. */
  line: number | null;
}

/**
 * The report: for a file, every row of the file in order, the ones not sent (invalid, a
 * duplicate) with the preview's reason and the others with the core's answer (the core answers
 * in the order it was sent); otherwise the core's rows as they are.
 */
export function reportRows(coreRows: readonly AddSystemRow[], file: FilePreview | null): ReportRow[] {
  if (!file) return coreRows.map((row) => ({ ...row, line: null }));
  const answers = [...coreRows];
  return file.rows.map((row): ReportRow => {
    if (!isAddable(row)) {
      return { input: row.input, mac: row.mac, status: 'invalid', message: row.message, operationId: null, line: row.line };
    }
    const answer = answers.shift();
    return answer
      ? { ...answer, line: row.line }
      : { input: row.input, mac: row.mac, status: 'invalid', message: null, operationId: null, line: row.line };
  });
}

export interface ReportCounts {
  added: number;
  renamed: number;
  known: number;
  invalid: number;
}

export function countReport(rows: readonly Pick<AddSystemRow, 'status'>[]): ReportCounts {
  const counts: ReportCounts = { added: 0, renamed: 0, known: 0, invalid: 0 };
  for (const row of rows) counts[row.status]++;
  return counts;
}
