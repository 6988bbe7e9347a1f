/**
 * zxing-cpp over the whole frame, then over each barcode-like area not read yet; every code read
 * is returned (deduplicated by format and text), each with its corners in frame pixels:
 * 1. QR Code and Data Matrix over the whole frame at half size (their cells are large enough);
 * 2. every barcode-like area (./regions.ts: bars, or a grid of cells) that no code read so far
 *    covers, most barcode-like first, within a per-frame pixel budget: turned upright by its
 *    measured tilt (zxing reads linear codes and PDF417 along rows, and a long code tilted by a
 *    few degrees crosses no row end to end); where its edges are dense (bars or cells of about
 *    2.5 px or less) enlarged 2× across the bars and sharpened along rows, so the binarizer sees
 *    bars of 1.5 px as 3; bars read with the linear formats first, then with PDF417 and local
 *    thresholds (also after a read, while the codes read cover less of the area: a Code 128 beside
 *    a PDF417 is one area), then, nothing read, stretched to full contrast with a fixed threshold;
 *    grids with every format, local thresholds, then the global histogram;
 * 3. when nothing at all was read: the frame's most barcode-like area (./skew.ts) with zxing's
 *    quarter turns and downscaling, local thresholds, sharpened, and stretched (one large code
 *    in low contrast).
 * Areas where nothing was read are the unreadable ones of `decodeDetailed`.
 * Measured with `npm run bench:scan` (README, "Barcode scanning").
 */
import type { BarcodeDecoder, BarcodeFormat, DecodedBarcode, DetailedDecode, FrameRegion, RgbaFrame } from './types';
import { ALL_BARCODE_FORMATS, LINEAR_FORMATS } from './types';
import { checkFrame } from './frame';
import {
  type GrayImage,
  grayToRgba,
  halveGray,
  rotateGray,
  sharpenGray,
  sharpenRows,
  stretchGray,
  toGray,
  type TurnedImage,
} from './luminance';
import { estimateSkew } from './skew';
import { type BarcodeRegion, findBarcodeRegions, REGION_BLOCK } from './regions';
import { ZXING_WASM_DEFAULTS, zxingWasmReader, type ZxingWasmOptions, type ZxingWasmRead, type ZxingWasmSource } from './zxing-wasm';

/** Pass 1: zxing's quarter-turn and downscaled tries cost more than the later passes on the few frames that need them. */
const FIRST: ZxingWasmOptions = { ...ZXING_WASM_DEFAULTS, binarizer: 'GlobalHistogram', tryRotate: false, tryDownscale: false };
/** Areas are upright already and small: no quarter turns, no downscaling. */
const AREA: ZxingWasmOptions = { ...ZXING_WASM_DEFAULTS, binarizer: 'GlobalHistogram', tryRotate: false, tryDownscale: false };
const AREA_LOCAL: ZxingWasmOptions = { ...AREA, binarizer: 'LocalAverage' };
const AREA_FIXED: ZxingWasmOptions = { ...AREA, binarizer: 'FixedThreshold' };
const FAST: ZxingWasmOptions = { ...ZXING_WASM_DEFAULTS, binarizer: 'GlobalHistogram' };
const LOCAL: ZxingWasmOptions = { ...ZXING_WASM_DEFAULTS, binarizer: 'LocalAverage' };
const FIXED: ZxingWasmOptions = { ...ZXING_WASM_DEFAULTS, binarizer: 'FixedThreshold' };
/** The last passes, over the frame's most barcode-like area, when nothing was read at all. */
const LAST_RETRIES: { prepare: (image: GrayImage) => GrayImage; options: ZxingWasmOptions }[] = [
  { prepare: (image) => image, options: FAST },
  { prepare: (image) => image, options: LOCAL },
  { prepare: (image) => sharpenGray(image), options: FAST },
  { prepare: stretchGray, options: FIXED },
];
/** Tilts smaller than this are left alone. */
const MIN_TILT_DEGREES = 1;
/** Areas of fewer blocks are print, not codes (a code of 24 characters at 1.5 px per module is 50 blocks or more). */
const MIN_AREA_BLOCKS = 8;
/** Margin around an area's blocks: the quiet zone, and the code's edge blocks that fell short of the thresholds. */
const AREA_MARGIN = REGION_BLOCK;
const LINEAR_END_MARGIN = 3 * REGION_BLOCK;
const MATRIX_MARGIN = 2 * REGION_BLOCK;
/** Side margins of a grid area retried as a piece of a PDF417: about a whole PDF417 of 1.5–2.5 px per module either side. */
const PDF417_PIECE_MARGIN = 10 * REGION_BLOCK;
/** Areas whose edges are this dense (fine bars or cells: about 2.5 px or less) are enlarged AREA_SCALE times before reading. */
const FINE_DENSITY = 0.4;
const AREA_SCALE = 2;
/** Linear areas, upright, are read along rows: they need no more rows than the frame had. */
const LINEAR_SCALE_Y = 1;
/** Print has edges every way; codes, together, mostly along their bars or grid. */
const MIN_AREA_COHERENCE = 0.5;
/** Read on the whole frame in pass 1: their cells are large enough at the sizes printed on a sheet. */
const MATRIX_FORMATS: readonly BarcodeFormat[] = ['QRCode', 'DataMatrix'];
/**
 * Per-frame budget for pass 2, in enlarged pixels read (one 1280×720 frame is 0.9 M): the
 * preview stays smooth however much print is in view; the rest of the areas wait for a later frame.
 */
