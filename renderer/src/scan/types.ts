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

export interface BarcodeDecoder {
  readonly name: string;
  /** Every barcode found in the frame (several may be in view). Never throws for "nothing found": []. */
  decode(frame: RgbaFrame, formats?: readonly BarcodeFormat[]): Promise<DecodedBarcode[]>;
}

/** A decoder running in a Web Worker (./worker-client.ts): the UI thread never decodes. */
export interface ScanWorker {
  readonly decoderName: string;
  decode(frame: RgbaFrame, formats?: readonly BarcodeFormat[]): Promise<DecodedBarcode[]>;
  /**
   * Like `decode`, with the areas that look like barcodes but could not be read (frame pixels),
   * so the camera panel can mark them. Optional: the panel falls back to `decode`.
   */
  decodeDetailed?(
    frame: RgbaFrame,
    formats?: readonly BarcodeFormat[],
  ): Promise<{ barcodes: DecodedBarcode[]; unreadable: { x: number; y: number; width: number; height: number }[] }>;
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
