import { inReadingOrder } from '../../../renderer/src/scan/reading-order';
import { CodeScanSession, MacScanSession, OTHER_VENDOR_WAIT_MS, ReadConfirmer } from '../../../renderer/src/scan/scan-session';
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
    const events = run(new CodeScanSession(), frames);
    expect(events.flatMap((event) => (event.kind === 'code' ? [event.code] : []))).toEqual(codes);
  });

  it('a barcode that is not an authorization code is reported once (1D only once confirmed)', () => {
    const events = run(new CodeScanSession(), [[code128('ABC')], [code128('ABC')], [code128('ABC')], [qr('HELLO')], [qr('HELLO')]]);
    expect(events).toEqual([
      { kind: 'notACode', text: 'ABC' },
      { kind: 'notACode', text: 'HELLO' },
    ]);
  });

  it('first seen is the first frame of the current run, for the latency measure', () => {
    const session = new CodeScanSession();
    expect(session.readFrame([code128(CODE_A)], 1000)).toEqual([]);
    expect(session.readFrame([code128(CODE_A)], 1150)).toEqual([{ kind: 'code', code: CODE_A, firstSeenAt: 1000 }]);

    // A gap starts the run over.
    session.readFrame([code128(CODE_B)], 2000);
    session.readFrame([], 2100);
    session.readFrame([code128(CODE_B)], 2200);
    expect(session.readFrame([code128(CODE_B)], 2300)).toEqual([{ kind: 'code', code: CODE_B, firstSeenAt: 2200 }]);
  });

  it('first seen counts any format of the code (a partial Code 128 read before the QR)', () => {
    const session = new CodeScanSession();
    session.readFrame([code128(CODE_A)], 500);
    expect(session.readFrame([qr(CODE_A)], 600)).toEqual([{ kind: 'code', code: CODE_A, firstSeenAt: 500 }]);
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