const AREA_PIXEL_BUDGET = 3_000_000;

/** An area at least this much inside codes already read is not read again… */
const COVERED_SHARE = 0.5;
/** A linear area with codes read in it is read on (with PDF417, local thresholds) while less than this share of it is covered. */
const REST_COVERED_SHARE = 0.8;
/** …counting blocks this close to a code's outline (a linear code's outline may be one scan line). */
const COVER_MARGIN = 24;

/** Whether a point is inside a convex outline or within `margin` pixels of it. */
function nearOutline(point: { x: number; y: number }, corners: readonly { x: number; y: number }[], margin: number): boolean {
  const cx = corners.reduce((sum, p) => sum + p.x, 0) / corners.length;
  const cy = corners.reduce((sum, p) => sum + p.y, 0) / corners.length;
  for (let i = 0; i < corners.length; i++) {
    const a = corners[i]!;
    const b = corners[(i + 1) % corners.length]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length === 0) continue;
    const side = (x: number, y: number) => ((b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x)) / length;
    // Distance from the edge, positive on the outline's side (a flat outline: either side).
    const inward = Math.sign(side(cx, cy)) || 1;
    const distance = side(point.x, point.y) * inward;
    if (distance < -margin && !(side(cx, cy) === 0 && -distance <= margin)) return false;
  }
  return true;
}

/**
 * Areas read but not reported unreadable when nothing was read: short runs of bars and weak
 * grids are as often print (a line of text, a logo) as a code. Measured on the tuning seed: of the
 * areas left, about nine in ten held a code that was missed.
 */
const MIN_UNREADABLE_LINEAR_BLOCKS = 20;
const MIN_UNREADABLE_GRID_COHERENCE = 0.62;
const looksLikeCode = (region: BarcodeRegion) =>
  region.kind === 'linear' ? region.blocks >= MIN_UNREADABLE_LINEAR_BLOCKS : region.coherence >= MIN_UNREADABLE_GRID_COHERENCE;

const key = (barcode: DecodedBarcode) => `${barcode.format}\u0000${barcode.text}`;

function withMargins(box: FrameRegion, marginX: number, marginY: number, width: number, height: number): FrameRegion {
  const x = Math.max(0, box.x - marginX);
  const y = Math.max(0, box.y - marginY);
  return { x, y, width: Math.min(width, box.x + box.width + marginX) - x, height: Math.min(height, box.y + box.height + marginY) - y };
}

