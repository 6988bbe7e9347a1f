import { inReadingOrder } from '../../../renderer/src/scan/reading-order';
import {
  CodeScanSession,
  HINT_AFTER_MS,
  HOLD_MS,
  MacScanSession,
  OTHER_VENDOR_WAIT_MS,
  PENDING_MS,
  ReadConfirmer,
  type CodeFrameResult,
  type UnreadableArea,
} from '../../../renderer/src/scan/scan-session';
import type { BarcodeFormat, DecodedBarcode } from '../../../renderer/src/scan/types';

const CODE_A = '43XC98-68WTGB-CWMH53-YS4RA9';
const CODE_B = 'K7PQ2M-9ZR4TD-W8N3VB-6HJ5XC';
const CODE_C = 'M2VB8N-Q4WX7R-T9KD3F-P6LZ5H';

const read = (text: string, format: BarcodeFormat, y?: number, x = 0): DecodedBarcode =>
  y === undefined
    ? { text, format }
    : {
        text,
        format,
        position: [
          { x, y },
          { x: x + 100, y },
          { x: x + 100, y: y + 40 },
          { x, y: y + 40 },
        ],
      };
const qr = (text: string, y?: number, x?: number) => read(text, 'QRCode', y, x);
const code128 = (text: string, y?: number, x?: number) => read(text, 'Code128', y, x);

/** Feeds frames 100 ms apart (frame i grabbed at i × 100) and collects every event. */
function run<E>(session: { readFrame(barcodes: readonly DecodedBarcode[], grabbedAt: number): E[] }, frames: DecodedBarcode[][]): E[] {
  return frames.flatMap((barcodes, index) => session.readFrame(barcodes, index * 100));
}

/** Feeds frames 100 ms apart to a codes-mode session and collects the codes it sends, in order. */
function codesOf(session: CodeScanSession, frames: DecodedBarcode[][]): string[] {
  return frames.flatMap((barcodes, index) => session.readFrame(barcodes, index * 100).codes.map((entry) => entry.code));
}

describe('codes mode: which reads reach the form', () => {
  const cases: { name: string; frames: DecodedBarcode[][]; codes: string[] }[] = [
    { name: 'a QR code counts on its first read', frames: [[qr(CODE_A)]], codes: [CODE_A] },
    { name: 'a Data Matrix counts on its first read', frames: [[read(CODE_A, 'DataMatrix')]], codes: [CODE_A] },
    { name: 'a Code 128 read once does not count', frames: [[code128(CODE_A)]], codes: [] },
    {
      name: 'a Code 128 read in two consecutive frames counts once',
      frames: [[code128(CODE_A)], [code128(CODE_A)], [code128(CODE_A)]],
      codes: [CODE_A],
    },
    {
      name: 'a Code 39 read twice with a frame between does not count',
      frames: [[read(CODE_A, 'Code39')], [], [read(CODE_A, 'Code39')]],
      codes: [],
    },
    {
      name: 'two different 1D reads in a row (one partial) confirm neither',
      frames: [[code128('43XC9868WTGBCWMH53YS4RA9')], [code128('43XC9868WTGBCWMH53YS4RA8')]],
      codes: [],
    },
    { name: 'lower case and without dashes: sent canonical', frames: [[qr('43xc98 68wtgb cwmh53 ys4ra9')]], codes: [CODE_A] },
    {
      name: 'the same code seen again later in the session is not re-sent',
      frames: [[qr(CODE_A)], [], [], [qr(CODE_A)], [qr(CODE_B)]],
      codes: [CODE_A, CODE_B],
    },
    {
      name: 'the same code as QR and Code 128 in one view is one code',
      frames: [
        [qr(CODE_A), code128(CODE_A)],
        [qr(CODE_A), code128(CODE_A)],
      ],
      codes: [CODE_A],
    },
    {
      name: 'several in view: sent top to bottom, whatever the decoder order',
      frames: [[qr(CODE_C, 300), qr(CODE_A, 10), qr(CODE_B, 150)]],
      codes: [CODE_A, CODE_B, CODE_C],
    },
    { name: 'codes side by side: left to right', frames: [[qr(CODE_B, 12, 400), qr(CODE_A, 10, 20)]], codes: [CODE_A, CODE_B] },
    {
      name: 'a barcode that is not a code is never sent',
      frames: [[qr('HELLO')], [code128('000ADD023F8F')], [code128('000ADD023F8F')]],
      codes: [],
    },
  ];
  it.each(cases)('$name', ({ frames, codes }) => {
    expect(codesOf(new CodeScanSession(), frames)).toEqual(codes);
  });

  it('first seen is the first frame of the current run, for the latency measure', () => {
    const session = new CodeScanSession();
    expect(session.readFrame([code128(CODE_A)], 1000).codes).toEqual([]);
    expect(session.readFrame([code128(CODE_A)], 1150).codes).toEqual([{ code: CODE_A, firstSeenAt: 1000 }]);

    // A gap starts the run over.
    session.readFrame([code128(CODE_B)], 2000);
    session.readFrame([], 2100);
    session.readFrame([code128(CODE_B)], 2200);
    expect(session.readFrame([code128(CODE_B)], 2300).codes).toEqual([{ code: CODE_B, firstSeenAt: 2200 }]);
  });

  it('first seen counts any format of the code (a partial Code 128 read before the QR)', () => {
    const session = new CodeScanSession();
    session.readFrame([code128(CODE_A)], 500);
    expect(session.readFrame([qr(CODE_A)], 600).codes).toEqual([{ code: CODE_A, firstSeenAt: 500 }]);
  });
});

