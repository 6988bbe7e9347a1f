/**
 * What a 720p webcam sees of a printed sheet of barcodes (issue 10, "Scan a whole sheet"): 2–10
 * small symbols in the cells of a ruled table, with captions and text around them, the sheet
 * turned a little, and one kind of trouble per frame (its difficulty class): none (`clean`), the
 * smallest sizes (`small`), motion blur along one direction (`blur`), JPEG/H.264-like 8×8 block
 * quantisation (`blocking`), a keystone from holding the sheet at an angle (`perspective`) or
 * uneven light with a shadow (`light`). Every frame also has a little focus blur, sensor noise and
 * light fall-off. Sizes: Code 128 of an authorization code (24 or 27 characters) and PDF417 at
 * 1.5–2.5 frame pixels per module, QR Code and Data Matrix 130–250 px wide.
 * Seeded: the same seed gives the same frames on every run.
 */
import jpeg from 'jpeg-js';
import type { BarcodeFormat, RgbaFrame } from '../core/barcode/types';
import { ALL_BARCODE_FORMATS } from '../core/barcode/types';
import {
  drawSymbol,
  FRAME_HEIGHT,
  FRAME_WIDTH,
  gaussianBlur,
  isLinear,
  payload,
  seededRandom,
  type Symbol as DrawnSymbol,
} from './barcode-corpus';

export const SHEET_DIFFICULTIES = ['clean', 'small', 'blur', 'blocking', 'perspective', 'light'] as const;
export type SheetDifficulty = (typeof SHEET_DIFFICULTIES)[number];

export interface Point {
  x: number;
  y: number;
}

export interface SheetSymbol {
  format: BarcodeFormat;
  text: string;
  /** The symbol's corners (without its quiet zone) in frame pixels: top left, top right, bottom right, bottom left. */
  corners: Point[];
  /** Frame pixels per module before perspective (the narrowest bar, or one cell). */
  moduleSize: number;
}

export interface SheetFrame {
  /** Says what is in the picture, e.g. `003-blur-6codes`. */
  name: string;
  difficulty: SheetDifficulty;
  frame: RgbaFrame;
  /** Every symbol placed in the picture. */
  expected: SheetSymbol[];
}

/** The symbols' formats on sheets: the authorization-code symbologies (Code 39 is for old labels, not sheets). */
export const SHEET_FORMATS: readonly BarcodeFormat[] = ALL_BARCODE_FORMATS.filter((format) => format !== 'Code39');

/** The sheet's print and ruling are drawn at this many samples per frame pixel (each way) before the camera's view of it. */
const OVERSAMPLE = 2;
const MARGIN = 24;
/** Quiet zone kept free of text and ruling around each symbol, in modules (at least QUIET_MIN_PX). */
const QUIET_MODULES = 10;
const QUIET_MIN_PX = 14;
const CAPTION_HEIGHT = 14;

const range = (random: () => number, low: number, high: number) => low + random() * (high - low);

interface SizedSymbol {
  symbol: DrawnSymbol;
  /** Sheet (pre-warp frame) pixels per bwip-js pixel. */
  scale: number;
  moduleSize: number;
}

/** Picks a symbol's payload and size for a difficulty class, and draws it. */
async function pickSymbol(format: BarcodeFormat, index: number, difficulty: SheetDifficulty, random: () => number): Promise<SizedSymbol> {
  const small = difficulty === 'small';
  // Authorization codes (dashed and compact) on 1D codes and PDF417; MACs too on QR / Data Matrix.
  const text = payload(format === 'Code128' || format === 'PDF417' ? index % 2 : index % 3, random);
  if (isLinear(format) || format === 'PDF417') {
    const moduleSize = small ? range(random, 1.5, 1.75) : range(random, 1.5, 2.5);
    // Bars 28–45 px tall; PDF417 rows three modules tall.
    const heightMm = range(random, 28, 45) / moduleSize / (72 / 25.4);
    const symbol = await drawSymbol(format, text, { heightMm, columns: 2 + Math.floor(random() * 2) });
    return { symbol, scale: moduleSize, moduleSize };
  }
  const symbol = await drawSymbol(format, text);
  const span = small ? range(random, 130, 160) : range(random, 140, 250);
  const scale = span / symbol.width;
  return { symbol, scale, moduleSize: scale * symbol.modulePixels };
}

