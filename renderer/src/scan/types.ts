/**
 * The scanning feature's shared shapes: the decoder interface (implemented by zxing-js and
 * zxing-wasm in ./decoders, run in a Web Worker through ./worker-client), and the props of the
 * scanner panel the Redeem page opens. Decoders never touch the DOM: a frame is RGBA pixels, so
 * the same code runs in the worker, in Node tests and in `npm run bench:scan`.
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

/** A decoder running in a Web Worker (./worker-client.ts): the UI thread never decodes. */
export interface ScanWorker {
  readonly decoderName: string;
  decode(frame: RgbaFrame, formats?: readonly BarcodeFormat[]): Promise<DecodedBarcode[]>;
  /**
   * Like `decode` (same frame transfer and errors), plus the areas that look like a barcode but
   * gave nothing (`unreadable` is [] with a decoder that does not look for them).
   */
  decodeDetailed(frame: RgbaFrame, formats?: readonly BarcodeFormat[]): Promise<DetailedDecode>;
  close(): void;
}

/** What the Redeem page did with a scanned value; the panel shows it (flash + sound on `added`). */
export type ScanOutcome =
  /** Put into a field (`field` is its 1-based number, for the note). */
  | { kind: 'added'; field: number }
  /** Already in the form: ignored, with a note. */
  | { kind: 'duplicate'; field: number }
  /** No empty field left and no more may be added (50). */
  | { kind: 'full' };

export interface ScannerPanelProps {
  open: boolean;
  /**
   * `codes`: continuous; every new valid authorization code is passed (canonical, dashed).
   * `mac`: reads one MAC from a device label (any 12-hex-digit barcode or QR; with several in
   * view, the one with the vendor prefix), passes it (12 hex digits) once, then closes.
   */
  mode: 'codes' | 'mac';
  /** Codes mode: how many of the form's code fields hold something, of how many (the counter). */
  fields?: { filled: number; total: number };
  onCode: (value: string) => ScanOutcome;
  /** Done, Esc, or after a MAC was read. The camera is stopped (light off) before this is called. */
  onClose: () => void;
}
