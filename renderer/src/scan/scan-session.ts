/**
 * What the camera panel does with the barcodes decoded in each frame, as pure functions of the
 * reads and their frame times, so every rule is tested without a camera:
 * - a 1D read (Code 128, Code 39) counts only when the previous frame read the same text the
 *   same way (a partial 1D read can look valid); 2D codes carry their own error correction.
 *   Confirmation is per code: other codes coming and going in between change nothing;
 * - codes mode reads a whole sheet: every valid authorization code once per session, in the
 *   order printed on the sheet as far as the frames tell it (CodeScanSession below);
 * - MAC mode: one 12-hex-digit value, the vendor's prefix preferred when several are in view.
 */
import { parseAuthCode } from '../../../core/domain/auth-code';
import { parseMac, VENDOR_PREFIX } from '../../../core/domain/mac';
import { inReadingOrder } from './reading-order';
import { LINEAR_FORMATS, type DecodedBarcode } from './types';

/** A read that counts, with the time of the first frame of its current run of frames. */
interface ConfirmedRead {
  barcode: DecodedBarcode;
  firstSeenAt: number;
}

const readKey = (barcode: DecodedBarcode) => `${barcode.format}\u0000${barcode.text}`;

/**
 * Tracks which reads were in the previous frame. A frame in which a read is missing ends its
 * run: it must be read twice in a row again to count, and its first-seen time starts over.
 */
export class ReadConfirmer {
  private previous = new Map<string, number>();

  /** The reads of one frame that count, in reading order. */
  readFrame(barcodes: readonly DecodedBarcode[], grabbedAt: number): ConfirmedRead[] {
    const current = new Map<string, number>();
    const confirmed: ConfirmedRead[] = [];
    for (const barcode of inReadingOrder(barcodes)) {
      const key = readKey(barcode);
      if (current.has(key)) continue;
      const seenBefore = this.previous.get(key);
      const firstSeenAt = seenBefore ?? grabbedAt;
      current.set(key, firstSeenAt);
      const linear = LINEAR_FORMATS.includes(barcode.format);
      if (!linear || seenBefore !== undefined) confirmed.push({ barcode, firstSeenAt });
    }
    this.previous = current;
    return confirmed;
  }
}

/** An area of the frame that looks like a barcode but could not be read (frame pixels). */
export interface UnreadableArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * An outline for the live preview, in frame pixels: `taken` — a code already in the form;
 * `waiting` — a code read but not taken yet (a 1D read awaiting its confirming frame, or a
 * confirmed code held for one above it), or an area that looks like a barcode but was not read.
 */
export interface ScanMark {
  state: 'taken' | 'waiting';
  points: { x: number; y: number }[];
}

export interface CodeFrameResult {
  /** Codes to put into the form now, in sheet order: canonical, dashed, each once per session. */
  codes: { code: string; firstSeenAt: number }[];
  /** What to outline in the preview for this frame. */
  marks: ScanMark[];
  /**
   * A barcode that is not an authorization code (a product EAN, a URL), named only when no
   * authorization code has been read for HINT_AFTER_MS; null otherwise.
   */
  notACode: string | null;
}

/** The longest a confirmed code waits for a code above it (read once, unconfirmed) to be confirmed. */
export const HOLD_MS = 1500;
/** How long a code read once (unconfirmed) may hold back the codes after it, from its last read. */
export const PENDING_MS = 1000;
/** How long only barcodes that are not authorization codes must be seen before the panel names one. */
export const HINT_AFTER_MS = 3000;

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

const cornersOf = ({ x, y, width, height }: UnreadableArea) => [
  { x, y },
  { x: x + width, y },
  { x: x + width, y: y + height },
  { x, y: y + height },
];

