/**
 * Issue 10, "Scan a whole sheet": the default decoder reads every code of a printed sheet in one
 * 720p frame, small ones too, says where each is, and points at codes it sees but cannot read.
 * Real decodes of generated pictures (bench/sheet-corpus.ts, bench/barcode-corpus.ts).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { composeFrame, drawSymbol, emptyFrame, seededRandom, type Symbol as DrawnSymbol } from '../../../bench/barcode-corpus';
import { type Point, sheetFrame } from '../../../bench/sheet-corpus';
import { createMultipassDecoder } from '../../../core/barcode/multipass';
import type { BarcodeFormat, FrameRegion } from '../../../core/barcode/types';

const decoder = createMultipassDecoder({
  binary: fs.readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm')),
});

/** Whether `point` is inside the convex outline `corners`, or within `slack` pixels of it. */
function within(point: Point, corners: readonly Point[], slack: number): boolean {
  const cx = corners.reduce((sum, p) => sum + p.x, 0) / corners.length;
  const cy = corners.reduce((sum, p) => sum + p.y, 0) / corners.length;
  return corners.every((a, i) => {
    const b = corners[(i + 1) % corners.length]!;
    const side = (x: number, y: number) => ((b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x)) / Math.hypot(b.x - a.x, b.y - a.y);
    return side(point.x, point.y) * Math.sign(side(cx, cy)) >= -slack;
  });
}

const overlaps = (box: FrameRegion, x0: number, y0: number, x1: number, y1: number) =>
  box.x < x1 && x0 < box.x + box.width && box.y < y1 && y0 < box.y + box.height;

describe('the default decoder on a sheet of codes', () => {
  it('reads all six small codes of a sheet (Code 128 at 1.5–1.75 px per module, PDF417, QR, Data Matrix), each outlined inside its true box', async () => {
    const sheet = await sheetFrame('sheet', 'small', seededRandom(6));
    expect(new Set(sheet.expected.map((symbol) => symbol.format))).toEqual(new Set(['Code128', 'PDF417', 'QRCode', 'DataMatrix']));

    const { barcodes, unreadable } = await decoder.decodeDetailed(sheet.frame);

    expect(barcodes.map((b) => `${b.format} ${b.text}`).sort()).toEqual(sheet.expected.map((s) => `${s.format} ${s.text}`).sort());
    for (const barcode of barcodes) {
      const symbol = sheet.expected.find((s) => s.text === barcode.text)!;
      expect(barcode.position, barcode.text).toHaveLength(4);
      for (const corner of barcode.position!)
        expect(within(corner, symbol.corners, 4), `${barcode.text} corner ${JSON.stringify(corner)}`).toBe(true);
    }
    expect(unreadable).toEqual([]);
  }, 30_000);

  it('decode answers the same codes as decodeDetailed', async () => {
    const sheet = await sheetFrame('sheet', 'clean', seededRandom(10));
    const detailed = await decoder.decodeDetailed(sheet.frame);
    expect(detailed.barcodes.length).toBeGreaterThanOrEqual(3);
    expect(await decoder.decode(sheet.frame)).toEqual(detailed.barcodes);
  }, 30_000);
});

describe('codes it sees but cannot read', () => {
  it('a frame without a code: nothing read, nothing unreadable', async () => {
    await expect(decoder.decodeDetailed(emptyFrame())).resolves.toEqual({ barcodes: [], unreadable: [] });
  });

  it('a damaged Code 128 (its middle overprinted with stray bars): nothing read, and its area reported unreadable', async () => {
    const symbol = await drawSymbol('Code128', '43XC98-68WTGB-CWMH53-YS4RA9', { heightMm: 10 });
    const random = seededRandom(21);
    const gray = Uint8Array.from(symbol.gray);
    // Bars of random widths over the middle third: still bars, no longer a code.
    for (let x = Math.floor(symbol.width / 3); x < (2 * symbol.width) / 3; x++) {
      const ink = random() < 0.5 ? 0 : 255;
      for (let y = 0; y < symbol.height; y++) gray[y * symbol.width + x] = ink;
    }
    const damaged: DrawnSymbol = { ...symbol, gray };
    const moduleSize = 2;
    const frame = composeFrame([{ symbol: damaged, moduleSize, angle: 0, centerX: 640, centerY: 360 }], {
      blurSigma: 0.5,
      noise: 3,
      random,
    });

    const { barcodes, unreadable } = await decoder.decodeDetailed(frame);

    expect(barcodes).toEqual([]);
    const [x0, x1] = [640 - (symbol.width * moduleSize) / 2, 640 + (symbol.width * moduleSize) / 2];
    const [y0, y1] = [360 - (symbol.height * moduleSize) / 2, 360 + (symbol.height * moduleSize) / 2];
    expect(unreadable.some((box) => overlaps(box, x0, y0, x1, y1))).toBe(true);
  }, 30_000);
});

describe('small codes, alone in a 1280×720 frame (slightly out of focus, sensor noise)', () => {
  const cases: { size: string; format: BarcodeFormat; text: string; moduleSize?: number; width?: number; columns?: number }[] = [
    { size: '1.5 px per module', format: 'Code128', text: '43XC98-68WTGB-CWMH53-YS4RA9', moduleSize: 1.5 },
    { size: '1.5 px per module', format: 'Code128', text: '43XC9868WTGBCWMH53YS4RA9', moduleSize: 1.5 },
    { size: '150 px wide', format: 'QRCode', text: '43XC98-68WTGB-CWMH53-YS4RA9', width: 150 },
    { size: '150 px wide', format: 'DataMatrix', text: '43XC98-68WTGB-CWMH53-YS4RA9', width: 150 },
    { size: '150 px wide (1.46 px per module)', format: 'PDF417', text: '43XC98-68WTGB-CWMH53-YS4RA9', width: 150, columns: 2 },
  ];

  it.each(cases)(
    '$format $text, $size',
    async ({ format, text, moduleSize, width, columns }) => {
      const symbol = await drawSymbol(format, text, { heightMm: 12, columns });
      const size = moduleSize ?? ((width ?? 150) * symbol.modulePixels) / symbol.width;
      const frame = composeFrame([{ symbol, moduleSize: size, angle: 1.5, centerX: 500, centerY: 300 }], {
        blurSigma: 0.5,
        noise: 3,
        random: seededRandom(8),
      });
      const barcodes = await decoder.decode(frame);
      expect(barcodes.map((b) => `${b.format} ${b.text}`)).toEqual([`${format} ${text}`]);
    },
    30_000,
  );
});
