/**
 * Reads a bulk redemption file (.xlsx: its first sheet; or .csv: `,` or `;`, quoted fields, a
 * byte-order mark) and enforces every rule of BULK_RULES (core/domain/bulk-rules.ts). The header
 * is row 1; columns are matched without regard to case, spaces, dashes or underscores. Every
 * break is collected as a BulkRuleProblem in row order, and a file with any is refused whole
 * (ApiError VALIDATION with `details.problems`, and `details.reason` for a whole-file rule), so
 * nothing of it is saved. Blank rows are skipped silently.
 *
 * Whether a code is already used (`code_unused`) depends on the database: the caller passes
 * `usedBy`, which says for each code why it cannot be used.
 */
import { ApiError } from '../rpc/errors';
import type { Message, MessageCode } from '../messages/catalogue';
import { say } from '../messages/say';
import type { Refusal } from '../domain/refusal';
import { parseAuthCode } from '../domain/auth-code';
import { BULK_COLUMNS, BULK_RULE_IDS, MAX_BULK_FILE_BYTES, MAX_BULK_ROWS, type BulkRuleId } from '../domain/bulk-rules';
import { parseMac } from '../domain/mac';
import { loadExcelJs } from '../export/workbook';
import { cellText } from '../keys/portal-export';
import { decodeText, guessDelimiter, readCsvRows, rowsWithValues, SHEET_LIMITS, spreadsheetKind } from '../import/sheet-file';
import { checkXlsxPackage, inflateEntry, type ZipEntry } from '../import/xlsx-package';
import type { BulkRuleProblem } from './contract';
import type { FileJobSpec } from '../import/file-worker/protocol';

/** The file worker reads a bulk file to its grid: [row, [column, text][]] pairs (Maps cross a thread as well, but arrays are cheaper). */
export type BulkFileJob = FileJobSpec<'bulkFile', { bytes: Uint8Array; fileName: string }, { rows: [number, [number, string][]][] }>;

/** Problems listed at most; a last one says how many more there are. */
export const MAX_LISTED_PROBLEMS = 1_000;
/** Longest system name. */
export const MAX_SYSTEM_NAME = 200;
const MAX_TEXT = 100;

/** One good row of a bulk file. */
export interface BulkFileRow {
  /** The sheet's row number (header = 1). */
  row: number;
  /** 12 upper-case hex digits. */
  mac: string;
  systemName: string | null;
  /** 24 characters, no dashes. */
  compact: string;
}

export interface BulkFileOptions {
  fileName: string;
  /** For each of these compact codes that cannot be used, a sentence saying why. */
  usedBy: (compactCodes: readonly string[]) => Map<string, Message>;
}

/** Whole-file refusals: which rule and a reason a page or a test can tell apart. */
export type BulkFileRefusal =
  | 'not_a_spreadsheet'
  | 'wrong_extension'
  | 'old_format'
  | 'password_protected'
  | 'damaged'
  | 'empty'
  | 'too_large'
  | 'too_many_rows'
  | 'missing_columns'
  /** The file worker ran out of memory or time reading it. */
  | 'unreadable';

/** The header cells, normalised (lower case; spaces, dashes, underscores and dots removed), that name each column. */
const HEADER_NAMES: Record<keyof typeof BULK_COLUMNS, readonly string[]> = {
  mac: ['mac', 'macaddress'],
  authCode: ['authcode', 'authorizationcode', 'authorisationcode'],
  systemName: ['systemname'],
};

const normaliseHeader = (text: string) => text.toLowerCase().replace(/[\s\-_.‐‑‒–—]+/g, '');

const clip = (text: string) => (text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text);

/** A parser's refusal (a MAC, a code) as the message a problem carries. */
export function refusalMessage(refusal: Refusal): Message {
  return refusal.params === undefined
    ? { code: refusal.code as MessageCode, message: refusal.message }
    : { code: refusal.code as MessageCode, message: refusal.message, params: refusal.params };
}

/**
 * A sentence another part of the core wrote in English only (the file worker's, the package
 * check's), kept whole as the English text under `code`, whose translations say it in general.
 */
export function foreignSentence(code: 'bulk.file.unreadable' | 'bulk.file.unpacksTooLarge', sentence: string | Message): Message {
  return typeof sentence === 'string' ? { code, message: sentence, params: { detail: sentence } } : sentence;
}

/** A whole-file refusal: one problem, the reason in the details. */
export function refuseFile(rule: BulkRuleId, reason: BulkFileRefusal, message: Message, row: number | null = null): ApiError {
  const problem: BulkRuleProblem = { rule, row, column: null, text: null, message };
  return new ApiError('VALIDATION', refusalSentence([problem], 1), { problems: [problem], reason });
}