function boundsOf(points: readonly { x: number; y: number }[]): UnreadableArea {
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** How much of `area` lies inside `box` (0 to 1). */
function overlapShare(area: UnreadableArea, box: UnreadableArea): number {
  const width = Math.min(area.x + area.width, box.x + box.width) - Math.max(area.x, box.x);
  const height = Math.min(area.y + area.height, box.y + box.height) - Math.max(area.y, box.y);
  if (width <= 0 || height <= 0) return 0;
  return (width * height) / Math.max(1, area.width * area.height);
}

/**
 * Codes mode: a whole sheet of codes, or one code at a time. Every barcode in the frame is
 * read; each new valid authorization code is sent once per session; codes already sent are
 * ignored however often they are seen; barcodes that are not codes are ignored (named after a
 * while of nothing else, see `notACode`).
 *
 * Sheet order across frames. Within a frame, codes are in reading order (`inReadingOrder`). A
 * sheet is panned, so the frames in which codes become confirmed differ; the rule:
 * 1. The order of two codes is what the latest frame that read both said (top to bottom, left
 *    to right). Codes never read in one frame together go in the order they were confirmed.
 * 2. A confirmed code is held, not sent, while a code that comes before it is still awaiting
 *    confirmation (read once within the last PENDING_MS), or while it was read, within the
 *    last PENDING_MS, after an area that looks like a barcode but was not read (perhaps the
 *    code before it) — for at most HOLD_MS from its confirmation. Held codes then go out
 *    together, in that order; codes confirmed in one frame go out in reading order.
 * 3. When the top row leaves the frame before it is confirmed, the rows below wait HOLD_MS for
 *    it, then go: the top row's codes land after them when the sheet is shown again. Order is
 *    best effort; every code still lands exactly once, and only once confirmed.
 */
export class CodeScanSession {
  private readonly confirmer = new ReadConfirmer();
  private readonly sent = new Set<string>();
  /** Confirmed, not yet sent, in the order confirmed: when, and the first frame of its run. */
  private readonly held = new Map<string, { since: number; firstSeenAt: number }>();
  /** Read once, not confirmed: the time of its last read. */
  private readonly pending = new Map<string, number>();
  /** When a code not sent yet was last read after an area that looks like a barcode but was not read. */
  private readonly behindAreaAt = new Map<string, number>();
  /** For each pair of codes read in one frame, the one the latest such frame put first. */
  private readonly firstOfPair = new Map<string, string>();
  /** First-seen time per code, across formats (the same code as a QR and a Code 128 is one code). */
  private firstSeen = new Map<string, number>();
  /** When an authorization code was last read (or the first frame), and the last other barcode since. */
  private lastCodeAt: number | null = null;
  private otherSince: { text: string; at: number } | null = null;

  constructor(
    private readonly timing: { holdMs: number; pendingMs: number; hintAfterMs: number } = {
      holdMs: HOLD_MS,
      pendingMs: PENDING_MS,
      hintAfterMs: HINT_AFTER_MS,
    },
  ) {}

  readFrame(barcodes: readonly DecodedBarcode[], grabbedAt: number, unreadable: readonly UnreadableArea[] = []): CodeFrameResult {
    const reads = inReadingOrder(barcodes).map((barcode) => {
      const parsed = parseAuthCode(barcode.text);
      return { barcode, code: parsed.ok ? parsed.code : null };
    });

    const seenNow = new Map<string, number>();
    for (const { code } of reads)
      if (code !== null) seenNow.set(code, Math.min(seenNow.get(code) ?? grabbedAt, this.firstSeen.get(code) ?? grabbedAt));
    this.firstSeen = seenNow;
    const inFrame = [...seenNow.keys()];
    for (let i = 0; i < inFrame.length; i++)
      for (let j = i + 1; j < inFrame.length; j++) this.firstOfPair.set(pairKey(inFrame[i]!, inFrame[j]!), inFrame[i]!);

    const confirmed = this.confirmer.readFrame(barcodes, grabbedAt);
    const confirmedCodes = new Set<string>();
    let otherText: string | null = null;
    for (const { barcode } of confirmed) {
      const parsed = parseAuthCode(barcode.text);
      if (parsed.ok) confirmedCodes.add(parsed.code);
      else otherText ??= barcode.text;
    }

    for (const code of inFrame) {
      if (this.sent.has(code) || this.held.has(code)) continue;
      if (confirmedCodes.has(code)) {
        this.pending.delete(code);
        this.held.set(code, { since: grabbedAt, firstSeenAt: seenNow.get(code) ?? grabbedAt });
      } else {
        this.pending.set(code, grabbedAt);
      }
    }
    for (const [code, lastRead] of this.pending) if (grabbedAt - lastRead > this.timing.pendingMs) this.pending.delete(code);

    // An unread area before a code may be the code before it on the sheet. Once a frame reads a
    // code not taken yet before it and no unread area, that code stands for the area.
    const behind = this.behindUnreadable(reads, unreadable);
    inFrame.forEach((code, index) => {
      if (this.sent.has(code)) return;
      if (behind.has(code)) this.behindAreaAt.set(code, grabbedAt);
      else if (inFrame.slice(0, index).some((earlier) => !this.sent.has(earlier))) this.behindAreaAt.delete(code);
    });
    const codes = this.release(grabbedAt);

    const marks: ScanMark[] = [];
    for (const { barcode, code } of reads) {
      if (code === null || !barcode.position || barcode.position.length === 0) continue;
      marks.push({ state: this.sent.has(code) ? 'taken' : 'waiting', points: barcode.position });
    }
    for (const area of unreadable) marks.push({ state: 'waiting', points: cornersOf(area) });

    return { codes, marks, notACode: this.hint(grabbedAt, inFrame.length > 0, otherText) };
  }

  /** Whether `a` comes before `b` on the sheet, as far as a frame that read both said. */
  private before(a: string, b: string): boolean | null {
    const first = this.firstOfPair.get(pairKey(a, b));
    return first === undefined ? null : first === a;
  }

  /**
   * The codes of this frame that come after an area that looks like a barcode but was not read
   * (perhaps the code before them on the sheet). Areas over a barcode that was read do not count.
   */
  private behindUnreadable(reads: { barcode: DecodedBarcode; code: string | null }[], unreadable: readonly UnreadableArea[]): Set<string> {
    const behind = new Set<string>();
    const readBoxes = reads.flatMap(({ barcode }) => (barcode.position?.length ? [boundsOf(barcode.position)] : []));
    const areas = unreadable.filter((area) => !readBoxes.some((box) => overlapShare(area, box) >= 0.5));
    if (areas.length === 0) return behind;
    const placed = [
      ...reads.map(({ barcode, code }) => ({ ...barcode, code })),
      ...areas.map((area) => ({ text: '', format: 'QRCode' as const, position: cornersOf(area), code: null, area: true })),
    ];
    let afterArea = false;
    for (const entry of inReadingOrder(placed)) {
      if ('area' in entry) afterArea = true;
      else if (afterArea && entry.code !== null) behind.add(entry.code);
    }
    return behind;
  }

  private release(now: number): CodeFrameResult['codes'] {
    // In the order confirmed (and reading order within a frame), then by what frames said of each pair.
    const queue = [...this.held.keys()].sort((a, b) => {
      const aFirst = this.before(a, b);
      return aFirst === null ? 0 : aFirst ? -1 : 1;
    });
    const out: CodeFrameResult['codes'] = [];
    for (const code of queue) {
      const held = this.held.get(code)!;
      const waiting =
        now - held.since < this.timing.holdMs &&
        (now - (this.behindAreaAt.get(code) ?? Number.NEGATIVE_INFINITY) <= this.timing.pendingMs ||
          [...this.pending.keys()].some((other) => this.before(other, code) === true));
      // The codes after a held one wait with it, so they still land after it.
      if (waiting) break;
      this.held.delete(code);
      this.behindAreaAt.delete(code);
      this.sent.add(code);
      out.push({ code, firstSeenAt: held.firstSeenAt });
    }
    return out;
  }

  private hint(now: number, codeRead: boolean, otherText: string | null): string | null {
    if (codeRead || this.lastCodeAt === null) {
      this.lastCodeAt = now;
      this.otherSince = null;
      if (codeRead) return null;
    }
    if (otherText !== null) this.otherSince = { text: otherText, at: now };
    const other = this.otherSince;
    if (!other || now - other.at > this.timing.hintAfterMs) return null;
    return now - this.lastCodeAt >= this.timing.hintAfterMs ? other.text : null;
  }
}

export type MacScanEvent =
  /** The MAC read: 12 upper-case hex digits. */
  | { kind: 'mac'; mac: string; firstSeenAt: number }
  /** A barcode that is not a MAC address (said once per text). */
  | { kind: 'notAMac'; text: string };

/**
 * How long a MAC without the vendor prefix must stay in view, alone, before it is taken: a
 * device label often carries other 12-digit numbers (serials), and the vendor's MAC beside them
 * may be read a frame or two later.
 */
export const OTHER_VENDOR_WAIT_MS = 700;

/** MAC mode: one MAC, then nothing more. */
export class MacScanSession {
  private readonly confirmer = new ReadConfirmer();
  private readonly reported = new Set<string>();
  private done = false;

  constructor(private readonly otherVendorWaitMs = OTHER_VENDOR_WAIT_MS) {}

  readFrame(barcodes: readonly DecodedBarcode[], grabbedAt: number): MacScanEvent[] {
    const confirmed = this.confirmer.readFrame(barcodes, grabbedAt);
    if (this.done) return [];
    const macs: { mac: string; firstSeenAt: number }[] = [];
    const events: MacScanEvent[] = [];
    for (const { barcode, firstSeenAt } of confirmed) {
      const parsed = parseMac(barcode.text);
      // Six digits alone are a valid typed MAC (the prefix is added), but on a label they are
      // as likely part of something else.
      if (parsed.ok && !parsed.prefixAdded) macs.push({ mac: parsed.mac, firstSeenAt });
      else if (!this.reported.has(barcode.text)) {
        this.reported.add(barcode.text);
        events.push({ kind: 'notAMac', text: barcode.text });
      }
    }
    const vendor = macs.find((read) => read.mac.startsWith(VENDOR_PREFIX));
    const other = macs.find((read) => grabbedAt - read.firstSeenAt >= this.otherVendorWaitMs);
    const taken = vendor ?? other;
    if (!taken) return events;
    this.done = true;
    return [{ kind: 'mac', mac: taken.mac, firstSeenAt: taken.firstSeenAt }];
  }
}