/** The coefficients h0…h7 of the 2D projective map through four point pairs. */
function homography(from: readonly Point[], to: readonly Point[]): number[] {
  // Solve for h (8 unknowns) in x' = (h0 x + h1 y + h2) / (h6 x + h7 y + 1), likewise y'.
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i]!;
    const { x: u, y: v } = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let row = col + 1; row < 8; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let row = 0; row < 8; row++) {
      if (row === col) continue;
      const f = a[row]![col]! / a[col]![col]!;
      for (let k = col; k < 9; k++) a[row]![k]! -= f * a[col]![k]!;
    }
  }
  return a.map((row, i) => row[8]! / row[i]!);
}

function project(h: readonly number[], { x, y }: Point): Point {
  const w = h[6]! * x + h[7]! * y + 1;
  return { x: (h[0]! * x + h[1]! * y + h[2]!) / w, y: (h[3]! * x + h[4]! * y + h[5]!) / w };
}

/**
 * Text-like marks: each character a few strokes of a 14-segment cell (upright, level and
 * diagonal), so text has the mixed edge directions of print, not a barcode's one direction.
 */
const SEGMENTS: [number, number, number, number][] = [
  [0, 0, 1, 0],
  [0, 0.5, 1, 0.5],
  [0, 1, 1, 1],
  [0, 0, 0, 0.5],
  [0, 0.5, 0, 1],
  [1, 0, 1, 0.5],
  [1, 0.5, 1, 1],
  [0.5, 0, 0.5, 0.5],
  [0.5, 0.5, 0.5, 1],
  [0, 0, 0.5, 0.5],
  [1, 0, 0.5, 0.5],
  [0, 1, 0.5, 0.5],
  [1, 1, 0.5, 0.5],
];

class Sheet {
  readonly width = FRAME_WIDTH * OVERSAMPLE;
  readonly height = FRAME_HEIGHT * OVERSAMPLE;
  /** Reflectance, 0 ink to 1 paper, OVERSAMPLE samples per sheet pixel each way. */
  readonly reflectance = new Float32Array(this.width * this.height).fill(1);

  /** Paints a rectangle of sheet pixels (fractional edges snap to the raster) at a reflectance. */
  fill(x: number, y: number, w: number, h: number, value: number): void {
    const x0 = Math.max(0, Math.round(x * OVERSAMPLE));
    const x1 = Math.min(this.width, Math.round((x + w) * OVERSAMPLE));
    const y0 = Math.max(0, Math.round(y * OVERSAMPLE));
    const y1 = Math.min(this.height, Math.round((y + h) * OVERSAMPLE));
    for (let row = y0; row < y1; row++) this.reflectance.fill(value, row * this.width + x0, row * this.width + x1);
  }

  /** Symbols are sampled exactly (not from the raster): their edges fall anywhere between pixels. */
  private readonly symbols: { sized: SizedSymbol; x: number; y: number }[] = [];
  /** Which symbol (index + 1) covers each sheet pixel, 0 none. */
  private readonly owner = new Uint8Array(FRAME_WIDTH * FRAME_HEIGHT);
  private readonly near = new Uint8Array(FRAME_WIDTH * FRAME_HEIGHT);

