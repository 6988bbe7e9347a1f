/**
 * Barcode pictures embedded in a distributor's workbook, decoded in core with the decoder the scan
 * worker uses (core/barcode, `DEFAULT_DECODER`: zxing-wasm multipass), the .wasm read from the
 * app's own files (never fetched):
 *
 * - PNG (pngjs) and JPEG (jpeg-js) bytes become RGBA, transparency laid on white; any other format
 *   (EMF, GIF, BMP…) is `unreadable` with a sentence naming it;
 * - a picture whose header declares more than MAX_PICTURE_PIXELS is refused before it is decoded
 *   (pngjs inflates no more than the declared size, jpeg-js is given the same bound), so a
 *   decompression bomb is a message, not an out-of-memory crash;
 * - pictures in sheets are small: each is read as it is (with a white quiet zone around it), then,
 *   when that gave no code, enlarged 2× (and 4× when its bars or cells are a pixel wide; nearest
 *   neighbour, so bars stay sharp);
 * - one decoder instance, created on the first picture, serves every picture of every import.
 *
 * `applyPictureReadings` then joins what the pictures held to the report: a code in a picture on
 * the row where the same code is typed confirms it (`both`, one occurrence); elsewhere it is an
 * occurrence of its own (`picture`), a duplicate if the code is also found elsewhere.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { ApiError } from '../api/errors';
import { createDecoder, DEFAULT_DECODER } from '../barcode';
import type { BarcodeDecoder, DecodedBarcode, RgbaFrame } from '../barcode/types';
import type { DraftPicture, DraftPictureState } from './contract';
import { type CellSource, type DistributorSheetReport, findDuplicates, type SheetCode } from './distributor-sheet';
import { findCodes } from './find-codes';

/** Larger pictures are not decoded (a screenshot of a whole page is 2–8 megapixels). */
export const MAX_PICTURE_PIXELS = 40_000_000;
/** Pictures a workbook may hold (anchors, so one picture placed many times counts each time). */
export const MAX_PICTURES_PER_FILE = 500;
/** Every picture's declared size added up: a file over this is refused before any is decoded. */
export const MAX_PIXELS_PER_FILE = 100_000_000;
/** Enlarged pictures stay under this many pixels. */
const MAX_ENLARGED_PIXELS = 12_000_000;

/** What a picture's bytes turned out to hold. */
export type PictureReading =
  | {
      state: 'code';
      /** Every authorization code its barcodes hold (usually one), canonical and compact. */
      codes: { code: string; compact: string }[];
      /** The barcode holding the first code: verbatim text and symbology. */
      text: string;
      format: string;
    }
  | { state: 'not_a_code'; text: string; format: string }
  | { state: 'no_barcode' }
  | { state: 'unreadable'; reason: string };

/** How a picture ended up in the report (DraftPicture's fields beyond its cell). */
export type PictureOutcome = Pick<DraftPicture, 'state' | 'code' | 'text' | 'format' | 'match' | 'message'>;

/**
 * zxing_reader.wasm as the app ships it: in node_modules (the browser host, tests, benches), or,
 * in the packaged desktop app (whose node_modules hold only runtime dependencies), the copy the
 * renderer's build put beside the scan worker (dist/renderer/assets, next to this bundle's dist/electron).
 */
export function zxingWasmFile(): string {
  // The Electron bundles are CommonJS (a `require`), the browser host's and the benches' ESM
  // bundles get one from their banner, vitest gives each module one. No import.meta: the
  // CommonJS bundles would have an empty one. Failing all that, from the working directory.
  const resolver = typeof require === 'function' ? require : createRequire(path.join(process.cwd(), 'package.json'));
  try {
    return resolver.resolve('zxing-wasm/reader/zxing_reader.wasm');
  } catch (err) {
    if (typeof __dirname === 'string') {
      const assets = path.join(__dirname, '..', 'renderer', 'assets');
      const copy = fs.existsSync(assets) ? fs.readdirSync(assets).find((name) => /^zxing_reader.*\.wasm$/.test(name)) : undefined;
      if (copy) return path.join(assets, copy);
    }
    throw new Error(
      `The barcode decoder's WebAssembly module is missing from FieldKey's files (${err instanceof Error ? err.message : err}).`,
    );
  }
}

export interface PictureCodeReader {
  read(bytes: Uint8Array, extension: string): Promise<PictureReading>;
}

