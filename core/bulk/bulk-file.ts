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
  usedBy: (compactCodes: readonly string[]) => Map<string, string>;
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

/** A whole-file refusal: one problem, the reason in the details. */
export function refuseFile(rule: BulkRuleId, reason: BulkFileRefusal, message: string, row: number | null = null): ApiError {
  const problem: BulkRuleProblem = { rule, row, column: null, text: null, message };
  return new ApiError('VALIDATION', refusalSentence([problem], 1), { problems: [problem], reason });
}

/** One sentence: the first rule broken, where, and how many problems in all. */
function refusalSentence(problems: readonly BulkRuleProblem[], total: number, subject = 'The file was not used'): string {
  const first = problems[0]!;
  const where = first.row === null ? '' : ` on row ${first.row}`;
  const count = total === 1 ? 'it has 1 problem' : `it has ${total.toLocaleString('en-US')} problems`;
  return `${subject} (nothing was saved): ${count}, the first breaking rule "${first.rule}"${where}: ${first.message}`;
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
      `The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; a bulk file may be at most ${MAX_BULK_FILE_BYTES / 1024 / 1024} MB: split it into smaller files.`,
    );
  }
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (extension !== 'xlsx' && extension !== 'csv') {
    throw refuseFile(
      'file_type',
      'wrong_extension',
      `"${clip(fileName)}" is not an Excel workbook (.xlsx) or a CSV file (.csv): save the list as one of those.`,
    );
  }
  let grid: Grid;
  switch (spreadsheetKind(bytes)) {
    case 'empty':
      throw refuseFile('file_type', 'empty', 'The file is empty.');
    case 'password_protected':
      throw refuseFile(
        'file_type',
        'password_protected',
        'The workbook is password-protected: open it in Excel, remove the password and save it as .xlsx.',
      );
    case 'old_format':
      throw refuseFile(
        'file_type',
        'old_format',
        'The file is an old-format Excel workbook (.xls): open it in Excel and save it as .xlsx.',
      );
    case 'xlsx':
      grid = await readFirstSheet(bytes);
      break;
    case 'text':
      grid = readCsv(bytes);
      break;
    case 'other':
      throw refuseFile('file_type', 'not_a_spreadsheet', 'The file is not a spreadsheet: choose an .xlsx or .csv file.');
  }
  return grid;
}

/** Cells by row number (1-based), each row's cells by column number (1-based), as written. */
export type BulkGrid = Map<number, Map<number, string>>;
type Grid = BulkGrid;

const tooManyRows = () =>
  refuseFile(
    'max_rows',
    'too_many_rows',
    `The file has more than ${MAX_BULK_ROWS.toLocaleString('en-US')} rows below the header: split it into smaller files.`,
  );

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
    throw refuseFile('file_type', 'damaged', 'The file is damaged: it cannot be read as an Excel workbook. Save it again from Excel.');
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
    return refuseFile(
      'file_type',
      'password_protected',
      'The workbook is password-protected: open it in Excel, remove the password and save it as .xlsx.',
    );
  }
  const damaged = /^The file is damaged \((.*)\)/.exec(message);
  if (damaged) return refuseFile('file_type', 'damaged', `The file is damaged (${damaged[1]}): save it again from Excel.`);
  if (/zip archive but not an Excel workbook/.test(message)) {
    return refuseFile('file_type', 'not_a_spreadsheet', 'The file is a zip archive but not an Excel workbook (.xlsx).');
  }
  if (/not an Excel workbook/.test(message)) {
    return refuseFile('file_type', 'not_a_spreadsheet', 'The file is not a spreadsheet: choose an .xlsx or .csv file.');
  }
  return refuseFile('max_size', 'too_large', message.replace(/, far more than a portal export/, ''));
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
    throw refuseFile(
      'columns',
      'missing_columns',
      `Row 1 must name the column${names.length > 1 ? 's' : ''} ${names.join(' and ')}; ${found ? `it has ${found}` : 'it is empty'}.`,
      1,
    );
  }
  const macColumn = columns.mac!;
  const codeColumn = columns.authCode!;
  const nameColumn = columns.systemName;

  const problems: BulkRuleProblem[] = [];
  const problem = (rule: BulkRuleId, row: number, column: { name: string } | null, text: string | null, message: string) =>
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
      problem('mac_required', rowNumber, macColumn, null, 'The MAC is missing.');
      ok = false;
    } else {
      const parsed = parseMac(macText);
      const several = severalIn(macText, parseMac);
      if (several) {
        problem('mac_format', rowNumber, macColumn, macText, `One MAC address per cell: this cell has ${several}.`);
        ok = false;
      } else if (!parsed.ok) {
        problem('mac_format', rowNumber, macColumn, macText, parsed.message);
        ok = false;
      } else if (parsed.prefixAdded) {
        // The rule says 12 digits: the last 6 alone (which a form accepts) are not a whole MAC in a file.
        problem(
          'mac_format',
          rowNumber,
          macColumn,
          macText,
          'A MAC address in a bulk file has all 12 hex digits; this has the last 6 only.',
        );
        ok = false;
      } else mac = parsed.mac;
    }

    let compact: string | null = null;
    if (!codeText.trim()) {
      problem('code_required', rowNumber, codeColumn, null, 'The authorization code is missing.');
      ok = false;
    } else {
      const parsed = parseAuthCode(codeText);
      const several = parsed.ok ? 0 : severalIn(codeText, parseAuthCode);
      if (several) {
        problem('code_format', rowNumber, codeColumn, codeText, `One authorization code per cell: this cell has ${several}.`);
        ok = false;
      } else if (!parsed.ok) {
        problem('code_format', rowNumber, codeColumn, codeText, parsed.message);
        ok = false;
      } else {
        const first = firstRowOfCode.get(parsed.compact);
        if (first !== undefined) {
          problem('code_unique', rowNumber, codeColumn, codeText, `The same code is on row ${first}: each code may appear once.`);
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
          `The system name has ${systemName.length} characters; at most ${MAX_SYSTEM_NAME}.`,
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
            `This MAC is named "${clip(named.name)}" on row ${named.row}: one MAC has one system name.`,
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
    throw refuseFile('file_type', 'empty', 'The file has no rows below the header: add a row per code (MAC, Auth Code).');
  }
  // The system name a MAC has on any row goes to all its rows.
  return rows.map((r) => ({ ...r, systemName: r.systemName ?? nameOfMac.get(r.mac)?.name ?? null }));
}

/** VALIDATION with the problems in row order (at most MAX_LISTED_PROBLEMS, then one saying how many more). */
export function problemsError(problems: BulkRuleProblem[], subject?: string): ApiError {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  if (problems.length > MAX_LISTED_PROBLEMS) {
    const more = problems.length - MAX_LISTED_PROBLEMS;
    listed.push({
      rule: problems[MAX_LISTED_PROBLEMS]!.rule,
      row: null,
      column: null,
      text: null,
      message: `…and ${more.toLocaleString('en-US')} more problem${more === 1 ? '' : 's'} not listed: correct these and try again.`,
    });
  }
  return new ApiError('VALIDATION', refusalSentence(problems, problems.length, subject), { problems: listed });
}
