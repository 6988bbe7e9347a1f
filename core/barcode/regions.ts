import type { GrayImage } from './luminance';

/** Side of the square blocks whose edges are measured, in frame pixels. */
export const REGION_BLOCK = 16;
/** Linear codes (and PDF417): nearly all edge energy across one direction (modulo 180°). */
const MIN_LINEAR_COHERENCE = 0.6;
/** Matrix codes: edges along two directions at a right angle (modulo 90°), like a grid. */
const MIN_GRID_COHERENCE = 0.45;
/** Mean squared gradient (over 2 px) a block needs at least. */
const MIN_ENERGY = 150;
/** A strong edge sample: a step of 20 grey levels or more over 2 px. */
const STRONG_EDGE = 400;
/**
 * Share of a block's samples on strong edges: bars put an edge every few pixels, so most
 * samples; a ruling line or the sheet's edge crosses a block once. Grids of large cells have fewer.
 */
const MIN_LINEAR_DENSITY = 0.35;
const MIN_GRID_DENSITY = 0.15;
/** A row of a linear region with fewer barred blocks than this share of its fullest row is a gap between codes. */
const BAND_SHARE = 0.3;
/** Overlapping regions merge when their union's box is at most this much larger than their boxes together. */
const MAX_MERGE_GROWTH = 1.2;
/** Linear regions in line merge across a gap of up to two blocks, if their tilts agree to this many degrees. */
const MAX_LINE_GAP = 2 * REGION_BLOCK;
const MAX_LINE_TURN = 5;

export type RegionKind = 'linear' | 'matrix';

export interface BarcodeRegion {
  kind: RegionKind;
  /** Clockwise tilt of the edges, in degrees, in (-45, 45] for matrix regions and (-90, 90] for linear ones (0: upright bars). */
  degrees: number;
  /** Bounding box of the region's blocks, in frame pixels (no margin). */
  box: { x: number; y: number; width: number; height: number };
  /** Its blocks' coherent edge energy, to try the most barcode-like first. */
  strength: number;
  /** How many blocks it has. */
  blocks: number;
  /** Share of its edge energy along the kind's directions (1: every edge agrees). */
  coherence: number;
  /** Share of its samples on a strong edge: nearly all for bars of 1.5 px, a third for bars of 4 px. */
  density: number;
  /** The centres of its blocks, in frame pixels. */
  cells: { x: number; y: number }[];
}

/**
 * Every barcode-like area of a picture. In blocks of REGION_BLOCK pixels the gradient directions
 * are summed as vectors at twice their angle (bars: all edges one way) and at four times (grids:
 * directions 90° apart add up). A block whose edges are strong and agree is linear-like or
 * matrix-like; neighbouring blocks of a kind form one region, whose tilt is the energy-weighted
 * mean of its blocks'. Text, with edges every way, is neither.
 */