/** A reader over a decoder of its own; `loadWasm` gives the module's bytes (read from disk by default). */
export function createPictureCodeReader(loadWasm: () => Uint8Array = () => fs.readFileSync(zxingWasmFile())): PictureCodeReader {
  let decoder: BarcodeDecoder | undefined;
  const decoderOf = () => {
    decoder ??= createDecoder(DEFAULT_DECODER, { zxingWasm: { binary: loadWasm() } });
    return decoder;
  };
  return {
    async read(bytes, extension) {
      const opened = openPicture(bytes, extension);
      if ('reason' in opened) return { state: 'unreadable', reason: opened.reason };
      const frame = opened.frame;
      let firstOther: DecodedBarcode | undefined;
      for (const factor of [1, ...enlargements(frame)]) {
        const barcodes = await decoderOf().decode(withQuietZone(factor === 1 ? frame : enlarge(frame, factor)));
        const reading = readingOf(barcodes);
        if (reading) return reading;
        firstOther ??= barcodes[0];
      }
      return firstOther ? { state: 'not_a_code', text: firstOther.text, format: firstOther.format } : { state: 'no_barcode' };
    },
  };
}

let shared: PictureCodeReader | undefined;

/** The process's reader: its decoder (and the .wasm) is loaded on the first picture, then reused. */
export function sharedPictureCodeReader(): PictureCodeReader {
  shared ??= createPictureCodeReader();
  return shared;
}

/** The codes the barcodes hold (null when none holds one). */
function readingOf(barcodes: DecodedBarcode[]): PictureReading | null {
  const codes = new Map<string, { code: string; compact: string }>();
  let first: DecodedBarcode | undefined;
  for (const barcode of barcodes) {
    for (const found of findCodes(barcode.text).codes) {
      first ??= barcode;
      if (!codes.has(found.compact)) codes.set(found.compact, { code: found.code, compact: found.compact });
    }
  }
  return first ? { state: 'code', codes: [...codes.values()], text: first.text, format: first.format } : null;
}

/** What the bytes are, by their signature (the workbook's declared extension may be wrong). */
export function pictureFormat(bytes: Uint8Array, extension: string): string {
  const at = (offset: number, ...values: number[]) => values.every((value, i) => bytes[offset + i] === value);
  const ascii = (offset: number, text: string) => at(offset, ...[...text].map((c) => c.charCodeAt(0)));
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'PNG';
  if (at(0, 0xff, 0xd8, 0xff)) return 'JPEG';
  if (ascii(0, 'GIF8')) return 'GIF';
  if (ascii(0, 'BM')) return 'BMP';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'TIFF';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'WebP';
  if (at(0, 0x01, 0x00, 0x00, 0x00) && ascii(40, ' EMF')) return 'EMF';
  if (at(0, 0xd7, 0xcd, 0xc6, 0x9a)) return 'WMF';
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1').trimStart();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'SVG';
  // Bytes that are none of these: the workbook's word for them, unless it claims PNG or JPEG.
  return extension && !/^(png|jpe?g)$/i.test(extension) ? extension.toUpperCase() : 'unknown';
}

/** PNG or JPEG bytes as RGBA on white, or why not. */
export function openPicture(bytes: Uint8Array, extension: string): { frame: RgbaFrame } | { reason: string } {
  const format = pictureFormat(bytes, extension);
  if (format !== 'PNG' && format !== 'JPEG') {
    const declared = /^(png|jpe?g)$/i.test(extension) ? ` (the workbook calls it ${extension.toLowerCase()}, but its bytes are not)` : '';
    return {
      reason:
        format === 'unknown'
          ? `the picture is damaged${declared}: it is not a PNG or JPEG picture`
          : `the picture is in ${format} format${declared}; FieldKey reads barcodes from PNG and JPEG pictures only`,
    };
  }
  const size = format === 'PNG' ? pngSize(bytes) : jpegSize(bytes);
  if (!size) return { reason: `the ${format} picture is damaged: its size cannot be read` };
  if (size.width * size.height > MAX_PICTURE_PIXELS) {
    return {
      reason: `the picture is ${size.width}×${size.height} pixels (${((size.width * size.height) / 1e6).toFixed(0)} megapixels); FieldKey reads pictures of at most ${MAX_PICTURE_PIXELS / 1e6} megapixels`,
    };
  }
  if (format === 'PNG') {
    const problem = pngProblem(bytes);
    if (problem) return { reason: `the PNG picture is damaged (${problem})` };
  }
  try {
    if (format === 'PNG') {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { frame: onWhite(png.width, png.height, png.data) };
    }
    const image = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_PICTURE_PIXELS / 1e6,
      // Its buffers are outside the worker's capped heap: bounded here instead.
      maxMemoryUsageInMB: 256,
    });
    return { frame: onWhite(image.width, image.height, image.data) };
  } catch (err) {
    const detail = err instanceof Error ? err.message.replace(/\.$/, '') : String(err);
    return { reason: `the ${format} picture is damaged (${detail})` };
  }
}