/** What was refused: a file, a job's start, a job from the inventory. */
export type RefusedSubject = 'file' | 'start' | 'inventory';

/** One sentence: the first rule broken, where, and how many problems in all. */
function refusalSentence(problems: readonly BulkRuleProblem[], total: number, subject: RefusedSubject = 'file'): Message {
  const first = problems[0]!;
  const params = { count: total, rule: first.rule, first: first.message.message };
  return first.row === null ? say(`bulk.refused.${subject}`, params) : say(`bulk.refused.${subject}AtRow`, { ...params, row: first.row });
}

/** Reads and checks a bulk file; throws ApiError VALIDATION (details.problems) when any rule is broken. */
export async function readBulkFile(bytes: Buffer, options: BulkFileOptions): Promise<BulkFileRow[]> {
  return checkBulkGrid(await readBulkGrid(bytes, options.fileName), options);
}

/**
 * The file's cells, before any rule that needs the database: the half the file worker runs
 * (core/import/file-worker). Throws the whole-file refusals.
 */
export async function readBulkGrid(bytes: Buffer, fileName: string): Promise<BulkGrid> {
  if (bytes.length > MAX_BULK_FILE_BYTES) {
    throw refuseFile(
      'max_size',
      'too_large',
      say('bulk.file.tooLarge', { size: Math.round((bytes.length / 1024 / 1024) * 10) / 10, limit: MAX_BULK_FILE_BYTES / 1024 / 1024 }),
    );
  }
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (extension !== 'xlsx' && extension !== 'csv') {
    throw refuseFile('file_type', 'wrong_extension', say('bulk.file.wrongExtension', { fileName: clip(fileName) }));
  }
  let grid: Grid;
  switch (spreadsheetKind(bytes)) {
    case 'empty':
      throw refuseFile('file_type', 'empty', say('bulk.file.empty'));
    case 'password_protected':
      throw refuseFile('file_type', 'password_protected', say('bulk.file.passwordProtected'));
    case 'old_format':
      throw refuseFile('file_type', 'old_format', say('bulk.file.oldFormat'));
    case 'xlsx':
      grid = await readFirstSheet(bytes);
      break;
    case 'text':
      grid = readCsv(bytes);
      break;
    case 'other':
      throw refuseFile('file_type', 'not_a_spreadsheet', say('bulk.file.notASpreadsheet'));
  }
  return grid;
}

/** Cells by row number (1-based), each row's cells by column number (1-based), as written. */
export type BulkGrid = Map<number, Map<number, string>>;
type Grid = BulkGrid;

const tooManyRows = () => refuseFile('max_rows', 'too_many_rows', say('bulk.file.tooManyRows', { limit: MAX_BULK_ROWS }));

// --- .xlsx -----------------------------------------------------------------------------------

async function readFirstSheet(bytes: Buffer): Promise<Grid> {
  let entries: ZipEntry[];
  try {
    ({ entries } = await checkXlsxPackage(bytes, SHEET_LIMITS));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    throw describePackageProblem(err.message);
  }
  // Count the first sheet's rows before the workbook is built in memory: a small file may hold many.
  const sheetPart = await firstSheetPart(bytes, entries);
  const entry = entries.find((e) => e.name === sheetPart);
  if (entry) {
    const { data } = await inflateEntry(bytes, entry, { limit: Number.MAX_SAFE_INTEGER, keep: true });
    if (rowsWithValues(data!, MAX_BULK_ROWS + 1) > MAX_BULK_ROWS + 1) throw tooManyRows();
  }
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw refuseFile('file_type', 'damaged', say('bulk.file.damaged'));
  }
  const sheet = workbook.worksheets[0];
  const grid: Grid = new Map();
  if (!sheet) return grid;
  let dataRows = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = new Map<number, string>();
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const raw = cell.value;
      const text = typeof raw === 'string' ? raw : cellText(raw);
      if (text.trim()) cells.set(column, text);
    });
    if (cells.size === 0) return;
    if (rowNumber > 1 && ++dataRows > MAX_BULK_ROWS) throw tooManyRows();
    grid.set(rowNumber, cells);
  });
  return grid;
}

/** The part name of the workbook's first sheet (xl/workbook.xml's first <sheet>, through its relationship). */
async function firstSheetPart(bytes: Buffer, entries: ZipEntry[]): Promise<string | null> {
  const read = async (name: string) => {
    const entry = entries.find((e) => e.name === name);
    if (!entry) return null;
    const { data } = await inflateEntry(bytes, entry, { limit: 16 * 1024 * 1024, keep: true });
    return data!.toString('utf8');
  };
  const workbook = await read('xl/workbook.xml');
  const rels = await read('xl/_rels/workbook.xml.rels');
  const sheetTag = workbook ? /<(?:\w+:)?sheet\b[^>]*>/.exec(workbook)?.[0] : undefined;
  const rid = sheetTag ? /\br:id="([^"]+)"/.exec(sheetTag)?.[1] : undefined;
  if (!rid || !rels) return entries.find((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name))?.name ?? null;
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((tag) => tag.includes(`Id="${rid}"`));
  const target = rel ? /\bTarget="([^"]+)"/.exec(rel)?.[1] : undefined;
  if (!target) return null;
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

