/**
 * Many MACs at once, for Add Systems: a range From–To, or a .txt / .csv file (as My innovaphone's
 * "add devices by MAC range or from a text file", at most 50 at once). Pure: the renderer checks
 * as the user types, the core checks again.
 */
import type { Message } from '../messages/catalogue';
import { formatMac, parseMac } from './mac';
import type { Refusal } from './refusal';

/** At most this many MACs per range or file (the same limit as systems.add). */
export const MAX_MACS_PER_ADD = 50;

/** A system name longer than this is refused (the same limit as systems.add). */
export const MAX_SYSTEM_NAME_LENGTH = 200;

/**
 * A refused range: `end` names the field whose MAC is refused (the code and params are that MAC's
 * refusal, `message` its English prefixed with `From:` or `To:`); no `end` for the range as a whole.
 */
export type MacRangeRefusal = Refusal & { end?: 'from' | 'to' };

export type MacRangeParse = { ok: true /** Compact MACs, From to To inclusive. */; macs: string[] } | MacRangeRefusal;

export function parseMacRange(from: string, to: string): MacRangeParse {
  const first = parseMac(from);
  if (!first.ok) return { ...first, message: `From: ${first.message}`, end: 'from' };
  const last = parseMac(to);
  if (!last.ok) return { ...last, message: `To: ${last.message}`, end: 'to' };

  // The first six hex digits name the vendor: a range never runs from one vendor into another.
  if (first.mac.slice(0, 6) !== last.mac.slice(0, 6)) {
    const params = { from: formatMac(first.mac).slice(0, 8), to: formatMac(last.mac).slice(0, 8) };
    return {
      ok: false,
      code: 'macRange.twoVendors',
      params,
      message: `A range stays within one vendor prefix: From begins with ${params.from} and To with ${params.to}.`,
    };
  }
  // 48 bits fit exactly in a double.
  const low = Number.parseInt(first.mac, 16);
  const high = Number.parseInt(last.mac, 16);
  if (high < low) {
    return {
      ok: false,
      code: 'macRange.backwards',
      params: { from: first.display, to: last.display },
      message: `To (${last.display}) comes before From (${first.display}): put the lower MAC in From.`,
    };
  }
  const count = high - low + 1;
  if (count > MAX_MACS_PER_ADD) {
    return {
      ok: false,
      code: 'macRange.tooMany',
      params: { from: first.display, to: last.display, count, limit: MAX_MACS_PER_ADD },
      message: `The range ${first.display} – ${last.display} holds ${count} MACs; at most ${MAX_MACS_PER_ADD} can be added at once.`,
    };
  }
  const macs: string[] = [];
  for (let value = low; value <= high; value++) macs.push(value.toString(16).toUpperCase().padStart(12, '0'));
  return { ok: true, macs };
}

/** One MAC row of a .txt or .csv file. */
export interface MacListRow {
  /** 1-based line of the file. */
  line: number;
  /** The MAC cell as read (trimmed). */
  input: string;
  /** 12 upper-case hex digits, when it parsed (also for duplicates). */
  mac: string | null;
  /** The second column, trimmed; '' when there is none. */
  name: string;
  /** Why this row cannot be added (invalid MAC, duplicate, name too long); null when it can. */
  message: Message | null;
}

export interface MacListParse {
  rows: MacListRow[];
  /** What stops the whole file (empty, not text, too many rows); the rows are still listed. */
  problem: Message | null;
}

const SEPARATORS = ['\t', ';', ','] as const;

/**
 * A text file of MACs, one per line, or a CSV whose first column is the MAC and second the
 * optional system name. Quoted cells, `,` `;` or tab separators, blank lines and a header row
 * (a first row whose first cell names the column, such as `MAC,System Name`) are
 * accepted. A line of several MACs separated by spaces, as some lists are written, gives one row
 * per MAC.
 */
export function parseMacList(text: string): MacListParse {
  if (text.includes('\u0000'))
    return {
      rows: [],
      problem: { code: 'macList.notText', message: 'This is not a text file: choose a .txt or .csv file of MAC addresses.' },
    };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const separator = pickSeparator(lines);

  const rows: MacListRow[] = [];
  const firstLineOf = new Map<string, number>();
  let headerChecked = false;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const cells = splitCells(raw, separator).map((cell) => cell.trim());
    if (cells.every((cell) => cell === '')) return;
    const [macCell = '', nameCell = ''] = cells;
    if (!headerChecked) {
      headerChecked = true;
      if (isHeader(macCell)) return;
    }
    for (const input of splitSpacedMacs(macCell, cells.length)) {
      const parsed = parseMac(input);
      let message: Message | null = parsed.ok ? null : messageOf(parsed);
      const mac = parsed.ok ? parsed.mac : null;
      if (mac !== null) {
        const earlier = firstLineOf.get(mac);
        if (earlier === undefined) firstLineOf.set(mac, line);
        else
          message = {
            code: 'macList.repeated',
            params: { mac: formatMac(mac), line: earlier },
            message: `${formatMac(mac)} is already on line ${earlier}.`,
          };
      }
      if (message === null && nameCell.length > MAX_SYSTEM_NAME_LENGTH) {
        message = {
          code: 'macList.nameTooLong',
          params: { length: nameCell.length, limit: MAX_SYSTEM_NAME_LENGTH },
          message: `The system name has ${nameCell.length} characters; at most ${MAX_SYSTEM_NAME_LENGTH}.`,
        };
      }
      rows.push({ line, input, mac, name: nameCell, message });
    }
  });

  let problem: Message | null = null;
  if (rows.length === 0) problem = { code: 'macList.empty', message: 'The file holds no MAC addresses.' };
  else if (rows.length > MAX_MACS_PER_ADD) {
    problem = {
      code: 'macList.tooMany',
      params: { count: rows.length, limit: MAX_MACS_PER_ADD },
      message: `The file lists ${rows.length} MACs; at most ${MAX_MACS_PER_ADD} can be added at once: split it into files of ${MAX_MACS_PER_ADD} or fewer.`,
    };
  }
  return { rows, problem };
}

/** A parser's refusal as the Message it says. */
export function messageOf(refusal: Refusal): Message {
  return refusal.params === undefined
    ? { code: refusal.code, message: refusal.message }
    : { code: refusal.code, message: refusal.message, params: refusal.params };
}

/** A first cell such as `MAC`, `MAC Address` or `Device`: words without digits, not a MAC. */
function isHeader(cell: string): boolean {
  return !/\d/.test(cell) && /mac|address|adresse|device|system/i.test(cell) && !parseMac(cell).ok;
}

/** The separator found on the most lines (tab, then `;`, then `,` on a tie); `,` when none is. */
function pickSeparator(lines: string[]): string {
  let best: string = ',';
  let bestCount = 0;
  for (const candidate of SEPARATORS) {
    const count = lines.filter((line) => line.includes(candidate)).length;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** One CSV line into cells: "quoted" cells may hold the separator and "" for a quote. */
function splitCells(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/** `00-90-33-08-20-20 00-90-33-08-20-21` on one line of a one-column file: one MAC each. */
function splitSpacedMacs(cell: string, cellCount: number): string[] {
  if (cellCount > 1) return [cell];
  const parts = cell.split(/\s+/);
  if (parts.length > 1 && parts.every((part) => parseMac(part).ok)) return parts;
  return [cell];
}