/** Adam7's passes: first column and row, then the step between columns and rows. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * What is wrong with a PNG before pngjs reads it, or null: its header's depth, colour type and
 * interlace, its chunks inside the file, and its image data inflated with a maximum output of
 * exactly what its width, height and interlace need. pngjs inflates an interlaced image with
 * no limit; a bomb declaring 1000×1000 that inflates to gigabytes stops here at 4 MB.
 */
export function pngProblem(bytes: Uint8Array): string | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 33 || buffer.toString('latin1', 12, 16) !== 'IHDR') return 'its header is missing';
  const width = buffer.readUInt32BE(16);
  const height = buffer.readUInt32BE(20);
  const depth = buffer[24]!;
  const colourType = buffer[25]!;
  const interlace = buffer[28]!;
  const channels = PNG_CHANNELS[colourType];
  if (!channels || ![1, 2, 4, 8, 16].includes(depth) || interlace > 1) return 'its header is not a PNG header';
  const lineBytes = (pixels: number) => 1 + Math.ceil((pixels * channels * depth) / 8);
  let expected = 0;
  if (interlace === 0) expected = height * lineBytes(width);
  else {
    for (const [x0, y0, dx, dy] of ADAM7) {
      const passWidth = Math.ceil((width - x0) / dx);
      const passHeight = Math.ceil((height - y0) / dy);
      if (passWidth > 0 && passHeight > 0) expected += passHeight * lineBytes(passWidth);
    }
  }
  const data: Buffer[] = [];
  for (let at = 8; ; ) {
    if (at + 12 > buffer.length) return 'it is cut short';
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > buffer.length) return `its ${type} chunk runs past the end`;
    if (type === 'IDAT') data.push(buffer.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!data.length) return 'it has no image data';
  try {
    inflateSync(Buffer.concat(data), { maxOutputLength: Math.max(expected, 1) });
  } catch (err) {
    return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
      ? `its data unpacks to more than its ${width}×${height} pixels need`
      : 'its image data cannot be unpacked';
  }
  return null;
}

/** Width and height from a PNG's or a JPEG's header (before anything is inflated), or null. */
export function pictureSize(bytes: Uint8Array, extension: string): { width: number; height: number } | null {
  const format = pictureFormat(bytes, extension);
  return format === 'PNG' ? pngSize(bytes) : format === 'JPEG' ? jpegSize(bytes) : null;
}

/**
 * Refuses a file whose pictures are too many or too large in all, with the numbers found, before
 * any is decoded (each alone is held to MAX_PICTURE_PIXELS when it is read).
 */
export function checkPictureBudget(pictures: readonly { bytes: Uint8Array; extension: string }[]): void {
  if (pictures.length > MAX_PICTURES_PER_FILE) {
    throw new ApiError(
      'VALIDATION',
      `The file holds ${pictures.length.toLocaleString('en-US')} pictures; FieldKey reads at most ${MAX_PICTURES_PER_FILE} in one file: split it into smaller files.`,
      { reason: 'too_large', found: pictures.length },
    );
  }
  let pixels = 0;
  for (const picture of pictures) {
    const size = pictureSize(picture.bytes, picture.extension);
    if (size && size.width * size.height <= MAX_PICTURE_PIXELS) pixels += size.width * size.height;
  }
  if (pixels > MAX_PIXELS_PER_FILE) {
    throw new ApiError(
      'VALIDATION',
      `The file's pictures hold ${Math.round(pixels / 1e6).toLocaleString('en-US')} megapixels in all; FieldKey reads at most ${MAX_PIXELS_PER_FILE / 1e6} megapixels of pictures in one file: split it into smaller files.`,
      { reason: 'too_large', found: pixels },
    );
  }
}

/** Width and height from a PNG's IHDR chunk (before anything is inflated). */
function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 33 || Buffer.from(bytes.subarray(12, 16)).toString('latin1') !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** Width and height from a JPEG's first start-of-frame marker. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = (bytes[offset + 5]! << 8) | bytes[offset + 6]!;
      const width = (bytes[offset + 7]! << 8) | bytes[offset + 8]!;
      return width > 0 && height > 0 ? { width, height } : null;
    }
    offset += 2 + length;
  }
  return null;
}