/** checkXlsxPackage's sentences speak of the portal's export; these speak of a bulk file. */
function describePackageProblem(message: string): ApiError {
  if (/password-protected/i.test(message)) {
    return refuseFile('file_type', 'password_protected', say('bulk.file.passwordProtected'));
  }
  const damaged = /^The file is damaged \((.*)\)/.exec(message);
  if (damaged) return refuseFile('file_type', 'damaged', say('bulk.file.damagedBecause', { detail: damaged[1]! }));
  if (/zip archive but not an Excel workbook/.test(message)) {
    return refuseFile('file_type', 'not_a_spreadsheet', say('bulk.file.zipNotWorkbook'));
  }
  if (/not an Excel workbook/.test(message)) {
    return refuseFile('file_type', 'not_a_spreadsheet', say('bulk.file.notASpreadsheet'));
  }
  return refuseFile(
    'max_size',
    'too_large',
    foreignSentence('bulk.file.unpacksTooLarge', message.replace(/, far more than a portal export/, '')),
  );
}

// --- .csv ------------------------------------------------------------------------------------

/** A CSV as Excel writes it (the delimiter the header line uses most); stops after too many rows. */
function readCsv(bytes: Buffer): Grid {
  const text = decodeText(bytes);
  const grid: Grid = new Map();
  let dataRows = 0;
  readCsvRows(text, guessDelimiter(text, 1), (row, cells) => {
    if (row > 1 && ++dataRows > MAX_BULK_ROWS) throw tooManyRows();
    grid.set(row, cells);
  });
  return grid;
}

// --- the rules -------------------------------------------------------------------------------

const RULE_ORDER = new Map(BULK_RULE_IDS.map((id, index) => [id, index]));

/** Pieces of a cell that each parse alone, when the cell holds several (split on commas, semicolons, slashes, bars, white space). */
function severalIn<T extends { ok: boolean }>(text: string, parse: (piece: string) => T): number {
  const pieces = text.split(/[,;|/\s]+/).filter(Boolean);
  if (pieces.length < 2) return 0;
  const parsed = pieces.filter((piece) => parse(piece).ok).length;
  return parsed >= 2 ? parsed : 0;
}