/** Ten different codes, as a sheet prints them: two per row, five rows. */
const SHEET = Array.from({ length: 10 }, (_, i) => `${String.fromCharCode(65 + i).repeat(5)}${i}-${'K7PQ2M-9ZR4TD-W8N3VB'}`);
/** Code `i` of the sheet as Code 128, with the sheet `offset` pixels up the frame (rows 150 px apart). */
const onSheet = (i: number, offset = 0) => code128(SHEET[i]!.replace(/-/g, ''), Math.floor(i / 2) * 150 - offset, (i % 2) * 600);

describe('codes mode: a whole sheet', () => {
  it('ten Code 128 codes in one frame, confirmed in the next: all ten, in sheet order, whatever the decoder order', () => {
    const shuffled = [7, 2, 9, 0, 4, 1, 8, 3, 6, 5];
    const session = new CodeScanSession();
    expect(
      session.readFrame(
        shuffled.map((i) => onSheet(i)),
        0,
      ).codes,
    ).toEqual([]);
    const sent = session.readFrame(
      shuffled.reverse().map((i) => onSheet(i)),
      100,
    ).codes;
    expect(sent.map((entry) => entry.code)).toEqual(SHEET);
    expect(sent.every((entry) => entry.firstSeenAt === 0)).toBe(true);
  });

  it('confirmation is per code: a code in two consecutive frames counts while others come and go', () => {
    const frames = [
      [onSheet(0), onSheet(1)],
      // Code 2 appears, code 1 is missed: code 0 is confirmed (code 1 comes after it).
      [onSheet(0), onSheet(2)],
      // Code 1 is back: a new run, not confirmed. Code 2 is confirmed, but waits for code 1, before it.
      [onSheet(1), onSheet(2)],
      // Code 1 confirmed: both go, in sheet order.
      [onSheet(1)],
    ];
    expect(codesOf(new CodeScanSession(), frames)).toEqual([SHEET[0], SHEET[1], SHEET[2]]);
  });

  it('a code read wrongly once never lands, the right read of it does', () => {
    const wrong = code128('K7PQ2M9ZR4TDW8N3VB6HJ5XD', 300);
    const right = code128(CODE_B.replace(/-/g, ''), 300);
    expect(codesOf(new CodeScanSession(), [[wrong, onSheet(0)], [right, onSheet(0)], [right]])).toEqual([SHEET[0], CODE_B]);
  });

  it('codes already taken are ignored however often they are seen, as the sheet is panned up, down and up again', () => {
    // The sheet comes in at the bottom of a 400 px high view and leaves at the top, 50 px a frame.
    const up = Array.from({ length: 25 }, (_, i) => -400 + 50 * i);
    const pan = [...up, ...[...up].reverse(), ...up];
    const frames = pan.map((offset) =>
      SHEET.map((_, i) => onSheet(i, offset)).filter((barcode) => barcode.position![0]!.y >= 0 && barcode.position![2]!.y < 400),
    );
    expect(codesOf(new CodeScanSession(), frames)).toEqual(SHEET);
  });

  it('a code confirmed below one read once waits for it, so the two land in sheet order', () => {
    const session = new CodeScanSession();
    // Row 2 was read in the frame before; row 1 comes into view (read once) as row 2 is confirmed.
    session.readFrame([onSheet(2)], 0);
    expect(session.readFrame([onSheet(0), onSheet(2)], 100).codes).toEqual([]);
    expect(session.readFrame([onSheet(0), onSheet(2)], 200).codes.map((entry) => entry.code)).toEqual([SHEET[0], SHEET[2]]);
  });

  it('the right-hand code confirmed before the left-hand one of its row waits for it', () => {
    const session = new CodeScanSession();
    session.readFrame([onSheet(1)], 0);
    expect(session.readFrame([onSheet(0), onSheet(1)], 100).codes).toEqual([]);
    expect(session.readFrame([onSheet(1), onSheet(0)], 200).codes.map((entry) => entry.code)).toEqual([SHEET[0], SHEET[1]]);
  });

  it('a code after the confirmed one does not hold it back', () => {
    const session = new CodeScanSession();
    session.readFrame([onSheet(0)], 0);
    expect(session.readFrame([onSheet(0), onSheet(2)], 100).codes.map((entry) => entry.code)).toEqual([SHEET[0]]);
  });

  it('when the top row leaves the frame unconfirmed, the rows below wait for it (PENDING_MS, at most HOLD_MS), then go; it lands when seen again', () => {
    const session = new CodeScanSession();
    session.readFrame([onSheet(2), onSheet(3)], 0);
    // Row 1 read once as it leaves the top of the frame; row 2 confirmed and held for it.
    expect(session.readFrame([onSheet(0), onSheet(2), onSheet(3)], 100).codes).toEqual([]);
    const sentAt: [number, string[]][] = [];
    for (let at = 200; at <= 100 + HOLD_MS + 100; at += 100) {
      const sent = session.readFrame([onSheet(2), onSheet(3)], at).codes.map((entry) => entry.code);
      if (sent.length > 0) sentAt.push([at, sent]);
    }
    const released = 100 + Math.min(HOLD_MS, 100 * (Math.floor(PENDING_MS / 100) + 1));
    expect(sentAt).toEqual([[released, [SHEET[2], SHEET[3]]]]);
    // The sheet is shown again from the top.
    session.readFrame([onSheet(0), onSheet(1)], 5000);
    expect(session.readFrame([onSheet(0), onSheet(1)], 5100).codes.map((entry) => entry.code)).toEqual([SHEET[0], SHEET[1]]);
  });

  it('a code read after an area that looks like a barcode but was not read waits for it (that frame or the one before)', () => {
    const session = new CodeScanSession();
    const area = { x: 0, y: 0, width: 560, height: 40 };
    session.readFrame([onSheet(1)], 0, [area]);
    // Confirmed; the area before it is not in this frame, but was within PENDING_MS.
    expect(session.readFrame([onSheet(1)], 100).codes).toEqual([]);
    // The area is read now: code 0, left of code 1.
    expect(session.readFrame([onSheet(0), onSheet(1)], 200).codes).toEqual([]);
    expect(session.readFrame([onSheet(0), onSheet(1)], 300).codes.map((entry) => entry.code)).toEqual([SHEET[0], SHEET[1]]);
  });

  it('an area after the code, or one over a code that was read, holds nothing back', () => {
    const session = new CodeScanSession();
    session.readFrame([onSheet(0), onSheet(2)], 0);
    const below = { x: 0, y: 400, width: 560, height: 40 };
    const overCode0 = { x: 5, y: 2, width: 90, height: 36 };
    expect(session.readFrame([onSheet(0), onSheet(2)], 100, [overCode0, below]).codes.map((entry) => entry.code)).toEqual([
      SHEET[0],
      SHEET[2],
    ]);
  });

  it('an area that is never read (a logo, a damaged code) holds the codes after it back HOLD_MS at most', () => {
    const session = new CodeScanSession();
    const logo = { x: 0, y: -100, width: 300, height: 60 };
    let releasedAt: number | null = null;
    for (let at = 0; at <= HOLD_MS + 300 && releasedAt === null; at += 100)
      if (session.readFrame([onSheet(0)], at, [logo]).codes.length > 0) releasedAt = at;
    expect(releasedAt).toBe(100 + HOLD_MS);
  });

  it('a sheet panned past the camera, a tenth of the reads missed (most seen as unreadable areas): every code once, in sheet order', () => {
    // 300 px between rows, 60 px high codes; 1820 px of travel in 64 frames, 125 ms apart.
    for (let seed = 1; seed <= 40; seed++) {
      let state = seed;
      const random = () => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state / 2147483648;
      };
      const session = new CodeScanSession();
      const sent: string[] = [];
      for (let frame = 0; frame < 64; frame++) {
        const offset = -720 + (1820 * frame) / 64;
        const barcodes: DecodedBarcode[] = [];
        const unreadable: UnreadableArea[] = [];
        for (let i = 0; i < SHEET.length; i++) {
          const y = Math.floor(i / 2) * 220 - offset;
          if (y < 0 || y + 60 >= 720) continue;
          const x = (i % 2) * 640;
          if (random() > 0.1) barcodes.push(read(SHEET[i]!.replace(/-/g, ''), 'Code128', y, x));
          else if (random() < 0.8) unreadable.push({ x, y, width: 100, height: 40 });
        }
        sent.push(...session.readFrame(barcodes, frame * 125, unreadable).codes.map((entry) => entry.code));
      }
      expect({ seed, sent }).toEqual({ seed, sent: SHEET });
    }
  });

  it('a code read once and not again for PENDING_MS no longer holds back a code after it', () => {
    const session = new CodeScanSession();
    session.readFrame([onSheet(0), onSheet(2)], 0);
    session.readFrame([], 100);
    session.readFrame([onSheet(2)], PENDING_MS + 100);
    expect(session.readFrame([onSheet(2)], PENDING_MS + 200).codes.map((entry) => entry.code)).toEqual([SHEET[2]]);
  });

  it('codes confirmed in different frames and never seen together go in the order confirmed', () => {
    expect(codesOf(new CodeScanSession(), [[onSheet(4)], [onSheet(4)], [onSheet(0)], [onSheet(0)]])).toEqual([SHEET[4], SHEET[0]]);
  });
});

