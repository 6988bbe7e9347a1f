import type { DecodedBarcode } from './types';

/**
 * Barcodes in the order a person reads them: top to bottom, then left to right within a row
 * (codes whose vertical extents overlap by half). A sheet of codes held up to the camera or
 * dropped as a picture fills the fields in the order it is printed. Barcodes without a position
 * keep the decoder's order, after the others.
 */
export function inReadingOrder<T extends DecodedBarcode>(barcodes: readonly T[]): T[] {
  const placed = barcodes.map((barcode, index) => ({ barcode, index, box: boxOf(barcode) }));
  return placed
    .sort((a, b) => {
      if (!a.box || !b.box) return a.box ? -1 : b.box ? 1 : a.index - b.index;
      const overlap = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
      const sameRow = overlap >= 0.5 * Math.min(a.box.bottom - a.box.top, b.box.bottom - b.box.top);
      if (!sameRow) return a.box.top - b.box.top;
      return a.box.left - b.box.left || a.index - b.index;
    })
    .map((entry) => entry.barcode);
}

function boxOf(barcode: DecodedBarcode): { top: number; bottom: number; left: number } | null {
  const points = barcode.position;
  if (!points || points.length === 0) return null;
  const ys = points.map((point) => point.y);
  return { top: Math.min(...ys), bottom: Math.max(...ys), left: Math.min(...points.map((point) => point.x)) };
}