/** Every rule over the cells; throws ApiError VALIDATION (details.problems) when any is broken. */
export function checkBulkGrid(grid: Grid, options: Pick<BulkFileOptions, 'usedBy'>): BulkFileRow[] {
  const header = grid.get(1) ?? new Map<number, string>();
  const columns: Partial<Record<keyof typeof BULK_COLUMNS, { index: number; name: string }>> = {};
  for (const [index, text] of header) {
    const normal = normaliseHeader(text);
    for (const key of Object.keys(HEADER_NAMES) as (keyof typeof BULK_COLUMNS)[]) {
      if (!columns[key] && HEADER_NAMES[key].includes(normal)) columns[key] = { index, name: text.trim() };
    }
  }
  const missing = (['mac', 'authCode'] as const).filter((key) => !columns[key]);
  if (missing.length > 0) {
    const names = missing.map((key) => BULK_COLUMNS[key]);
    const found = [...header.values()].map((t) => `"${clip(t.trim())}"`).join(', ');
    const message =
      names.length > 1
        ? found
          ? say('bulk.file.missingColumns', { found })
          : say('bulk.file.missingColumnsEmpty')
        : found
          ? say('bulk.file.missingColumn', { column: names[0]!, found })
          : say('bulk.file.missingColumnEmpty', { column: names[0]! });
    throw refuseFile('columns', 'missing_columns', message, 1);
  }
  const macColumn = columns.mac!;
  const codeColumn = columns.authCode!;
  const nameColumn = columns.systemName;

  const problems: BulkRuleProblem[] = [];
  const problem = (rule: BulkRuleId, row: number, column: { name: string } | null, text: string | null, message: Message) =>
    problems.push({ rule, row, column: column?.name ?? null, text: text === null ? null : clip(text), message });

  const rows: BulkFileRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  /** Per MAC, the first row naming the system and its name. */
  const nameOfMac = new Map<string, { row: number; name: string }>();
  const rowNumbers = [...grid.keys()].filter((n) => n > 1).sort((a, b) => a - b);
  for (const rowNumber of rowNumbers) {
    const cells = grid.get(rowNumber)!;
    const macText = cells.get(macColumn.index) ?? '';
    const codeText = cells.get(codeColumn.index) ?? '';
    const nameText = nameColumn ? (cells.get(nameColumn.index) ?? '') : '';
    // A row with nothing in the three columns is blank (other columns are ignored).
    if (!macText.trim() && !codeText.trim() && !nameText.trim()) continue;
    let ok = true;

    let mac: string | null = null;
    if (!macText.trim()) {
      problem('mac_required', rowNumber, macColumn, null, say('bulk.problem.macMissing'));
      ok = false;
    } else {
      const parsed = parseMac(macText);
      const several = severalIn(macText, parseMac);
      if (several) {
        problem('mac_format', rowNumber, macColumn, macText, say('bulk.problem.severalMacs', { count: several }));
        ok = false;
      } else if (!parsed.ok) {
        problem('mac_format', rowNumber, macColumn, macText, refusalMessage(parsed));
        ok = false;
      } else if (parsed.prefixAdded) {
        // The rule says 12 digits: the last 6 alone (which a form accepts) are not a whole MAC in a file.
        problem('mac_format', rowNumber, macColumn, macText, say('bulk.problem.macLastSix'));
        ok = false;
      } else mac = parsed.mac;
    }

    let compact: string | null = null;
    if (!codeText.trim()) {
      problem('code_required', rowNumber, codeColumn, null, say('bulk.problem.codeMissing'));
      ok = false;
    } else {
      const parsed = parseAuthCode(codeText);
      const several = parsed.ok ? 0 : severalIn(codeText, parseAuthCode);
      if (several) {
        problem('code_format', rowNumber, codeColumn, codeText, say('bulk.problem.severalCodes', { count: several }));
        ok = false;
      } else if (!parsed.ok) {
        problem('code_format', rowNumber, codeColumn, codeText, refusalMessage(parsed));
        ok = false;
      } else {
        const first = firstRowOfCode.get(parsed.compact);
        if (first !== undefined) {
          problem('code_unique', rowNumber, codeColumn, codeText, say('bulk.problem.codeRepeated', { row: first }));
          ok = false;
        } else {
          firstRowOfCode.set(parsed.compact, rowNumber);
          compact = parsed.compact;
        }
      }
    }

    const systemName = nameText.trim() || null;
    if (systemName !== null) {
      if (systemName.length > MAX_SYSTEM_NAME) {
        problem(
          'system_name',
          rowNumber,
          nameColumn ?? null,
          nameText,
          say('bulk.problem.systemNameTooLong', { length: systemName.length, max: MAX_SYSTEM_NAME }),
        );
        ok = false;
      } else if (mac !== null) {
        const named = nameOfMac.get(mac);
        if (!named) nameOfMac.set(mac, { row: rowNumber, name: systemName });
        else if (named.name !== systemName) {
          problem(
            'system_name',
            rowNumber,
            nameColumn ?? null,
            nameText,
            say('bulk.problem.systemNameDiffers', { name: clip(named.name), row: named.row }),
          );
          ok = false;
        }
      }
    }
    if (ok && mac !== null && compact !== null) rows.push({ row: rowNumber, mac, systemName, compact });
  }

  // Codes FieldKey knows to be redeemed, queued, or in another job: only those that parsed, once each.
  const used = options.usedBy([...firstRowOfCode.keys()]);
  for (const [code, row] of firstRowOfCode) {
    const why = used.get(code);
    if (why === undefined) continue;
    problem('code_unused', row, codeColumn, grid.get(row)?.get(codeColumn.index) ?? null, why);
  }

  if (problems.length > 0) {
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || RULE_ORDER.get(a.rule)! - RULE_ORDER.get(b.rule)!);
    throw problemsError(problems);
  }
  if (rows.length === 0) {
    throw refuseFile('file_type', 'empty', say('bulk.file.noRows'));
  }
  // The system name a MAC has on any row goes to all its rows.
  return rows.map((r) => ({ ...r, systemName: r.systemName ?? nameOfMac.get(r.mac)?.name ?? null }));
}

/** VALIDATION with the problems in row order (at most MAX_LISTED_PROBLEMS, then one saying how many more). */
export function problemsError(problems: BulkRuleProblem[], subject?: RefusedSubject): ApiError {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  if (problems.length > MAX_LISTED_PROBLEMS) {
    const more = problems.length - MAX_LISTED_PROBLEMS;
    listed.push({
      rule: problems[MAX_LISTED_PROBLEMS]!.rule,
      row: null,
      column: null,
      text: null,
      message: say('bulk.problem.more', { count: more }),
    });
  }
  return new ApiError('VALIDATION', refusalSentence(problems, problems.length, subject), { problems: listed });
}