/** RGBA with its transparency laid on white (bwip-js and Excel pictures often have a transparent background). */
function onWhite(width: number, height: number, rgba: Uint8Array): RgbaFrame {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < data.length; p += 4) {
    const alpha = rgba[p + 3]!;
    const white = 255 - alpha;
    data[p] = (rgba[p]! * alpha + 255 * white + 127) / 255;
    data[p + 1] = (rgba[p + 1]! * alpha + 255 * white + 127) / 255;
    data[p + 2] = (rgba[p + 2]! * alpha + 255 * white + 127) / 255;
    data[p + 3] = 255;
  }
  return { width, height, data };
}

/**
 * The enlargements to try after the picture as it is: 2×, and 4× when its narrowest bars or cells
 * are about a pixel wide (measured along its middle row and column), within MAX_ENLARGED_PIXELS.
 * Even factors: the decoder's first pass reads 2D codes at half size, where 3× would leave cells
 * of 1.5 px.
 */
export function enlargements(frame: RgbaFrame): number[] {
  const module = smallestRun(frame);
  const factors = module < 2 ? [2, 4] : [2];
  return factors.filter((factor) => frame.width * frame.height * factor * factor <= MAX_ENLARGED_PIXELS);
}

/** A low percentile of the run lengths along the middle row and column (the module size, roughly). */
function smallestRun(frame: RgbaFrame): number {
  const { width, height, data } = frame;
  const luma = (x: number, y: number) => {
    const p = (y * width + x) * 4;
    return (data[p]! * 306 + data[p + 1]! * 601 + data[p + 2]! * 117) >> 10;
  };
  const runs: number[] = [];
  const scan = (length: number, at: (i: number) => number) => {
    let low = 255;
    let high = 0;
    for (let i = 0; i < length; i++) {
      const v = at(i);
      if (v < low) low = v;
      if (v > high) high = v;
    }
    if (high - low < 48) return;
    const threshold = (low + high) / 2;
    let dark = at(0) < threshold;
    let start = 0;
    const found: number[] = [];
    for (let i = 1; i < length; i++) {
      const d = at(i) < threshold;
      if (d !== dark) {
        found.push(i - start);
        start = i;
        dark = d;
      }
    }
    // The first and last runs are margins.
    runs.push(...found.slice(1));
  };
  scan(width, (x) => luma(x, height >> 1));
  scan(height, (y) => luma(width >> 1, y));
  if (runs.length < 4) return Number.POSITIVE_INFINITY;
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length * 0.1)]!;
}

/** The picture `factor` times larger, each pixel a block (bars stay sharp). */
function enlarge(frame: RgbaFrame, factor: number): RgbaFrame {
  const width = frame.width * factor;
  const height = frame.height * factor;
  const source = new Uint32Array(frame.data.buffer, frame.data.byteOffset, frame.width * frame.height);
  const out = new Uint32Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = Math.floor(y / factor) * frame.width;
    const row = y * width;
    for (let x = 0; x < width; x++) out[row + x] = source[from + Math.floor(x / factor)]!;
  }
  return { width, height, data: new Uint8ClampedArray(out.buffer) };
}

/** The picture on white with a margin (a pasted barcode is often cropped to its bars). */
function withQuietZone(frame: RgbaFrame): RgbaFrame {
  const margin = Math.max(24, Math.round(0.1 * Math.max(frame.width, frame.height)));
  const width = frame.width + 2 * margin;
  const height = frame.height + 2 * margin;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < frame.height; y++) {
    data.set(frame.data.subarray(y * frame.width * 4, (y + 1) * frame.width * 4), ((y + margin) * width + margin) * 4);
  }
  return { width, height, data };
}

const FORMAT_NAMES: Record<string, string> = {
  Code128: 'Code 128',
  Code39: 'Code 39',
  QRCode: 'QR Code',
  DataMatrix: 'Data Matrix',
  PDF417: 'PDF417',
};

const where = (picture: CellSource) => `The picture at ${picture.sheet}!${picture.cell}`;
const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);

/**
 * Joins the pictures' readings (one per `report.pictures`, same order) to the report: picture
 * codes into `codes` (a code typed on the picture's row is confirmed, `both`, not repeated),
 * barcodes of other things into `notCodes`, duplicates recounted; returns each picture's outcome.
 */
