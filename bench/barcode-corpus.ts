/**
 * Pictures of barcodes as a webcam would see them, for the decoder tests and `npm run bench:scan`.
 * bwip-js draws each symbol (one pixel per module); it is placed on a white label on a darker
 * desk in a 1280×720 RGBA frame, at a size and angle, then blurred, lit unevenly, and given
 * sensor noise. Every random choice comes from a seeded generator, so a corpus is the same on
 * every run.
 */
import bwipjs from 'bwip-js/node';
import { PNG } from 'pngjs';
import type { BarcodeFormat, RgbaFrame } from '../core/barcode/types';
import { ALL_BARCODE_FORMATS } from '../core/barcode/types';
import { seededRandom } from '../portal-sandbox/seeded-random';

export { seededRandom };

export const FRAME_WIDTH = 1280;
export const FRAME_HEIGHT = 720;

/** A symbol as drawn by bwip-js at scale 1: one byte per pixel, 0 ink, 255 paper. */
export interface Symbol {
  format: BarcodeFormat;
  text: string;
  width: number;
  height: number;
  /** bwip-js pixels per module at scale 1: 2 for QR Code and Data Matrix, 1 for the others. */
  modulePixels: number;
  gray: Uint8Array;
}

export const isLinear = (format: BarcodeFormat) => format === 'Code128' || format === 'Code39';

export interface CorpusFrame {
  /** Says what is in the picture, e.g. `017-QRCode-rot90-blur1.2`. */
  name: string;
  frame: RgbaFrame;
  /** Every barcode in the picture. */
  expected: { format: BarcodeFormat; text: string }[];
}