  symbol(sized: SizedSymbol, x: number, y: number): void {
    this.symbols.push({ sized, x, y });
    const x1 = Math.min(FRAME_WIDTH, Math.ceil(x + sized.symbol.width * sized.scale));
    const y1 = Math.min(FRAME_HEIGHT, Math.ceil(y + sized.symbol.height * sized.scale));
    for (let row = Math.max(0, Math.floor(y)); row < y1; row++) {
      this.owner.fill(this.symbols.length, row * FRAME_WIDTH + Math.max(0, Math.floor(x)), row * FRAME_WIDTH + x1);
    }
    // Two pixels round each symbol, so every frame pixel touching one is sampled finely.
    for (let row = Math.max(0, Math.floor(y) - 2); row < Math.min(FRAME_HEIGHT, y1 + 2); row++) {
      this.near.fill(1, row * FRAME_WIDTH + Math.max(0, Math.floor(x) - 2), row * FRAME_WIDTH + Math.min(FRAME_WIDTH, x1 + 2));
    }
  }

  nearSymbol(u: number, v: number): boolean {
    return u >= 0 && v >= 0 && u < FRAME_WIDTH && v < FRAME_HEIGHT && this.near[(v | 0) * FRAME_WIDTH + (u | 0)] === 1;
  }

  /** Reflectance at a sheet point, or -1 off the sheet. */
  sample(u: number, v: number): number {
    if (u < 0 || v < 0 || u >= FRAME_WIDTH || v >= FRAME_HEIGHT) return -1;
    const index = this.owner[(v | 0) * FRAME_WIDTH + (u | 0)]!;
    if (index > 0) {
      const { sized, x, y } = this.symbols[index - 1]!;
      const sx = Math.floor((u - x) / sized.scale);
      const sy = Math.floor((v - y) / sized.scale);
      const { symbol } = sized;
      if (sx >= 0 && sy >= 0 && sx < symbol.width && sy < symbol.height) return symbol.gray[sy * symbol.width + sx]! / 255;
    }
    return this.reflectance[Math.floor(v * OVERSAMPLE) * this.width + Math.floor(u * OVERSAMPLE)]!;
  }

  /** A line of text-like marks `size` px tall from (x, y), no wider than `maxWidth`. */
  text(x: number, y: number, size: number, maxWidth: number, random: () => number): void {
    const advance = size * 0.72;
    const stroke = Math.max(0.9, size * 0.13) * OVERSAMPLE;
    let cx = x;
    while (cx + advance < x + maxWidth) {
      const word = 2 + Math.floor(random() * 7);
      if (cx + word * advance > x + maxWidth) break;
      for (let c = 0; c < word; c++, cx += advance) {
        const strokes = SEGMENTS.filter(() => random() < 0.3);
        this.strokes(cx, y, size * 0.55, size, strokes, stroke);
      }
      cx += advance;
    }
  }

  private strokes(x: number, y: number, w: number, h: number, segments: [number, number, number, number][], stroke: number): void {
    const px0 = Math.floor(x * OVERSAMPLE - stroke);
    const py0 = Math.floor(y * OVERSAMPLE - stroke);
    const px1 = Math.ceil((x + w) * OVERSAMPLE + stroke);
    const py1 = Math.ceil((y + h) * OVERSAMPLE + stroke);
    for (const [ax, ay, bx, by] of segments) {
      const x0 = (x + ax * w) * OVERSAMPLE;
      const y0 = (y + ay * h) * OVERSAMPLE;
      const dx = (bx - ax) * w * OVERSAMPLE;
      const dy = (by - ay) * h * OVERSAMPLE;
      const length2 = dx * dx + dy * dy;
      for (let py = Math.max(0, py0); py < Math.min(this.height, py1); py++) {
        for (let px = Math.max(0, px0); px < Math.min(this.width, px1); px++) {
          const t = Math.max(0, Math.min(1, ((px + 0.5 - x0) * dx + (py + 0.5 - y0) * dy) / length2));
          const ex = px + 0.5 - x0 - t * dx;
          const ey = py + 0.5 - y0 - t * dy;
          if (ex * ex + ey * ey <= (stroke * stroke) / 4) this.reflectance[py * this.width + px] = 0;
        }
      }
    }
  }
}

interface Cell {
  sized: SizedSymbol;
  quiet: number;
  width: number;
  height: number;
}

