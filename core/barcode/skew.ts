import type { GrayImage } from './luminance';

/** Side of the square blocks whose edge direction is measured, in frame pixels. */
const BLOCK = 32;
/** A block counts as barcode-like when its edges lean to one direction (modulo 90°)… */
const MIN_COHERENCE = 0.3;
/** …and are well above the picture's noise floor (its median block) and this absolute floor. */
const NOISE_FLOOR_FACTOR = 4;
const MIN_ENERGY = 100;
/** Blocks this many apart (or closer) belong to the same group. */
const REACH = 2;

export interface SkewEstimate {
  /** Clockwise tilt of the barcode-like area's edges, in degrees, in (-45, 45]. */
  degrees: number;
  /** The barcode-like area around the strongest such blocks, with a margin for the quiet zone. */
  region: { x: number; y: number; width: number; height: number };
}

/**
 * Finds the most barcode-like area of a picture and how far it is tilted. Bars, and the modules of
 * 2D symbols, have straight edges at one angle (and its right angle): in blocks of the picture,
 * the gradient directions are summed as vectors at four times their angle, so directions 90°
 * apart add up; a block where they agree (high coherence) and are strong is barcode-like.
 * The connected group of such blocks with the most aligned edge energy is the barcode; its tilt
 * is the energy-weighted mean. Returns undefined when nothing in the picture looks like a barcode.
 */
export function estimateSkew(image: GrayImage): SkewEstimate | undefined {
  const { width, height, data } = image;
  const columns = Math.floor(width / BLOCK);
  const rows = Math.floor(height / BLOCK);
  if (columns === 0 || rows === 0) return undefined;
  const energy = new Float64Array(columns * rows);
  const cos4 = new Float64Array(columns * rows);
  const sin4 = new Float64Array(columns * rows);
  const samples = (BLOCK / 2) * (BLOCK / 2);

  // Central differences on every other pixel of every other row: enough to see the edges.
  for (let y = 1; y < rows * BLOCK - 1; y += 2) {
    const rowBlock = Math.floor(y / BLOCK) * columns;
    for (let x = 1; x < columns * BLOCK - 1; x += 2) {
      const i = y * width + x;
      const gx = data[i + 1]! - data[i - 1]!;
      const gy = data[i + width]! - data[i - width]!;
      const m2 = gx * gx + gy * gy;
      if (m2 === 0) continue;
      // (a, b) points at twice the gradient's angle, (a² − b², 2ab) / m² at four times, length m².
      const a = gx * gx - gy * gy;
      const b = 2 * gx * gy;
      const block = (rowBlock + x / BLOCK) | 0;
      energy[block]! += m2;
      cos4[block]! += (a * a - b * b) / m2;
      sin4[block]! += (2 * a * b) / m2;
    }
  }

  const oriented = new Float64Array(columns * rows);
  for (let block = 0; block < oriented.length; block++) oriented[block] = Math.hypot(cos4[block]!, sin4[block]!);
  const sorted = Float64Array.from(energy).sort();
  const minEnergy = Math.max(MIN_ENERGY * samples, NOISE_FLOOR_FACTOR * sorted[sorted.length >> 1]!);
  const barcodeLike = new Uint8Array(columns * rows);
  for (let block = 0; block < barcodeLike.length; block++) {
    if (energy[block]! >= minEnergy && oriented[block]! >= MIN_COHERENCE * energy[block]!) barcodeLike[block] = 1;
  }

  // The group of barcode-like blocks with the most aligned edge energy; blocks two apart still
  // join, since a block inside a wide bar or a large module has no edge at all.
  const group = new Int32Array(columns * rows).fill(-1);
  let best: { energy: number; blocks: number[] } | undefined;
  for (let start = 0; start < barcodeLike.length; start++) {
    if (!barcodeLike[start] || group[start]! >= 0) continue;
    const blocks = [start];
    group[start] = start;
    let total = 0;
    for (let k = 0; k < blocks.length; k++) {
      const block = blocks[k]!;
      total += oriented[block]!;
      const bx = block % columns;
      const by = (block / columns) | 0;
      for (let ny = Math.max(0, by - REACH); ny <= Math.min(rows - 1, by + REACH); ny++) {
        for (let nx = Math.max(0, bx - REACH); nx <= Math.min(columns - 1, bx + REACH); nx++) {
          const neighbour = ny * columns + nx;
          if (barcodeLike[neighbour] && group[neighbour]! < 0) {
            group[neighbour] = start;
            blocks.push(neighbour);
          }
        }
      }
    }
    if (!best || total > best.energy) best = { energy: total, blocks };
  }
  if (!best) return undefined;

  let c = 0;
  let s = 0;
  let [x0, y0, x1, y1] = [columns, rows, 0, 0];
  for (const block of best.blocks) {
    c += cos4[block]!;
    s += sin4[block]!;
    const bx = block % columns;
    const by = (block / columns) | 0;
    [x0, y0, x1, y1] = [Math.min(x0, bx), Math.min(y0, by), Math.max(x1, bx), Math.max(y1, by)];
  }
  // The gradient is across the bars: its angle is the bars' tilt (modulo 90°).
  let degrees = (Math.atan2(s, c) * 180) / Math.PI / 4;
  if (degrees <= -45) degrees += 90;
  const margin = 1.5 * BLOCK;
  const x = Math.max(0, x0 * BLOCK - margin);
  const y = Math.max(0, y0 * BLOCK - margin);
  return {
    degrees,
    region: { x, y, width: Math.min(width, (x1 + 1) * BLOCK + margin) - x, height: Math.min(height, (y1 + 1) * BLOCK + margin) - y },
  };
}