const AUTH_CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A 24-character authorization code in four dashed groups of six, like `43XC98-68WTGB-CWMH53-YS4RA9`. */
export function randomAuthCode(random: () => number): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 6; i++) group += AUTH_CODE_ALPHABET[Math.floor(random() * AUTH_CODE_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** A MAC with the vendor prefix, as printed on device labels: `000ADD023F8F`. */
export function randomMac(random: () => number): string {
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += '0123456789ABCDEF'[Math.floor(random() * 16)];
  return `000ADD${suffix}`;
}

/** The payloads a technician scans: dashed and undashed auth codes, and MACs, in turn. */
export function payload(index: number, random: () => number): string {
  switch (index % 3) {
    case 0:
      return randomAuthCode(random);
    case 1:
      return randomAuthCode(random).replaceAll('-', '');
    default:
      return randomMac(random);
  }
}

const BWIP_IDS: Record<BarcodeFormat, string> = {
  Code128: 'code128',
  Code39: 'code39',
  QRCode: 'qrcode',
  DataMatrix: 'datamatrix',
  PDF417: 'pdf417',
};

export interface SymbolStyle {
  /** Linear codes: bar height in millimetres at 72 dpi (2.83 modules each); 15 by default, as on a printed label. */
  heightMm?: number;
  /** PDF417: data columns (4 by default). */
  columns?: number;
}

/** Draws one symbol with bwip-js and reads its PNG back (pngjs). */
export async function drawSymbol(format: BarcodeFormat, text: string, style: SymbolStyle = {}): Promise<Symbol> {
  const png = await bwipjs.toBuffer({
    bcid: BWIP_IDS[format],
    text,
    scale: 1,
    ...(isLinear(format) ? { height: style.heightMm ?? 15 } : {}),
    ...(format === 'PDF417' ? { columns: style.columns ?? 4, rowmult: 3 } : {}),
  });
  const image = PNG.sync.read(png);
  const gray = new Uint8Array(image.width * image.height);
  for (let i = 0; i < gray.length; i++) {
    const alpha = image.data[i * 4 + 3]! / 255;
    // bwip-js leaves the background transparent: transparent is paper.
    gray[i] = Math.round(image.data[i * 4]! * alpha + 255 * (1 - alpha));
  }
  return {
    format,
    text,
    width: image.width,
    height: image.height,
    modulePixels: format === 'QRCode' || format === 'DataMatrix' ? 2 : 1,
    gray,
  };
}

export interface Placement {
  symbol: Symbol;
  /** Frame pixels per module (the narrowest bar, or one cell). */
  moduleSize: number;
  /** Clockwise, in degrees. */
  angle: number;
  centerX: number;
  centerY: number;
}

export interface SceneOptions {
  width?: number;
  height?: number;
  /** Gaussian blur (out of focus), in frame pixels; 0 for none. */
  blurSigma?: number;
  /** Standard deviation of the sensor noise, in grey levels; 0 for none. */
  noise?: number;
  /** 1: black ink on white paper; less: greyer ink, darker paper. */
  contrast?: number;
  /** How much darker the darkest corner is than the brightest (0 = even light). */
  shading?: number;
  random?: () => number;
}

/** Quiet zone drawn around each symbol on its label, in modules. */
const QUIET_ZONE = 10;

/** A symbol's label (symbol and quiet zone) in bwip-js pixels. */
function labelSize(symbol: Symbol): { width: number; height: number } {
  return { width: symbol.width + 2 * QUIET_ZONE * symbol.modulePixels, height: symbol.height + 2 * QUIET_ZONE * symbol.modulePixels };
}

/** The size a placed symbol's label takes in the frame, once turned. */
function labelExtent(symbol: Symbol, moduleSize: number, angle: number): { width: number; height: number } {
  const scale = moduleSize / symbol.modulePixels;
  const w = labelSize(symbol).width * scale;
  const h = labelSize(symbol).height * scale;
  const c = Math.abs(Math.cos((angle * Math.PI) / 180));
  const s = Math.abs(Math.sin((angle * Math.PI) / 180));
  return { width: w * c + h * s, height: w * s + h * c };
}

/** Renders symbols onto labels on a desk, then blurs, shades and adds noise. */
export function composeFrame(placements: readonly Placement[], options: SceneOptions = {}): RgbaFrame {
  const { width = FRAME_WIDTH, height = FRAME_HEIGHT, blurSigma = 0, noise = 0, contrast = 1, shading = 0 } = options;
  const random = options.random ?? seededRandom(1);
  const paper = 235 - (1 - contrast) * 60;
  const ink = paper - contrast * (paper - 20);
  const desk = 70 + random() * 50;
  const gray = new Float32Array(width * height).fill(desk);

  for (const { symbol, moduleSize, angle, centerX, centerY } of placements) {
    const { width: labelWidth, height: labelHeight } = labelSize(symbol);
    const quietZone = QUIET_ZONE * symbol.modulePixels;
    const scale = moduleSize / symbol.modulePixels;
    const extent = labelExtent(symbol, moduleSize, angle);
    const cos = Math.cos((angle * Math.PI) / 180);
    const sin = Math.sin((angle * Math.PI) / 180);
    const x0 = Math.max(0, Math.floor(centerX - extent.width / 2));
    const x1 = Math.min(width, Math.ceil(centerX + extent.width / 2));
    const y0 = Math.max(0, Math.floor(centerY - extent.height / 2));
    const y1 = Math.min(height, Math.ceil(centerY + extent.height / 2));
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        // 2×2 samples per pixel: edges fall between pixels as a lens would blend them.
        let sum = 0;
        let onLabel = 0;
        for (let sy = 0.25; sy < 1; sy += 0.5) {
          for (let sx = 0.25; sx < 1; sx += 0.5) {
            const dx = x + sx - centerX;
            const dy = y + sy - centerY;
            // Inverse rotation, then from frame pixels to bwip-js pixels.
            const u = (dx * cos + dy * sin) / scale + labelWidth / 2;
            const v = (-dx * sin + dy * cos) / scale + labelHeight / 2;
            if (u < 0 || v < 0 || u >= labelWidth || v >= labelHeight) continue;
            onLabel++;
            const mx = Math.floor(u) - quietZone;
            const my = Math.floor(v) - quietZone;
            const value = mx >= 0 && my >= 0 && mx < symbol.width && my < symbol.height ? symbol.gray[my * symbol.width + mx]! : 255;
            sum += ink + ((paper - ink) * value) / 255;
          }
        }
        if (onLabel > 0) {
          const i = y * width + x;
          gray[i] = (sum + gray[i]! * (4 - onLabel)) / 4;
        }
      }
    }
  }

  if (blurSigma > 0) gaussianBlur(gray, width, height, blurSigma);

  // Light falls off from one corner to the other, in a random direction.
  const lightAngle = random() * 2 * Math.PI;
  const lx = Math.cos(lightAngle) / width;
  const ly = Math.sin(lightAngle) / height;
  const normal = gaussian(random);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      const light = 1 - shading * (0.5 + 0.5 * ((x - width / 2) * lx + (y - height / 2) * ly) * 2);
      const value = gray[i]! * light + (noise > 0 ? noise * normal() : 0);
      // A warm white balance, so the decoders' colour-to-luma step is exercised.
      data[i * 4] = value * 1.02;
      data[i * 4 + 1] = value;
      data[i * 4 + 2] = value * 0.9;
      data[i * 4 + 3] = 255;
    }
  }
  return { width, height, data };
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