/** Lays the cells out in rows (shelves) inside the margins; those that do not fit are left out. */
function layout(cells: Cell[]): { cell: Cell; x: number; y: number; rowHeight: number }[] {
  const placed: { cell: Cell; x: number; y: number; rowHeight: number }[] = [];
  let x = MARGIN;
  let y = MARGIN;
  let row: { cell: Cell; x: number; y: number; rowHeight: number }[] = [];
  const closeRow = () => {
    const rowHeight = Math.max(...row.map((p) => p.cell.height));
    for (const p of row) p.rowHeight = rowHeight;
    placed.push(...row);
    y += rowHeight;
    x = MARGIN;
    row = [];
  };
  for (const cell of cells) {
    if (x + cell.width > FRAME_WIDTH - MARGIN && row.length > 0) closeRow();
    if (x + cell.width > FRAME_WIDTH - MARGIN || y + cell.height > FRAME_HEIGHT - MARGIN) continue;
    row.push({ cell, x, y, rowHeight: cell.height });
    x += cell.width;
  }
  if (row.length > 0) closeRow();
  return placed;
}

export interface SheetCorpusOptions {
  count?: number;
  seed?: number;
  /** Only these classes, in turn (all six by default). */
  difficulties?: readonly SheetDifficulty[];
}

/** `count` sheet frames, the difficulty classes in turn. */
export async function sheetCorpus(options: SheetCorpusOptions = {}): Promise<SheetFrame[]> {
  const { count = 60, seed = 1, difficulties = SHEET_DIFFICULTIES } = options;
  const random = seededRandom(seed);
  const frames: SheetFrame[] = [];
  for (let index = 0; index < count; index++) {
    const difficulty = difficulties[index % difficulties.length]!;
    frames.push(await sheetFrame(`${String(index).padStart(3, '0')}-${difficulty}`, difficulty, random));
  }
  return frames;
}

