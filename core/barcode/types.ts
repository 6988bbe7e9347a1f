/**
 * The barcode decoders' shared shapes (implemented by zxing-js and zxing-wasm here, run in the
 * renderer's scan worker and in core for pictures in distributor sheets). Decoders never touch
 * the DOM: a frame is RGBA pixels, so the same code runs in a Web Worker, in Node (core, tests)
 * and in `npm run bench:scan`.
 */

export type BarcodeFormat = 'Code128' | 'Code39' | 'QRCode' | 'DataMatrix' | 'PDF417';
export const ALL_BARCODE_FORMATS: readonly BarcodeFormat[] = ['Code128', 'Code39', 'QRCode', 'DataMatrix', 'PDF417'];
/** 1D reads count only after two identical consecutive reads (a partial 1D read can look valid). */
export const LINEAR_FORMATS: readonly BarcodeFormat[] = ['Code128', 'Code39'];

/** RGBA pixels, row by row, like ImageData. */
export interface RgbaFrame {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface DecodedBarcode {
  text: string;
  format: BarcodeFormat;
  /** Corner points in frame pixels, when the decoder reports them (for drawing a highlight). */
  position?: { x: number; y: number }[];
}

/** A rectangle in frame pixels. */
export interface FrameRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a decoder saw in a frame: the codes it read, and where it saw a code it could not read. */
export interface DetailedDecode {
  /** Every barcode read, as `decode` returns them. */
  barcodes: DecodedBarcode[];
  /**
   * Barcode-like areas (bars or a grid of cells) where nothing could be read: a code too small,
   * blurred, damaged or cut off by the frame's edge, for the preview to mark ("move closer").
   * Areas of codes that were read are not listed.
   */
  unreadable: FrameRegion[];
}

export interface BarcodeDecoder {
  readonly name: string;
  /** Every barcode found in the frame (several may be in view). Never throws for "nothing found": []. */
  decode(frame: RgbaFrame, formats?: readonly BarcodeFormat[]): Promise<DecodedBarcode[]>;
  /** `decode`, plus the barcode-like areas nothing was read from (decoders that look for such areas). */
  decodeDetailed?(frame: RgbaFrame, formats?: readonly BarcodeFormat[]): Promise<DetailedDecode>;
}