const inside = (point: { x: number; y: number }, box: FrameRegion) =>
  point.x >= box.x && point.y >= box.y && point.x < box.x + box.width && point.y < box.y + box.height;

/** Reads a turned image; positions come back in frame pixels. */
async function readTurned(
  read: ZxingWasmRead,
  image: TurnedImage,
  formats: readonly BarcodeFormat[],
  options: ZxingWasmOptions,
): Promise<DecodedBarcode[]> {
  const barcodes = await read(grayToRgba(image), formats, options);
  return barcodes.map((barcode) => ({ ...barcode, position: barcode.position?.map((p) => image.toSource(p.x, p.y)) }));
}

export interface MultipassDecoder extends BarcodeDecoder {
  decodeDetailed(frame: RgbaFrame, formats?: readonly BarcodeFormat[]): Promise<DetailedDecode>;
}

export function createMultipassDecoder(source: ZxingWasmSource): MultipassDecoder {
  const read = zxingWasmReader(source);

  async function decodeDetailed(frame: RgbaFrame, formats: readonly BarcodeFormat[] = ALL_BARCODE_FORMATS): Promise<DetailedDecode> {
    if (!checkFrame(frame) || formats.length === 0) return { barcodes: [], unreadable: [] };
    const found = new Map<string, DecodedBarcode>();
    const add = (barcodes: DecodedBarcode[]) => {
      let added = 0;
      for (const barcode of barcodes) {
        if (found.has(key(barcode))) continue;
        found.set(key(barcode), barcode);
        added++;
      }
      return added;
    };
    const gray = toGray(frame);
    const matrixFormats = formats.filter((format) => MATRIX_FORMATS.includes(format));
    if (matrixFormats.length > 0) {
      // At half size: a quarter of the pixels, and cells of 3 px and more still read.
      const half = halveGray(gray);
      const barcodes = await read(grayToRgba(half), matrixFormats, FIRST);
      add(barcodes.map((barcode) => ({ ...barcode, position: barcode.position?.map((p) => ({ x: 2 * p.x, y: 2 * p.y })) })));
    }

    const regions = findBarcodeRegions(gray).filter((region) => region.blocks >= MIN_AREA_BLOCKS && region.coherence >= MIN_AREA_COHERENCE);
    const unreadable: FrameRegion[] = [];
    let budget = AREA_PIXEL_BUDGET;
    /** Share of an area's blocks inside (or next to) codes read so far. */
    const coveredShare = (region: BarcodeRegion) => {
      const outlines = [...found.values()].flatMap((barcode) =>
        barcode.position && barcode.position.length >= 3 ? [barcode.position] : [],
      );
      const covered = region.cells.filter((cell) => outlines.some((corners) => nearOutline(cell, corners, COVER_MARGIN))).length;
      return covered / region.cells.length;
    };
    const linearFormats = formats.filter((format) => LINEAR_FORMATS.includes(format));
    for (const region of regions) {
      // Pass 1 (or an earlier area) read the code here: most of the area's blocks are inside codes read.
      if (coveredShare(region) >= COVERED_SHARE) continue;
      const fine = region.density >= FINE_DENSITY;
      const scaleX = fine ? AREA_SCALE : 1;
      const scaleY = region.kind === 'linear' ? LINEAR_SCALE_Y : scaleX;
      // Linear codes' ends are the blocks most often below the thresholds (the start and stop patterns beside the quiet zone).
      const alongRows = region.kind === 'linear' && Math.abs(region.degrees) < 45;
      const alongColumns = region.kind === 'linear' && !alongRows;
      const box = withMargins(
        region.box,
        alongRows ? LINEAR_END_MARGIN : region.kind === 'matrix' ? MATRIX_MARGIN : AREA_MARGIN,
        alongColumns ? LINEAR_END_MARGIN : region.kind === 'matrix' ? MATRIX_MARGIN : AREA_MARGIN,
        gray.width,
        gray.height,
      );
      const pixels = box.width * box.height * scaleX * scaleY;
      if (pixels > budget) {
        if (looksLikeCode(region)) unreadable.push(region.box);
        continue;
      }
      budget -= pixels;
      const upright = rotateGray(gray, Math.abs(region.degrees) < MIN_TILT_DEGREES ? 0 : -region.degrees, box, scaleX, scaleY);
      const sharp = fine ? { ...upright, data: sharpenRows(upright, 1, AREA_SCALE).data } : upright;
      // Bars: the linear formats with the fast global threshold first, then with PDF417 (which
      // also looks like bars) and local thresholds. Grids: every format, local thresholds.
      const attempts: { formats: BarcodeFormat[]; options: ZxingWasmOptions }[] =
        region.kind === 'linear'
          ? [
              { formats: linearFormats, options: fine ? AREA : FAST },
              { formats: formats.filter((format) => !MATRIX_FORMATS.includes(format)), options: fine ? AREA_LOCAL : LOCAL },
            ]
          : [
              { formats: [...formats], options: fine ? AREA_LOCAL : FAST },
              { formats: [...formats], options: fine ? AREA : LOCAL },
            ];
      let readHere = false;
      for (const attempt of attempts) {
        if (attempt.formats.length === 0) continue;
        if (add(await readTurned(read, sharp, attempt.formats, attempt.options)) > 0) {
          readHere = true;
          // Bars in line are often two codes side by side (a Code 128 beside a PDF417): the next
          // attempt reads the rest of the area unless the codes read cover it.
          if (region.kind !== 'linear' || coveredShare(region) >= REST_COVERED_SHARE) break;
        }
      }
      // A PDF417 often shows as pieces (its bars, its rows): a piece alone lacks the start or stop
      // pattern. Once more, wider, for PDF417 alone.
      if (!readHere && fine && region.kind === 'matrix' && formats.includes('PDF417')) {
        const wide = withMargins(region.box, PDF417_PIECE_MARGIN, MATRIX_MARGIN, gray.width, gray.height);
        const widePixels = wide.width * wide.height * scaleX * scaleY;
        if (widePixels <= budget) {
          budget -= widePixels;
          const image = rotateGray(gray, Math.abs(region.degrees) < MIN_TILT_DEGREES ? 0 : -region.degrees, wide, scaleX, scaleY);
          readHere = add(await readTurned(read, { ...image, data: sharpenRows(image, 1, AREA_SCALE).data }, ['PDF417'], AREA_LOCAL)) > 0;
        }
      }
      // Low contrast (uneven light, blur greying fine bars): the area's own grey levels stretched,
      // read with a fixed threshold at their midpoint.
      if (!readHere && region.kind === 'linear' && looksLikeCode(region) && linearFormats.length > 0) {
        readHere = add(await readTurned(read, { ...sharp, data: stretchGray(sharp).data }, linearFormats, AREA_FIXED)) > 0;
      }
      if (!readHere && looksLikeCode(region)) unreadable.push(region.box);
    }

    // Nothing at all: the most barcode-like area of the frame (./skew.ts, larger blocks), upright,
    // with zxing's own quarter turns and downscaling, then local thresholds, sharpened, stretched.
    if (found.size === 0) {
      const skew = estimateSkew(gray);
      if (skew) {
        const upright = rotateGray(gray, Math.abs(skew.degrees) < MIN_TILT_DEGREES ? 0 : -skew.degrees, skew.region);
        for (const { prepare, options } of LAST_RETRIES) {
          if (add(await readTurned(read, { ...upright, data: prepare(upright).data }, formats, options)) > 0) {
            // What was read there is no longer unreadable.
            const read = [...found.values()];
            unreadable.splice(
              0,
              unreadable.length,
              ...unreadable.filter((box) => !read.some((barcode) => barcode.position?.some((p) => inside(p, box)))),
            );
            break;
          }
        }
      }
    }
    return { barcodes: [...found.values()], unreadable };
  }

  return {
    name: 'zxing-wasm-multipass',
    decodeDetailed,
    async decode(frame, formats) {
      return (await decodeDetailed(frame, formats)).barcodes;
    },
  };
}