describe('codes mode: outlines for the preview', () => {
  it('green round codes taken, amber round codes awaiting confirmation or held and round unreadable areas; nothing round other barcodes', () => {
    const session = new CodeScanSession();
    const states = (result: CodeFrameResult) => result.marks.map((mark) => mark.state);
    expect(states(session.readFrame([onSheet(0), qr('https://example.com', 500)], 0, [{ x: 10, y: 600, width: 300, height: 50 }]))).toEqual(
      ['waiting', 'waiting'],
    );
    const second = session.readFrame([onSheet(0), onSheet(2)], 100);
    expect(states(second)).toEqual(['taken', 'waiting']);
    expect(second.marks[0]!.points).toEqual(onSheet(0).position);
    expect(session.readFrame([onSheet(0), onSheet(2)], 200, [{ x: 10, y: 600, width: 300, height: 50 }]).marks).toEqual([
      { state: 'taken', points: onSheet(0).position },
      { state: 'taken', points: onSheet(2).position },
      {
        state: 'waiting',
        points: [
          { x: 10, y: 600 },
          { x: 310, y: 600 },
          { x: 310, y: 650 },
          { x: 10, y: 650 },
        ],
      },
    ]);
  });

  it('a code already taken that comes back is green at once', () => {
    const session = new CodeScanSession();
    session.readFrame([qr(CODE_A, 0)], 0);
    session.readFrame([], 100);
    expect(session.readFrame([code128(CODE_A, 0)], 200).marks.map((mark) => mark.state)).toEqual(['taken']);
  });
});

