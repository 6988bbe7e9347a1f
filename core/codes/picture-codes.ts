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
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { createDecoder, DEFAULT_DECODER } from '../barcode';
import type { BarcodeDecoder, DecodedBarcode, RgbaFrame } from '../barcode/types';
import type { DraftPicture, DraftPictureState } from './contract';
import type { Message, MessageCode, MessageParams } from '../messages/catalogue';
import { say } from '../messages/say';
import { type CellSource, type DistributorSheetReport, findDuplicates, type SheetCode } from './distributor-sheet';
import { findCodes } from './find-codes';
import { jpegSize, MAX_PICTURE_PIXELS, pictureFormat, pngProblem, pngSize } from './picture-headers';
import type { FileJobSpec } from '../import/file-worker/protocol';

/** The file worker reads a distributor sheet: its draft report and the codes read from its pictures. */
export type DistributorSheetJob = FileJobSpec<
  'distributorSheet',
  { bytes: Uint8Array; fileName: string; maxBytes: number },
  { report: DistributorSheetReport; readings: PictureReading[] }
>;

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
  | { state: 'unreadable'; reason: PictureReason };

/** Why a picture cannot be read (`codes.pictureReason.<kind>`: a phrase; the draft says it whole, with the cell). */
export type PictureReasonKind =
  | 'damaged'
  | 'damagedDeclared'
  | 'otherFormat'
  | 'otherFormatDeclared'
  | 'noSize'
  | 'tooLarge'
  | 'damagedBecause'
  | 'decoderFailed';
export interface PictureReason extends Message {
  kind: PictureReasonKind;
}

function pictureReason(kind: PictureReasonKind, params?: MessageParams): PictureReason {
  return { kind, ...say(`codes.pictureReason.${kind}`, params) };
}

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

/** PNG or JPEG bytes as RGBA on white, or why not. */
export function openPicture(bytes: Uint8Array, extension: string): { frame: RgbaFrame } | { reason: PictureReason } {
  const format = pictureFormat(bytes, extension);
  if (format !== 'PNG' && format !== 'JPEG') {
    const declared = /^(png|jpe?g)$/i.test(extension);
    const params: MessageParams = declared ? { format, extension: extension.toLowerCase() } : { format };
    const kind = format === 'unknown' ? 'damaged' : 'otherFormat';
    return { reason: pictureReason(declared ? `${kind}Declared` : kind, params) };
  }
  const size = format === 'PNG' ? pngSize(bytes) : jpegSize(bytes);
  if (!size) return { reason: pictureReason('noSize', { format }) };
  if (size.width * size.height > MAX_PICTURE_PIXELS) {
    return {
      reason: pictureReason('tooLarge', {
        width: size.width,
        height: size.height,
        megapixels: ((size.width * size.height) / 1e6).toFixed(0),
        limit: MAX_PICTURE_PIXELS / 1e6,
      }),
    };
  }
  if (format === 'PNG') {
    const problem = pngProblem(bytes);
    if (problem) return { reason: pictureReason('damagedBecause', { format, detail: problem }) };
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
    return { reason: pictureReason('damagedBecause', { format, detail }) };
  }
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

const where = (picture: CellSource) => ({ sheet: picture.sheet, cell: picture.cell });
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
      const code = `codes.picture.unreadable.${reading.reason.kind}` satisfies MessageCode;
      outcomes.push(outcome('unreadable', say(code, { ...reading.reason.params, ...where(cell) })));
      return;
    }
    if (reading.state === 'no_barcode') {
      outcomes.push(outcome('no_barcode', say('codes.picture.noBarcode', where(cell))));
      return;
    }
    const formatName = FORMAT_NAMES[reading.format] ?? reading.format;
    if (reading.state === 'not_a_code') {
      const message = say('codes.picture.notACode', { ...where(cell), format: formatName, text: shorten(reading.text) });
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
          ? say('codes.picture.differs', {
              ...where(cell),
              code: first.code,
              row: picture.row,
              typed: typed.map((code) => code.code).join(', '),
            })
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

function outcome(state: DraftPictureState, message: Message): PictureOutcome {
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
      reading = {
        state: 'unreadable',
        reason: pictureReason('decoderFailed', { detail: err instanceof Error ? err.message : String(err) }),
      };
    }
    readings.push(reading);
    onProgress(readings.length, total);
  }
  return readings;
}
