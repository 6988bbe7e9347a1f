/**
 * Barcode decoding benchmark: `npm run bench:scan -- [DIR]`.
 * Decodes every picture in DIR named `…_<EXPECTED TEXT>.png` (or .jpg) with each decoder and
 * prints, per decoder, the frames, how many gave exactly the expected text, and the median time
 * per frame; the last line is one JSON object for the default decoder. Without DIR it first
 * writes the default corpus (1280×720 webcam-like frames of all five formats, see
 * test/support/barcode-corpus.ts) to a temporary folder. Targets: ≥ 95 % decoded and a median
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
import { degradedCorpus, framePng } from '../test/support/barcode-corpus';

const DEFAULT_CORPUS_FRAMES = 150;
const PICTURE = /_([^_/\\]+)\.(png|jpe?g)$/i;

async function writeDefaultCorpus(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-scan-corpus-'));
  const frames = await degradedCorpus({ count: DEFAULT_CORPUS_FRAMES });
  frames.forEach(({ name, frame, expected }) => fs.writeFileSync(path.join(dir, `${name}_${expected[0]!.text}.png`), framePng(frame)));
  return dir;
}

function readPicture(file: string): RgbaFrame {
  const bytes = fs.readFileSync(file);
  if (/\.png$/i.test(file)) {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  }
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

interface Tally {
  frames: number;
  detected: number;
  ms: number[];
  missed: string[];
}

async function main(): Promise<void> {
  const argument = process.argv.slice(2).find((a) => !a.startsWith('-'));
  let dir: string;
  if (argument) {
    // npm runs scripts from the package folder; a relative DIR is the user's.
    dir = path.resolve(process.env.INIT_CWD ?? process.cwd(), argument);
  } else {
    dir = await writeDefaultCorpus();
    console.log(`No DIR given: wrote the default corpus (${DEFAULT_CORPUS_FRAMES} frames, 1280×720, blur, tilt, noise, all five formats) to ${dir}`);
  }
  const files = fs.readdirSync(dir).filter((f) => PICTURE.test(f)).sort();
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
    console.log(`${name.padEnd(11)} ${tally.frames} frames, ${tally.detected} decoded exactly (${share} %), median ${median(tally.ms).toFixed(1)} ms per frame`);
    for (const miss of tally.missed.slice(0, 10)) console.log(`    missed ${miss}`);
    if (tally.missed.length > 10) console.log(`    … and ${tally.missed.length - 10} more`);
  }
  const best = tallies.get(DEFAULT_DECODER satisfies DecoderName)!;
  console.log(JSON.stringify({ decoder: DEFAULT_DECODER, frames: best.frames, detected: best.detected, msMedian: Number(median(best.ms).toFixed(1)) }));
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