describe('codes mode: barcodes that are not codes', () => {
  const hints = (frames: [number, DecodedBarcode[]][]) => {
    const session = new CodeScanSession();
    return frames.map(([at, barcodes]) => session.readFrame(barcodes, at).notACode);
  };

  it('are ignored silently until nothing else has been found for HINT_AFTER_MS, then one is named', () => {
    expect(
      hints([
        [0, [qr('https://example.com')]],
        [1000, [qr('https://example.com')]],
        [HINT_AFTER_MS - 1, [qr('https://example.com')]],
        [HINT_AFTER_MS, [qr('https://example.com')]],
        [HINT_AFTER_MS + 100, []],
      ]),
    ).toEqual([null, null, null, 'https://example.com', 'https://example.com']);
  });

  it('an authorization code in view (even one already taken) keeps the hint away, and clears it', () => {
    expect(
      hints([
        [0, [qr('https://example.com')]],
        [HINT_AFTER_MS, [qr('https://example.com')]],
        [HINT_AFTER_MS + 100, [qr('https://example.com'), qr(CODE_A)]],
        [HINT_AFTER_MS + 200, [qr('https://example.com'), qr(CODE_A)]],
        [2 * HINT_AFTER_MS + 100, [qr('https://example.com')]],
        [2 * HINT_AFTER_MS + 200, [qr('https://example.com')]],
      ]),
    ).toEqual([null, 'https://example.com', null, null, null, 'https://example.com']);
  });

  it('a 1D barcode is named only once read twice in a row; an empty view names nothing', () => {
    expect(
      hints([
        [0, []],
        [HINT_AFTER_MS, [code128('4006381333931')]],
        [HINT_AFTER_MS + 100, [code128('4006381333931')]],
      ]),
    ).toEqual([null, null, '4006381333931']);
    expect(
      hints([
        [0, []],
        [HINT_AFTER_MS, []],
        [2 * HINT_AFTER_MS, []],
      ]),
    ).toEqual([null, null, null]);
  });

  it('the hint goes once the other barcode has not been seen for HINT_AFTER_MS', () => {
    expect(
      hints([
        [0, [qr('HELLO')]],
        [HINT_AFTER_MS, [qr('HELLO')]],
        [2 * HINT_AFTER_MS, []],
        [2 * HINT_AFTER_MS + 1, []],
      ]),
    ).toEqual([null, 'HELLO', 'HELLO', null]);
  });
});