/** Gaussian blur approximated by three box blurs in each direction (in place). */
export function gaussianBlur(gray: Float32Array, width: number, height: number, sigma: number): void {
  // Box widths whose three passes give the wanted sigma (Kovesi's method).
  const ideal = Math.sqrt((12 * sigma * sigma) / 3 + 1);
  let lower = Math.floor(ideal);
  if (lower % 2 === 0) lower--;
  const upper = lower + 2;
  const m = Math.round((12 * sigma * sigma - 3 * lower * lower - 12 * lower - 9) / (-4 * lower - 4));
  const scratch = new Float32Array(gray.length);
  for (let pass = 0; pass < 3; pass++) {
    const radius = ((pass < m ? lower : upper) - 1) / 2;
    if (radius < 1) continue;
    boxBlur(gray, scratch, width, height, radius, true);
    boxBlur(scratch, gray, width, height, radius, false);
  }
}

function boxBlur(from: Float32Array, to: Float32Array, width: number, height: number, radius: number, horizontal: boolean): void {
  const lines = horizontal ? height : width;
  const length = horizontal ? width : height;
  const step = horizontal ? 1 : width;
  const scale = 1 / (2 * radius + 1);
  for (let line = 0; line < lines; line++) {
    const start = horizontal ? line * width : line;
    const at = (k: number) => from[start + Math.min(length - 1, Math.max(0, k)) * step]!;
    let sum = 0;
    for (let k = -radius; k <= radius; k++) sum += at(k);
    for (let k = 0; k < length; k++) {
      to[start + k * step] = sum * scale;
      sum += at(k + radius + 1) - at(k - radius);
    }
  }
}

/** The smallest module a 1280×720 webcam frame resolves for each kind of symbol, in pixels. */
const MIN_MODULE = { linear: 2.2, matrix: 3 };

/** The module size (frame pixels) at which a symbol spans `span` pixels, but no smaller than a webcam resolves. */
function moduleSizeFor(symbol: Symbol, span: number): number {
  return Math.max(isLinear(symbol.format) ? MIN_MODULE.linear : MIN_MODULE.matrix, (span * symbol.modulePixels) / symbol.width);
}

/**
 * One upright, sharp, noiseless frame per format and payload kind (15), plus a frame with a
 * QR code and a Code 128 side by side: what every decoder must read exactly.
 */
export async function cleanCorpus(seed = 7): Promise<CorpusFrame[]> {
  const random = seededRandom(seed);
  const frames: CorpusFrame[] = [];
  let index = 0;
  for (const format of ALL_BARCODE_FORMATS) {
    for (let kind = 0; kind < 3; kind++) {
      const symbol = await drawSymbol(format, payload(kind, random));
      const span = isLinear(format) ? 900 : format === 'PDF417' ? 700 : 300;
      const placement = {
        symbol,
        moduleSize: fitModuleSize(symbol, moduleSizeFor(symbol, span), 0),
        angle: 0,
        centerX: FRAME_WIDTH / 2,
        centerY: FRAME_HEIGHT / 2,
      };
      frames.push({
        name: `${String(index++).padStart(3, '0')}-${format}-clean`,
        frame: composeFrame([placement], { random }),
        expected: [{ format, text: symbol.text }],
      });
    }
  }
  const qr = await drawSymbol('QRCode', randomMac(random));
  const code128 = await drawSymbol('Code128', randomAuthCode(random));
  frames.push({
    name: `${String(index++).padStart(3, '0')}-QRCode+Code128-clean`,
    frame: composeFrame(
      [
        { symbol: qr, moduleSize: 8, angle: 0, centerX: 200, centerY: 360 },
        { symbol: code128, moduleSize: 2.4, angle: 0, centerX: 820, centerY: 360 },
      ],
      { random },
    ),
    expected: [
      { format: 'QRCode', text: qr.text },
      { format: 'Code128', text: code128.text },
    ],
  });
  return frames;
}