/** One sheet frame of a difficulty class. */
export async function sheetFrame(name: string, difficulty: SheetDifficulty, random: () => number): Promise<SheetFrame> {
  const wanted = 2 + Math.floor(random() * 9);
  const cells: Cell[] = [];
  for (let i = 0; i < wanted; i++) {
    const format = SHEET_FORMATS[Math.floor(random() * SHEET_FORMATS.length)]!;
    const sized = await pickSymbol(format, i, difficulty, random);
    const quiet = Math.ceil(Math.max(QUIET_MIN_PX, QUIET_MODULES * sized.moduleSize * (isLinear(format) || format === 'PDF417' ? 1 : 0.4)));
    cells.push({
      sized,
      quiet,
      width: sized.symbol.width * sized.scale + 2 * quiet,
      height: CAPTION_HEIGHT + sized.symbol.height * sized.scale + 2 * quiet,
    });
  }
  const placed = layout(cells);

  const sheet = new Sheet();
  const ruling = range(random, 0.2, 0.5);
  const textSize = range(random, 7, 10);
  const symbols: { sized: SizedSymbol; x: number; y: number }[] = [];
  for (const { cell, x, y, rowHeight } of placed) {
    const { sized, quiet, width } = cell;
    sheet.text(x + 4, y + 3, textSize, width - 8, random);
    const sx = x + quiet;
    const sy = y + CAPTION_HEIGHT + quiet;
    sheet.symbol(sized, sx, sy);
    symbols.push({ sized, x: sx, y: sy });
    // The table's ruling: each cell boxed.
    sheet.fill(x, y, width, 1.2, ruling);
    sheet.fill(x, y + rowHeight, width, 1.2, ruling);
    sheet.fill(x, y, 1.2, rowHeight, ruling);
    sheet.fill(x + width, y, 1.2, rowHeight + 1.2, ruling);
  }
  // Paragraphs below the table.
  const bottom = Math.max(MARGIN, ...placed.map((p) => p.y + p.rowHeight)) + 12;
  for (let y = bottom; y + textSize < FRAME_HEIGHT - MARGIN; y += textSize * 1.8) {
    sheet.text(MARGIN, y, textSize, FRAME_WIDTH - 2 * MARGIN - random() * 400, random);
  }

  // How the camera sees the sheet: turned a little, and in `perspective` a keystone.
  const turn = ((random() * 2 - 1) * (difficulty === 'perspective' ? 5 : 2) * Math.PI) / 180;
  const keystone = difficulty === 'perspective' ? range(random, 0.04, 0.08) : 0;
  const sheetCorners = [
    { x: 0, y: 0 },
    { x: FRAME_WIDTH, y: 0 },
    { x: FRAME_WIDTH, y: FRAME_HEIGHT },
    { x: 0, y: FRAME_HEIGHT },
  ];
  const horizontal = random() < 0.5;
  const far = random() < 0.5 ? 0 : 1;
  const frameCorners = sheetCorners.map(({ x, y }, corner) => {
    const cx = x - FRAME_WIDTH / 2;
    const cy = y - FRAME_HEIGHT / 2;
    // The far edge of the sheet (top/bottom or left/right) looks shorter.
    const onFarEdge = horizontal ? (corner < 2 ? 0 : 1) === far : (corner === 0 || corner === 3 ? 0 : 1) === far;
    const shrink = onFarEdge ? 1 - keystone : 1 + keystone / 2;
    const px = horizontal ? cx * shrink : cx;
    const py = horizontal ? cy : cy * shrink;
    return {
      x: FRAME_WIDTH / 2 + px * Math.cos(turn) - py * Math.sin(turn),
      y: FRAME_HEIGHT / 2 + px * Math.sin(turn) + py * Math.cos(turn),
    };
  });
  const toFrame = homography(sheetCorners, frameCorners);
  const [h0, h1, h2, h3, h4, h5, h6, h7] = homography(frameCorners, sheetCorners) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];

  const contrast = difficulty === 'light' ? range(random, 0.6, 0.8) : range(random, 0.85, 1);
  const paper = 230 - (1 - contrast) * 50;
  const ink = paper - contrast * (paper - 25);
  const desk = 60 + random() * 50;
  const gray = new Float32Array(FRAME_WIDTH * FRAME_HEIGHT);
  // The pixel's area as the sensor integrates it: 3×3 samples on and near symbols (their edges
  // fall anywhere between pixels), 2×2 on print and paper.
  const fine = [1 / 6, 1 / 2, 5 / 6];
  const coarse = [1 / 4, 3 / 4];
  for (let y = 0, i = 0; y < FRAME_HEIGHT; y++) {
    for (let x = 0; x < FRAME_WIDTH; x++, i++) {
      const wc = h6 * (x + 0.5) + h7 * (y + 0.5) + 1;
      const offsets = sheet.nearSymbol((h0 * (x + 0.5) + h1 * (y + 0.5) + h2) / wc, (h3 * (x + 0.5) + h4 * (y + 0.5) + h5) / wc)
        ? fine
        : coarse;
      let sum = 0;
      for (let j = 0; j < offsets.length; j++) {
        const fy = y + offsets[j]!;
        for (let k = 0; k < offsets.length; k++) {
          const fx = x + offsets[k]!;
          const w = h6 * fx + h7 * fy + 1;
          const value = sheet.sample((h0 * fx + h1 * fy + h2) / w, (h3 * fx + h4 * fy + h5) / w);
          sum += value < 0 ? desk : ink + (paper - ink) * value;
        }
      }
      gray[i] = sum / (offsets.length * offsets.length);
    }
  }

  if (difficulty === 'blur') motionBlur(gray, range(random, 1.5, 3), random() * Math.PI);
  gaussianBlur(gray, FRAME_WIDTH, FRAME_HEIGHT, range(random, 0.35, 0.6));

  // Light falls off across the frame; in `light`, more so, plus a soft shadow (a hand, the camera).
  const shading = difficulty === 'light' ? range(random, 0.35, 0.55) : range(random, 0, 0.15);
  const lightAngle = random() * 2 * Math.PI;
  const lx = Math.cos(lightAngle);
  const ly = Math.sin(lightAngle);
  const shadow =
    difficulty === 'light'
      ? { x: random() * FRAME_WIDTH, y: random() * FRAME_HEIGHT, radius: range(random, 150, 350), depth: range(random, 0.3, 0.5) }
      : undefined;
  const noise = range(random, 2, 5);
  const normal = gaussian(random);
  const data = new Uint8ClampedArray(FRAME_WIDTH * FRAME_HEIGHT * 4);
  for (let y = 0, i = 0; y < FRAME_HEIGHT; y++) {
    for (let x = 0; x < FRAME_WIDTH; x++, i++) {
      let light = 1 - shading * (0.5 + ((x / FRAME_WIDTH - 0.5) * lx + (y / FRAME_HEIGHT - 0.5) * ly));
      if (shadow) light *= 1 - shadow.depth / (1 + ((x - shadow.x) ** 2 + (y - shadow.y) ** 2) / shadow.radius ** 2) ** 2;
      const value = gray[i]! * light + noise * normal();
      data[i * 4] = value * 1.02;
      data[i * 4 + 1] = value;
      data[i * 4 + 2] = value * 0.9;
      data[i * 4 + 3] = 255;
    }
  }
  let frame: RgbaFrame = { width: FRAME_WIDTH, height: FRAME_HEIGHT, data };
  if (difficulty === 'blocking') frame = jpegRoundTrip(frame, Math.round(range(random, 20, 40)));

  const expected = symbols.map(({ sized, x, y }) => ({
    format: sized.symbol.format,
    text: sized.symbol.text,
    moduleSize: sized.moduleSize,
    corners: [
      { x, y },
      { x: x + sized.symbol.width * sized.scale, y },
      { x: x + sized.symbol.width * sized.scale, y: y + sized.symbol.height * sized.scale },
      { x, y: y + sized.symbol.height * sized.scale },
    ].map((corner) => project(toFrame, corner)),
  }));
  return { name: `${name}-${expected.length}codes`, difficulty, frame, expected };
}

