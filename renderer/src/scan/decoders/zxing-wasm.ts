/**
 * ZXing-C++ compiled to WebAssembly (zxing-wasm, reader build). The .wasm ships with the app:
 * the caller says where it is (a local URL in the browser, the file's bytes in Node), and the
 * library's default, a CDN, is never used.
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions, type ReadResult } from 'zxing-wasm/reader';
import type { BarcodeDecoder, BarcodeFormat, DecodedBarcode, RgbaFrame } from '../types';
import { ALL_BARCODE_FORMATS } from '../types';
import { checkFrame } from './frame';

/** Where the zxing_reader.wasm bundled with the app is. */
export type ZxingWasmSource = { url: string } | { binary: ArrayBuffer | Uint8Array };

/** The reader options we tune; everything else stays at zxing-cpp's defaults. */
export type ZxingWasmTuning = Pick<ReaderOptions, 'tryHarder' | 'tryRotate' | 'tryInvert' | 'tryDownscale' | 'downscaleFactor' | 'downscaleThreshold' | 'binarizer' | 'tryDenoise'>;

const DEFAULT_TUNING: ZxingWasmTuning = {
  tryHarder: true,
  tryRotate: true,
  // Printed codes are dark on light; inverted tries double the work for nothing.
  tryInvert: false,
  tryDownscale: true,
};

const SYMBOLOGY_TO_FORMAT: Record<string, BarcodeFormat> = {
  Code128: 'Code128',
  Code39: 'Code39',
  QRCode: 'QRCode',
  DataMatrix: 'DataMatrix',
  PDF417: 'PDF417',
};

let loaded: { source: ZxingWasmSource; ready: Promise<unknown> } | undefined;

/** Instantiates the module once per source; the library keeps one module per page or worker. */
function loadModule(source: ZxingWasmSource): Promise<unknown> {
  if (loaded?.source === source) return loaded.ready;
  const overrides =
    'url' in source
      ? { locateFile: (file: string, prefix: string) => (file.endsWith('.wasm') ? source.url : prefix + file) }
      : { wasmBinary: toArrayBuffer(source.binary) };
  const ready = prepareZXingModule({ overrides, fireImmediately: true }).catch((error: unknown) => {
    if (loaded?.ready === ready) loaded = undefined;
    throw new Error(`The zxing-wasm barcode decoder could not load its WebAssembly module: ${error instanceof Error ? error.message : String(error)}`);
  });
  loaded = { source, ready };
  return ready;
}

function toArrayBuffer(binary: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (binary instanceof ArrayBuffer) return binary;
  return binary.buffer.slice(binary.byteOffset, binary.byteOffset + binary.byteLength) as ArrayBuffer;
}

export function toDecodedBarcode(result: ReadResult): DecodedBarcode | undefined {
  const format = SYMBOLOGY_TO_FORMAT[result.symbology];
  if (!format || !result.isValid) return undefined;
  const { topLeft, topRight, bottomRight, bottomLeft } = result.position;
  return { text: result.text, format, position: [topLeft, topRight, bottomRight, bottomLeft].map(({ x, y }) => ({ x, y })) };
}

export function createZxingWasmDecoder(source: ZxingWasmSource, tuning: ZxingWasmTuning = {}): BarcodeDecoder {
  const options = { ...DEFAULT_TUNING, ...tuning };
  return {
    name: 'zxing-wasm',
    async decode(frame: RgbaFrame, formats: readonly BarcodeFormat[] = ALL_BARCODE_FORMATS): Promise<DecodedBarcode[]> {
      if (!checkFrame(frame) || formats.length === 0) return [];
      await loadModule(source);
      const results = await readBarcodes(frame as ImageData, { ...options, formats: [...formats], maxNumberOfSymbols: 255 });
      return results.map(toDecodedBarcode).filter((barcode): barcode is DecodedBarcode => barcode !== undefined);
    },
  };
}
