/**
 * The scanning feature's shared shapes: the decoder interface and frames (core/barcode, where
 * the decoders live; re-exported here), the worker running a decoder off the UI thread
 * (./worker-client), and the props of the scanner panel the Redeem page opens.
 */
import type { BarcodeFormat, DecodedBarcode, DetailedDecode, RgbaFrame } from '../../../core/barcode/types';

export {
  ALL_BARCODE_FORMATS,
  LINEAR_FORMATS,
  type BarcodeDecoder,
  type BarcodeFormat,
  type DecodedBarcode,
  type DetailedDecode,
  type FrameRegion,
  type RgbaFrame,
} from '../../../core/barcode/types';

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
