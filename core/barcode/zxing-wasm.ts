/**
 * ZXing-C++ compiled to WebAssembly (zxing-wasm, reader build). The .wasm ships with the app:
 * the caller says where it is (a local URL in the browser, the file's bytes in Node), and the
 * library's default, a CDN, is never used.
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions, type ReadResult } from 'zxing-wasm/reader';
import type { BarcodeDecoder, BarcodeFormat, DecodedBarcode, RgbaFrame } from './types';
import { ALL_BARCODE_FORMATS } from './types';
import { checkFrame } from './frame';

/** Where the zxing_reader.wasm bundled with the app is. */
export type ZxingWasmSource = { url: string } | { binary: ArrayBuffer | Uint8Array };

/** The reader options we tune; everything else stays at zxing-cpp's defaults. */
export type ZxingWasmOptions = Pick<ReaderOptions, 'tryHarder' | 'tryRotate' | 'tryInvert' | 'tryDownscale' | 'binarizer'>;

/** zxing-cpp's defaults, except inverted codes: printed labels are dark on light, and trying both doubles the work. */
export const ZXING_WASM_DEFAULTS: ZxingWasmOptions = {
  tryHarder: true,
  tryRotate: true,
  tryInvert: false,
  tryDownscale: true,
  binarizer: 'LocalAverage',
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
    throw new Error(
      `The zxing-wasm barcode decoder could not load its WebAssembly module: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  loaded = { source, ready };
  return ready;
}

function toArrayBuffer(binary: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (binary instanceof ArrayBuffer) return binary;
  return binary.buffer.slice(binary.byteOffset, binary.byteOffset + binary.byteLength) as ArrayBuffer;
}

function toDecodedBarcode(result: ReadResult): DecodedBarcode | undefined {
  const format = SYMBOLOGY_TO_FORMAT[result.symbology];
  if (!format || !result.isValid) return undefined;
  const { topLeft, topRight, bottomRight, bottomLeft } = result.position;
  return { text: result.text, format, position: [topLeft, topRight, bottomRight, bottomLeft].map(({ x, y }) => ({ x, y })) };
}

/** One zxing-cpp read of a (checked, non-empty) picture. */
export type ZxingWasmRead = (image: RgbaFrame, formats: readonly BarcodeFormat[], options: ZxingWasmOptions) => Promise<DecodedBarcode[]>;

export function zxingWasmReader(source: ZxingWasmSource): ZxingWasmRead {
  return async (image, formats, options) => {
    await loadModule(source);
    // zxing-wasm takes anything with width, height and data as pixels (its type says ImageData, a DOM type).
    const results = await readBarcodes(image as unknown as Parameters<typeof readBarcodes>[0], {
      ...options,
      formats: [...formats],
      maxNumberOfSymbols: 255,
    });
    return results.map(toDecodedBarcode).filter((barcode): barcode is DecodedBarcode => barcode !== undefined);
  };
}

/** zxing-cpp once over the whole frame, with its own rotation and downscaling tries. */
export function createZxingWasmDecoder(source: ZxingWasmSource, options: ZxingWasmOptions = ZXING_WASM_DEFAULTS): BarcodeDecoder {
  const read = zxingWasmReader(source);
  return {
    name: 'zxing-wasm',
    async decode(frame: RgbaFrame, formats: readonly BarcodeFormat[] = ALL_BARCODE_FORMATS): Promise<DecodedBarcode[]> {
      if (!checkFrame(frame) || formats.length === 0) return [];
      return read(frame, formats, options);
    },
  };
}