describe('MAC mode: one MAC, the vendor prefix preferred', () => {
  const VENDOR = '000ADD023F8F';
  const OTHER = 'A1B2C3D4E5F6';
  const cases: { name: string; frames: DecodedBarcode[][]; mac: string | null }[] = [
    { name: 'the vendor MAC as Code 128, read twice', frames: [[code128(VENDOR)], [code128(VENDOR)]], mac: VENDOR },
    { name: 'a Code 128 MAC read once is not taken', frames: [[code128(VENDOR)], []], mac: null },
    { name: 'colons and lower case in a QR', frames: [[qr('00:0a:dd:02:3f:8f')]], mac: VENDOR },
    {
      name: 'with a decoy above it, the vendor MAC is taken',
      frames: [
        [code128(OTHER, 10), code128(VENDOR, 200)],
        [code128(OTHER, 10), code128(VENDOR, 200)],
      ],
      mac: VENDOR,
    },
    {
      name: 'another vendor’s MAC alone is taken once it has stayed in view',
      frames: Array.from({ length: OTHER_VENDOR_WAIT_MS / 100 + 1 }, () => [code128(OTHER)]),
      mac: OTHER,
    },
    { name: 'another vendor’s MAC is not taken at once', frames: [[code128(OTHER)], [code128(OTHER)]], mac: null },
    {
      name: 'the vendor MAC read after a decoy, within the wait, wins',
      frames: [[code128(OTHER)], [code128(OTHER)], [code128(OTHER), code128(VENDOR)], [code128(OTHER), code128(VENDOR)]],
      mac: VENDOR,
    },
    { name: 'six hex digits alone are not a MAC on a label', frames: [[qr('023F8F')]], mac: null },
    { name: 'an authorization code is not a MAC', frames: [[qr(CODE_A)]], mac: null },
  ];
  it.each(cases)('$name', ({ frames, mac }) => {
    const macs = run(new MacScanSession(), frames).flatMap((event) => (event.kind === 'mac' ? [event.mac] : []));
    expect(macs).toEqual(mac === null ? [] : [mac]);
  });

  it('after the MAC is taken nothing more is reported', () => {
    const session = new MacScanSession();
    expect(session.readFrame([qr(VENDOR)], 0)).toHaveLength(1);
    expect(session.readFrame([qr('001122334455'), qr('HELLO')], 100)).toEqual([]);
  });

  it('says once that a barcode is not a MAC', () => {
    expect(run(new MacScanSession(), [[qr('HELLO')], [qr('HELLO')]])).toEqual([{ kind: 'notAMac', text: 'HELLO' }]);
  });
});

describe('two consecutive reads', () => {
  it('a 1D read counts from its second consecutive frame on, a 2D read from its first', () => {
    const confirmer = new ReadConfirmer();
    const texts = (barcodes: DecodedBarcode[], at: number) =>
      confirmer.readFrame(barcodes, at).map((r) => `${r.barcode.format}:${r.barcode.text}@${r.firstSeenAt}`);
    expect(texts([code128('X'), qr('Y')], 0)).toEqual(['QRCode:Y@0']);
    expect(texts([code128('X'), qr('Y')], 100)).toEqual(['Code128:X@0', 'QRCode:Y@0']);
    // The same text in another 1D format is another read.
    expect(texts([read('X', 'Code39')], 200)).toEqual([]);
  });
});

describe('reading order', () => {
  it('rows top to bottom, left to right within a row; unplaced reads last in decoder order', () => {
    const ordered = inReadingOrder([
      qr('unplaced-1'),
      qr('row2-right', 200, 500),
      qr('row1', 0, 300),
      qr('row2-left', 210, 10),
      qr('unplaced-2'),
    ]);
    expect(ordered.map((barcode) => barcode.text)).toEqual(['row1', 'row2-left', 'row2-right', 'unplaced-1', 'unplaced-2']);
  });
});