/** The largest module size up to `wanted` at which the turned label still fits in the frame. */
function fitModuleSize(symbol: Symbol, wanted: number, angle: number): number {
  const extent = labelExtent(symbol, 1, angle);
  return Math.min(wanted, (FRAME_WIDTH * 0.95) / extent.width, (FRAME_HEIGHT * 0.95) / extent.height);
}

export interface DegradedCorpusOptions {
  count?: number;
  seed?: number;
}

/**
 * Frames as a handheld webcam gives them: all five formats in turn, each payload kind, sizes
 * from small to filling the frame, tilted up to ±10° (one in five a quarter turn more, where the
 * label fits), out of focus (blur σ 0.4–1.2 px), noisy (σ 2–8 grey levels), contrast 0.5–1,
 * uneven light.
 */
export async function degradedCorpus(options: DegradedCorpusOptions = {}): Promise<CorpusFrame[]> {
  const { count = 100, seed = 20240611 } = options;
  const random = seededRandom(seed);
  const frames: CorpusFrame[] = [];
  for (let index = 0; index < count; index++) {
    const format = ALL_BARCODE_FORMATS[index % ALL_BARCODE_FORMATS.length]!;
    const symbol = await drawSymbol(format, payload(Math.floor(index / ALL_BARCODE_FORMATS.length), random));
    const linear = isLinear(format);
    // How wide the symbol appears: from small in the frame to filling it.
    const span = linear ? 700 + random() * 450 : format === 'PDF417' ? 450 + random() * 350 : 110 + random() * 270;
    let angle = (random() * 2 - 1) * 10;
    const wanted = moduleSizeFor(symbol, span);
    // One in five a quarter turn, where the label still fits at a module size a webcam resolves.
    if (random() < 0.2 && fitModuleSize(symbol, wanted, angle + 90) >= (linear ? MIN_MODULE.linear : MIN_MODULE.matrix)) angle += 90;
    const moduleSize = fitModuleSize(symbol, wanted, angle);
    const extent = labelExtent(symbol, moduleSize, angle);
    const centerX = extent.width / 2 + random() * Math.max(0, FRAME_WIDTH - extent.width);
    const centerY = extent.height / 2 + random() * Math.max(0, FRAME_HEIGHT - extent.height);
    const blurSigma = 0.4 + random() * 0.8;
    const noise = 2 + random() * 6;
    const contrast = 0.5 + random() * 0.5;
    const shading = random() * 0.3;
    frames.push({
      name: `${String(index).padStart(3, '0')}-${format}-rot${angle.toFixed(0)}-m${moduleSize.toFixed(1)}-blur${blurSigma.toFixed(1)}-noise${noise.toFixed(0)}-contrast${contrast.toFixed(2)}`,
      frame: composeFrame([{ symbol, moduleSize, angle, centerX, centerY }], { blurSigma, noise, contrast, shading, random }),
      expected: [{ format, text: symbol.text }],
    });
  }
  return frames;
}

/** A frame with no barcode at all: a desk, light and noise. */
export function emptyFrame(seed = 3): RgbaFrame {
  return composeFrame([], { noise: 6, shading: 0.2, blurSigma: 1, random: seededRandom(seed) });
}

/** Encodes a frame as PNG (for writing a corpus to disk). */
export function framePng(frame: RgbaFrame): Buffer {
  const png = new PNG({ width: frame.width, height: frame.height });
  png.data = Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength);
  return PNG.sync.write(png);
}
