import fs from 'node:fs';
import { createRequire } from 'node:module';
import { createDecoder, DECODER_NAMES, DEFAULT_DECODER, type DecoderEnvironment } from '../../../core/barcode';
import type { BarcodeDecoder, DecodedBarcode } from '../../../core/barcode/types';
import {
  cleanCorpus,
  composeFrame,
  degradedCorpus,
  drawSymbol,
  emptyFrame,
  seededRandom,
  type CorpusFrame,
} from '../../../bench/barcode-corpus';

// In Node the .wasm is read from node_modules, as the app's worker fetches its bundled copy.
const environment: DecoderEnvironment = {
  zxingWasm: { binary: fs.readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm')) },
};

const readings = (barcodes: DecodedBarcode[]) => barcodes.map((b) => `${b.format} ${b.text}`).sort();
const expectedReadings = (frame: CorpusFrame) => frame.expected.map((e) => `${e.format} ${e.text}`).sort();

let clean: CorpusFrame[];
beforeAll(async () => {
  clean = await cleanCorpus();
});

describe.each(DECODER_NAMES)('%s', (name) => {
  const decoder: BarcodeDecoder = createDecoder(name, environment);

  it('reads every clean frame exactly: all five formats, dashed and undashed auth codes, MACs, two codes in one frame', async () => {
    expect(clean.length).toBe(16);
    for (const frame of clean) {
      expect({ frame: frame.name, read: readings(await decoder.decode(frame.frame)) }).toEqual({
        frame: frame.name,
        read: expectedReadings(frame),
      });
    }
  }, 60_000);

  it('finds nothing in a frame without a barcode', async () => {
    await expect(decoder.decode(emptyFrame())).resolves.toEqual([]);
  });

  it('answers [] for an empty frame and a frame of pure noise, and a clear error for pixels that do not match the size', async () => {
    await expect(decoder.decode({ width: 0, height: 0, data: new Uint8ClampedArray(0) })).resolves.toEqual([]);
    const random = seededRandom(5);
    const noise = new Uint8ClampedArray(640 * 480 * 4).map(() => random() * 256);
    await expect(decoder.decode({ width: 640, height: 480, data: noise })).resolves.toEqual([]);
    await expect(decoder.decode({ width: 1280, height: 720, data: new Uint8ClampedArray(100) })).rejects.toThrow(
      'A 1280×720 RGBA frame has 3686400 bytes, this one has 100.',
    );
    await expect(decoder.decode({ width: 1.5, height: 2, data: new Uint8ClampedArray(12) })).rejects.toThrow('whole pixels');
  });

  it('looks only for the formats asked for', async () => {
    const twoCodes = clean.find((frame) => frame.expected.length === 2)!;
    expect(readings(await decoder.decode(twoCodes.frame, ['QRCode']))).toEqual(
      expectedReadings(twoCodes).filter((r) => r.startsWith('QRCode')),
    );
    await expect(decoder.decode(twoCodes.frame, [])).resolves.toEqual([]);
  });
});

describe(`the default decoder (${DEFAULT_DECODER})`, () => {
  const decoder = createDecoder(DEFAULT_DECODER, environment);

  it('reads at least 90 % of webcam-like frames (tilt, quarter turns, blur, noise, low contrast, uneven light) exactly', async () => {
    const frames = await degradedCorpus({ count: 50, seed: 4242 });
    const missed: string[] = [];
    for (const frame of frames) {
      const read = readings(await decoder.decode(frame.frame));
      if (!expectedReadings(frame).every((expected) => read.includes(expected))) missed.push(`${frame.name}: read ${JSON.stringify(read)}`);
    }
    expect(frames.length - missed.length, `missed:\n${missed.join('\n')}`).toBeGreaterThanOrEqual(0.9 * frames.length);
  }, 60_000);

  it('reports where a tilted code is, in frame pixels', async () => {
    const symbol = await drawSymbol('Code128', '43XC98-68WTGB-CWMH53-YS4RA9');
    const frame = composeFrame([{ symbol, moduleSize: 2.6, angle: 8, centerX: 700, centerY: 330 }], {
      blurSigma: 0.8,
      noise: 4,
      random: seededRandom(11),
    });
    const [barcode] = await decoder.decode(frame);
    expect(barcode?.text).toBe('43XC98-68WTGB-CWMH53-YS4RA9');
    const corners = barcode!.position!;
    const center = {
      x: corners.reduce((sum, p) => sum + p.x, 0) / corners.length,
      y: corners.reduce((sum, p) => sum + p.y, 0) / corners.length,
    };
    expect(Math.abs(center.x - 700)).toBeLessThan(40);
    expect(Math.abs(center.y - 330)).toBeLessThan(40);
  });
});
