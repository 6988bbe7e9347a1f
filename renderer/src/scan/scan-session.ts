/**
 * What the camera panel does with the barcodes decoded in each frame, as pure functions of the
 * reads and their frame times, so every rule is tested without a camera:
 * - a 1D read (Code 128, Code 39) counts only when the previous frame read the same text the
 *   same way (a partial 1D read can look valid); 2D codes carry their own error correction;
 * - codes mode: every valid authorization code once per session, in reading order;
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

export type CodeScanEvent =
  /** A valid authorization code not sent before in this session: canonical, dashed. */
  | { kind: 'code'; code: string; firstSeenAt: number }
  /** A barcode that is not an authorization code (said once per text). */
  | { kind: 'notACode'; text: string };

/** Codes mode: every new valid authorization code, once per session. */
export class CodeScanSession {
  private readonly confirmer = new ReadConfirmer();
  private readonly sent = new Set<string>();
  private readonly reported = new Set<string>();
  /** First-seen time per code, across formats (the same code as a QR and a Code 128 is one code). */
  private firstSeen = new Map<string, number>();

  readFrame(barcodes: readonly DecodedBarcode[], grabbedAt: number): CodeScanEvent[] {
    const events: CodeScanEvent[] = [];
    const seenNow = new Map<string, number>();
    for (const barcode of barcodes) {
      const parsed = parseAuthCode(barcode.text);
      if (parsed.ok)
        seenNow.set(parsed.code, Math.min(seenNow.get(parsed.code) ?? grabbedAt, this.firstSeen.get(parsed.code) ?? grabbedAt));
    }
    this.firstSeen = seenNow;

    for (const { barcode } of this.confirmer.readFrame(barcodes, grabbedAt)) {
      const parsed = parseAuthCode(barcode.text);
      if (!parsed.ok) {
        if (!this.reported.has(barcode.text)) {
          this.reported.add(barcode.text);
          events.push({ kind: 'notACode', text: barcode.text });
        }
        continue;
      }
      if (this.sent.has(parsed.code)) continue;
      this.sent.add(parsed.code);
      events.push({ kind: 'code', code: parsed.code, firstSeenAt: seenNow.get(parsed.code) ?? grabbedAt });
    }
    return events;
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