/** Blur along one direction (camera shake): the mean of samples along a `length`-pixel line. */
function motionBlur(gray: Float32Array, length: number, angle: number): void {
  const source = Float32Array.from(gray);
  const steps = Math.max(2, Math.ceil(length * 2));
  const dx = (Math.cos(angle) * length) / (steps - 1);
  const dy = (Math.sin(angle) * length) / (steps - 1);
  for (let y = 0, i = 0; y < FRAME_HEIGHT; y++) {
    for (let x = 0; x < FRAME_WIDTH; x++, i++) {
      let sum = 0;
      for (let k = 0; k < steps; k++) {
        const sx = Math.min(FRAME_WIDTH - 1.001, Math.max(0, x + (k - (steps - 1) / 2) * dx));
        const sy = Math.min(FRAME_HEIGHT - 1.001, Math.max(0, y + (k - (steps - 1) / 2) * dy));
        const x0 = sx | 0;
        const y0 = sy | 0;
        const fx = sx - x0;
        const fy = sy - y0;
        const p = y0 * FRAME_WIDTH + x0;
        const top = source[p]! + (source[p + 1]! - source[p]!) * fx;
        const bottom = source[p + FRAME_WIDTH]! + (source[p + FRAME_WIDTH + 1]! - source[p + FRAME_WIDTH]!) * fx;
        sum += top + (bottom - top) * fy;
      }
      gray[i] = sum / steps;
    }
  }
}

/** A JPEG encode and decode (jpeg-js): the 8×8 block quantisation of a compressed camera stream. */
function jpegRoundTrip(frame: RgbaFrame, quality: number): RgbaFrame {
  const encoded = jpeg.encode({ width: frame.width, height: frame.height, data: Buffer.from(frame.data.buffer) }, quality);
  const decoded = jpeg.decode(encoded.data, { useTArray: true, formatAsRGBA: true });
  return {
    width: decoded.width,
    height: decoded.height,
    data: new Uint8ClampedArray(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength),
  };
}

/** Standard normal deviates (Box–Muller), drawn from `random`. */
function gaussian(random: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const t = 2 * Math.PI * random();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  };
}