export function applyPictureReadings(report: DistributorSheetReport, readings: readonly PictureReading[]): PictureOutcome[] {
  const typedOnRow = new Map<string, SheetCode[]>();
  for (const code of report.codes) {
    const key = `${code.sheet}\u0000${code.row}`;
    typedOnRow.set(key, [...(typedOnRow.get(key) ?? []), code]);
  }
  const outcomes: PictureOutcome[] = [];
  const added: SheetCode[] = [];
  report.pictures.forEach((picture, index) => {
    const reading = readings[index] ?? { state: 'no_barcode' };
    const cell: CellSource = { sheet: picture.sheet, row: picture.row, column: picture.column, cell: picture.cell };
    if (reading.state === 'unreadable') {
      outcomes.push(outcome('unreadable', `${where(cell)} cannot be read: ${reading.reason}.`));
      return;
    }
    if (reading.state === 'no_barcode') {
      outcomes.push(outcome('no_barcode', `${where(cell)} has no barcode FieldKey can read (a logo, a photo, or a damaged symbol).`));
      return;
    }
    const formatName = FORMAT_NAMES[reading.format] ?? reading.format;
    if (reading.state === 'not_a_code') {
      const message = `${where(cell)} is a ${formatName} holding “${shorten(reading.text)}”, not an authorization code.`;
      outcomes.push({ ...outcome('not_a_code', message), text: reading.text, format: reading.format });
      report.notCodes.push({ ...cell, text: reading.text, message });
      return;
    }
    const typed = (typedOnRow.get(`${picture.sheet}\u0000${picture.row}`) ?? []).filter((code) => code.source !== 'picture');
    let confirmsAll = true;
    for (const found of reading.codes) {
      const same = typed.find((code) => code.compact === found.compact);
      if (same) {
        // The picture confirms the typed code: one occurrence, not a duplicate.
        if (same.source === 'text') {
          same.source = 'both';
          same.picture = cell;
        }
        continue;
      }
      confirmsAll = false;
      added.push({
        ...cell,
        code: found.code,
        compact: found.compact,
        text: reading.text,
        sku: picture.sku,
        description: picture.description,
        distributor: picture.distributor,
        source: 'picture',
        picture: cell,
      });
    }
    const first = reading.codes[0]!;
    const match = confirmsAll ? 'confirms' : typed.length > 0 ? 'differs' : 'alone';
    outcomes.push({
      state: 'code',
      code: first.code,
      text: reading.text,
      format: reading.format,
      match,
      message:
        match === 'differs'
          ? `${where(cell)} holds ${first.code}, but row ${picture.row} has ${typed.map((code) => code.code).join(', ')} typed: both are kept; check which is right.`
          : null,
    });
  });
  if (added.length > 0) {
    const sheetOrder = new Map(report.sheets.map((sheet, index) => [sheet.name, index]));
    for (const code of added) {
      const summary = report.sheets[sheetOrder.get(code.sheet) ?? -1];
      if (summary) summary.codes++;
    }
    report.codes = [...report.codes, ...added].sort(
      (a, b) => (sheetOrder.get(a.sheet) ?? 0) - (sheetOrder.get(b.sheet) ?? 0) || a.row - b.row || a.column - b.column,
    );
  }
  if (report.pictures.length > 0) report.duplicates = findDuplicates(report.codes);
  return outcomes;
}

function outcome(state: DraftPictureState, message: string): PictureOutcome {
  return { state, code: null, text: null, format: null, match: null, message };
}

/** Progress of `decodePictures`: how many pictures are done, of how many. */
export type PictureProgress = (done: number, total: number) => void;

/**
 * Reads every picture of the report, one after another, giving the event loop a turn between
 * pictures (the browser host keeps answering while 200 pictures are read).
 */
export async function decodePictures(
  report: DistributorSheetReport,
  reader: PictureCodeReader,
  onProgress: PictureProgress = () => {},
): Promise<PictureReading[]> {
  const readings: PictureReading[] = [];
  const total = report.pictures.length;
  for (const picture of report.pictures) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    let reading: PictureReading;
    try {
      reading = await reader.read(picture.bytes, picture.extension);
    } catch (err) {
      // The decoder failing (its module could not load, say) is said per picture, never a crash.
      reading = { state: 'unreadable', reason: `the barcode decoder failed (${err instanceof Error ? err.message : String(err)})` };
    }
    readings.push(reading);
    onProgress(readings.length, total);
  }
  return readings;
}
