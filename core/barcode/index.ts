/**
 * The barcode decoders, by name. None touches the DOM: they run in the scan worker, in Node
 * tests and in `npm run bench:scan`.
 */
import type { BarcodeDecoder } from './types';
import { createFallbackDecoder } from './fallback';
import { createMultipassDecoder } from './multipass';
import type { DecoderName } from './names';
import { createZxingJsDecoder } from './zxing-js';
import { createZxingWasmDecoder, type ZxingWasmSource } from './zxing-wasm';

export { DECODER_NAMES, DEFAULT_DECODER, isDecoderName, type DecoderName } from './names';
export type { ZxingWasmSource } from './zxing-wasm';

export interface DecoderEnvironment {
  /** zxing_reader.wasm as shipped with the app: its URL in a page or worker, its bytes in Node. */
  zxingWasm: ZxingWasmSource;
}

export function createDecoder(name: DecoderName, environment: DecoderEnvironment): BarcodeDecoder {
  switch (name) {
    case 'zxing-wasm':
      return createZxingWasmDecoder(environment.zxingWasm);
    case 'zxing-js':
      return createZxingJsDecoder();
    case 'zxing-wasm-multipass':
      return createMultipassDecoder(environment.zxingWasm);
    case 'multipass+zxing-js':
      return createFallbackDecoder(name, [createMultipassDecoder(environment.zxingWasm), createZxingJsDecoder()]);
  }
}