export function findBarcodeRegions(image: GrayImage): BarcodeRegion[] {
  const { width, height, data } = image;
  const columns = Math.floor(width / REGION_BLOCK);
  const rows = Math.floor(height / REGION_BLOCK);
  if (columns === 0 || rows === 0) return [];
  const count = columns * rows;
  const energy = new Float64Array(count);
  const energy4 = new Float64Array(count);
  const cos2 = new Float64Array(count);
  const sin2 = new Float64Array(count);
  const cos4 = new Float64Array(count);
  const sin4 = new Float64Array(count);
  const strong = new Uint16Array(count);
  const samples = (REGION_BLOCK / 2) * (REGION_BLOCK / 2);

  // Central differences on every other pixel of every other row: enough to see the edges.
  // (a, b) = (gx² − gy², 2·gx·gy) points at twice the gradient's angle, length m²;
  // (a² − b², 2ab) at four times, length m⁴, so the grid measure weighs edges by m⁴ (energy4).
  // Block by block, so the sums stay in local variables.
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < columns; bx++) {
      let [e, e4, c2, s2, c4, s4, edges] = [0, 0, 0, 0, 0, 0, 0];
      const yEnd = Math.min((by + 1) * REGION_BLOCK, height - 1);
      const xEnd = Math.min((bx + 1) * REGION_BLOCK, width - 1);
      for (let y = by * REGION_BLOCK + 1; y < yEnd; y += 2) {
        for (let x = bx * REGION_BLOCK + 1, i = y * width + x; x < xEnd; x += 2, i += 2) {
          const gx = data[i + 1]! - data[i - 1]!;
          const gy = data[i + width]! - data[i - width]!;
          const gx2 = gx * gx;
          const gy2 = gy * gy;
          const m2 = gx2 + gy2;
          const a = gx2 - gy2;
          const b = 2 * gx * gy;
          e += m2;
          e4 += m2 * m2;
          if (m2 >= STRONG_EDGE) edges++;
          c2 += a;
          s2 += b;
          c4 += a * a - b * b;
          s4 += 2 * a * b;
        }
      }
      const block = by * columns + bx;
      energy[block] = e;
      energy4[block] = e4;
      strong[block] = edges;
      cos2[block] = c2;
      sin2[block] = s2;
      cos4[block] = c4;
      sin4[block] = s4;
    }
  }

  const minEnergy = MIN_ENERGY * samples;
  // 1 linear-like, 2 grid-like.
  const kind = new Uint8Array(count);
  for (let block = 0; block < count; block++) {
    const e = energy[block]!;
    if (e < minEnergy) continue;
    const density = strong[block]! / samples;
    if (Math.hypot(cos2[block]!, sin2[block]!) >= MIN_LINEAR_COHERENCE * e) {
      if (density >= MIN_LINEAR_DENSITY) kind[block] = 1;
    } else if (Math.hypot(cos4[block]!, sin4[block]!) >= MIN_GRID_COHERENCE * energy4[block]! && density >= MIN_GRID_DENSITY)
      kind[block] = 2;
  }

  const summarize = (blocks: number[]): BarcodeRegion => {
    let [e, e4, c2, s2, c4, s4, edges] = [0, 0, 0, 0, 0, 0, 0];
    let [x0, y0, x1, y1] = [columns, rows, 0, 0];
    for (const block of blocks) {
      e += energy[block]!;
      e4 += energy4[block]!;
      edges += strong[block]!;
      c2 += cos2[block]!;
      s2 += sin2[block]!;
      c4 += cos4[block]!;
      s4 += sin4[block]!;
      const bx = block % columns;
      const by = (block / columns) | 0;
      if (bx < x0) x0 = bx;
      if (bx > x1) x1 = bx;
      if (by < y0) y0 = by;
      if (by > y1) y1 = by;
    }
    const linear = Math.hypot(c2, s2) >= MIN_LINEAR_COHERENCE * e;
    // The gradient is across the bars: its angle is the bars' tilt.
    let degrees = linear ? (Math.atan2(s2, c2) * 90) / Math.PI : (Math.atan2(s4, c4) * 45) / Math.PI;
    if (!linear && degrees <= -45) degrees += 90;
    if (linear && degrees <= -90) degrees += 180;
    const coherence = linear ? Math.hypot(c2, s2) / e : Math.hypot(c4, s4) / e4;
    return {
      kind: linear ? 'linear' : 'matrix',
      degrees,
      box: { x: x0 * REGION_BLOCK, y: y0 * REGION_BLOCK, width: (x1 - x0 + 1) * REGION_BLOCK, height: (y1 - y0 + 1) * REGION_BLOCK },
      strength: blocks.length * coherence,
      blocks: blocks.length,
      coherence,
      density: edges / (samples * blocks.length),
      cells: blocks.map((block) => ({ x: ((block % columns) + 0.5) * REGION_BLOCK, y: (((block / columns) | 0) + 0.5) * REGION_BLOCK })),
    };
  };

  // Neighbouring candidate blocks form one region (8-connected); its kind is what its blocks'
  // edges agree on together: one direction (bars) or a grid.
  const groups: { blocks: number[]; region: BarcodeRegion }[] = [];
  const seen = new Uint8Array(count);
  for (let start = 0; start < count; start++) {
    if (!kind[start] || seen[start]) continue;
    const blocks = [start];
    seen[start] = 1;
    for (let n = 0; n < blocks.length; n++) {
      const block = blocks[n]!;
      const bx = block % columns;
      const by = (block / columns) | 0;
      for (let ny = Math.max(0, by - 1); ny <= Math.min(rows - 1, by + 1); ny++) {
        for (let nx = Math.max(0, bx - 1); nx <= Math.min(columns - 1, bx + 1); nx++) {
          const neighbour = ny * columns + nx;
          if (kind[neighbour] && !seen[neighbour]) {
            seen[neighbour] = 1;
            blocks.push(neighbour);
          }
        }
      }
    }
    const region = summarize(blocks);
    if (region.kind === 'matrix') {
      groups.push({ blocks, region });
      continue;
    }
    // Linear codes one above the other (or side by side, turned) join through the print between
    // them: split the region into bands of bars across the bars' length, at the rows (columns)
    // with few barred blocks.
    const upright = Math.abs(region.degrees) < 45;
    const line = (block: number) => (upright ? (block / columns) | 0 : block % columns);
    const lines = new Map<number, number[]>();
    for (const block of blocks) {
      if (!lines.has(line(block))) lines.set(line(block), []);
      lines.get(line(block))!.push(block);
    }
    const barred = (members: number[]) => members.filter((block) => kind[block] === 1).length;
    const most = Math.max(...[...lines.values()].map(barred));
    let band: number[] = [];
    const bands: number[][] = [];
    for (const index of [...lines.keys()].sort((a, b) => a - b)) {
      const members = lines.get(index)!;
      if (barred(members) >= Math.max(2, BAND_SHARE * most)) band.push(...members);
      else if (band.length > 0) {
        bands.push(band);
        band = [];
      }
    }
    if (band.length > 0) bands.push(band);
    if (bands.length === 0) groups.push({ blocks, region });
    else for (const members of bands) groups.push({ blocks: members, region: summarize(members) });
  }

  // A grid code's blocks may fall into pieces (PDF417: bars in some blocks, a grid in others, a
  // few blocks below the thresholds): regions whose boxes overlap are one, unless both are bars
  // (the bands just split apart).
  type Box = BarcodeRegion['box'];
  const area = (box: Box) => box.width * box.height;
  const union = (a: Box, b: Box): Box => {
    const x = Math.min(a.x, b.x);
    const y = Math.min(a.y, b.y);
    return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
  };
  const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  // Bars in line (a wide space can leave a column of blocks without edges enough) are one code, or
  // codes side by side, read together.
  const inLine = (a: BarcodeRegion, b: BarcodeRegion) => {
    if (Math.abs(a.degrees - b.degrees) > MAX_LINE_TURN) return false;
    const upright = Math.abs(a.degrees) < 45;
    const [a0, a1, b0, b1] = upright
      ? [a.box.y, a.box.y + a.box.height, b.box.y, b.box.y + b.box.height]
      : [a.box.x, a.box.x + a.box.width, b.box.x, b.box.x + b.box.width];
    const across = Math.min(a1, b1) - Math.max(a0, b0);
    const [c0, c1, d0, d1] = upright
      ? [a.box.x, a.box.x + a.box.width, b.box.x, b.box.x + b.box.width]
      : [a.box.y, a.box.y + a.box.height, b.box.y, b.box.y + b.box.height];
    const gap = Math.max(c0, d0) - Math.min(c1, d1);
    return across >= 0.5 * Math.min(a1 - a0, b1 - b0) && gap <= MAX_LINE_GAP;
  };
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < groups.length && !merged; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const [a, b] = [groups[i]!, groups[j]!];
        // Pieces of one code overlap and fill their union; regions that only graze each other do not merge.
        const [boxA, boxB] = [a.region.box, b.region.box];
        if (a.region.kind === 'linear' && b.region.kind === 'linear') {
          if (!inLine(a.region, b.region)) continue;
        } else if (!overlap(boxA, boxB) || area(union(boxA, boxB)) > MAX_MERGE_GROWTH * (area(boxA) + area(boxB))) continue;
        const blocks = [...a.blocks, ...b.blocks];
        groups[i] = { blocks, region: summarize(blocks) };
        groups.splice(j, 1);
        merged = true;
        break;
      }
    }
  }
  return groups.map((group) => group.region).sort((a, b) => b.strength - a.strength);
}
