/**
 * Barcode decoding benchmark: `npm run bench:scan -- [DIR] [--frames N] [--seed N]`.
 * Decodes every picture in DIR named `…_<EXPECTED TEXT>.png` (or .jpg) with each decoder and
 * prints, per decoder, the frames, how many gave exactly the expected text, and the median time
 * per frame; the last line is one JSON object for the default decoder. Without DIR it first
 * writes the default corpus (150 1280×720 webcam-like frames of all five formats, see
 * test/support/barcode-corpus.ts; --frames and --seed choose another) to a temporary folder. Targets: ≥ 95 % decoded and a median
 * ≤ 40 ms per 1280×720 frame.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { createDecoder, DECODER_NAMES, DEFAULT_DECODER, type DecoderName } from '../renderer/src/scan/decoders';
import type { BarcodeDecoder, RgbaFrame } from '../renderer/src/scan/types';
import { degradedCorpus, framePng } from './barcode-corpus';

const DEFAULT_CORPUS_FRAMES = 150;
const DEFAULT_CORPUS_SEED = 20240611;
const PICTURE = /_([^_/\\]+)\.(png|jpe?g)$/i;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} takes a whole number above 0.`);
    process.exit(2);
  }
  return value;
}

async function writeDefaultCorpus(count: number, seed: number): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-scan-corpus-'));
  const frames = await degradedCorpus({ count, seed });
  for (const { name, frame, expected } of frames) fs.writeFileSync(path.join(dir, `${name}_${expected[0]!.text}.png`), framePng(frame));
  return dir;
}

function readPicture(file: string): RgbaFrame {
  const bytes = fs.readFileSync(file);
  if (/\.png$/i.test(file)) {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  }
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return {
    width: image.width,
    height: image.height,
    data: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function percentile90(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)]!;
}

interface Tally {
  frames: number;
  detected: number;
  ms: number[];
  missed: string[];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const argument = args.find((a, i) => !a.startsWith('-') && !args[i - 1]?.startsWith('--'));
  let dir: string;
  if (argument) {
    // npm runs scripts from the package folder; a relative DIR is the user's.
    dir = path.resolve(process.env.INIT_CWD ?? process.cwd(), argument);
  } else {
    const count = option('--frames', DEFAULT_CORPUS_FRAMES);
    const seed = option('--seed', DEFAULT_CORPUS_SEED);
    dir = await writeDefaultCorpus(count, seed);
    console.log(
      `No DIR given: wrote the default corpus (${count} frames, seed ${seed}, 1280×720, all five formats, tilt, blur, noise, low contrast) to ${dir}`,
    );
  }
  const files = fs
    .readdirSync(dir)
    .filter((f) => PICTURE.test(f))
    .sort();
  if (files.length === 0) {
    console.error(`No pictures named …_<EXPECTED TEXT>.png or .jpg in ${dir}.`);
    process.exit(2);
  }

  const wasmFile = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  const environment = { zxingWasm: { binary: fs.readFileSync(wasmFile) } };
  const decoders = DECODER_NAMES.map((name) => createDecoder(name, environment));
  const tallies = new Map<string, Tally>(decoders.map((d) => [d.name, { frames: 0, detected: 0, ms: [], missed: [] }]));

  // One untimed frame each first: loading the WebAssembly and warming the JIT are not decoding.
  const first = readPicture(path.join(dir, files[0]!));
  for (const decoder of decoders) await decoder.decode(first);

  for (const file of files) {
    const expected = PICTURE.exec(file)![1]!;
    const frame = readPicture(path.join(dir, file));
    for (const decoder of decoders) await decodeOne(decoder, frame, expected, file, tallies.get(decoder.name)!);
  }

  for (const [name, tally] of tallies) {
    const share = ((100 * tally.detected) / tally.frames).toFixed(1);
    console.log(
      `${name.padEnd(20)} ${tally.frames} frames, ${tally.detected} decoded exactly (${share} %), median ${median(tally.ms).toFixed(1)} ms per frame (90th percentile ${percentile90(tally.ms).toFixed(1)} ms)`,
    );
    for (const miss of tally.missed.slice(0, 10)) console.log(`    missed ${miss}`);
    if (tally.missed.length > 10) console.log(`    … and ${tally.missed.length - 10} more`);
  }
  const best = tallies.get(DEFAULT_DECODER satisfies DecoderName)!;
  console.log(
    JSON.stringify({
      decoder: DEFAULT_DECODER,
      frames: best.frames,
      detected: best.detected,
      msMedian: Number(median(best.ms).toFixed(1)),
    }),
  );
}

async function decodeOne(decoder: BarcodeDecoder, frame: RgbaFrame, expected: string, file: string, tally: Tally): Promise<void> {
  const started = performance.now();
  let texts: string[];
  try {
    texts = (await decoder.decode(frame)).map((barcode) => barcode.text);
  } catch (error) {
    texts = [`error: ${error instanceof Error ? error.message : String(error)}`];
  }
  tally.ms.push(performance.now() - started);
  tally.frames++;
  if (texts.includes(expected)) tally.detected++;
  else tally.missed.push(`${file}${texts.length ? ` (read ${texts.join(', ')})` : ''}`);
}

await main();
