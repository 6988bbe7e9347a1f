/**
 * zxing-cpp in up to three passes, each only when the one before found nothing:
 * 1. the whole frame as it is, with the fast global-histogram binarizer (most frames end here);
 * 2. the most barcode-like area, turned upright by its measured tilt, also tried a quarter turn
 *    round and downscaled: zxing reads linear codes and PDF417 along rows, and a long code
 *    tilted by a few degrees crosses no row end to end;
 * 3. that upright area again, read with local thresholds, sharpened (against focus blur) and
 *    with its grey levels stretched (against low contrast).
 * Measured with `npm run bench:scan` (README, "Barcode scanning").
 */
import type { BarcodeDecoder, BarcodeFormat, DecodedBarcode, RgbaFrame } from '../types';
import { ALL_BARCODE_FORMATS } from '../types';
import { checkFrame } from './frame';
import { grayToRgba, rotateGray, sharpenGray, stretchGray, toGray, type GrayImage } from './luminance';
import { estimateSkew } from './skew';
import { ZXING_WASM_DEFAULTS, zxingWasmReader, type ZxingWasmOptions, type ZxingWasmSource } from './zxing-wasm';

/** Pass 1: zxing's quarter-turn and downscaled tries cost more than passes 2 and 3 on the few frames that need them. */
const FIRST: ZxingWasmOptions = { ...ZXING_WASM_DEFAULTS, binarizer: 'GlobalHistogram', tryRotate: false, tryDownscale: false };
const FAST: ZxingWasmOptions = { ...ZXING_WASM_DEFAULTS, binarizer: 'GlobalHistogram' };
const LOCAL: ZxingWasmOptions = { ...ZXING_WASM_DEFAULTS, binarizer: 'LocalAverage' };
const FIXED: ZxingWasmOptions = { ...ZXING_WASM_DEFAULTS, binarizer: 'FixedThreshold' };
/** Tilts smaller than this are left alone. */
const MIN_TILT_DEGREES = 1;

/** Passes 2 and 3, over the upright barcode-like area. */
const RETRIES: { prepare: (image: GrayImage) => GrayImage; options: ZxingWasmOptions }[] = [
  { prepare: (image) => image, options: FAST },
  { prepare: (image) => image, options: LOCAL },
  { prepare: (image) => sharpenGray(image), options: FAST },
  { prepare: stretchGray, options: FIXED },
];

export function createMultipassDecoder(source: ZxingWasmSource): BarcodeDecoder {
  const read = zxingWasmReader(source);
  return {
    name: 'zxing-wasm-multipass',
    async decode(frame: RgbaFrame, formats: readonly BarcodeFormat[] = ALL_BARCODE_FORMATS): Promise<DecodedBarcode[]> {
      if (!checkFrame(frame) || formats.length === 0) return [];
      const found = await read(frame, formats, FIRST);
      if (found.length > 0) return found;

      const gray = toGray(frame);
      const skew = estimateSkew(gray);
      if (!skew) return [];
      const upright = rotateGray(gray, Math.abs(skew.degrees) < MIN_TILT_DEGREES ? 0 : -skew.degrees, skew.region);
      for (const { prepare, options } of RETRIES) {
        const barcodes = await read(grayToRgba(prepare(upright)), formats, options);
        if (barcodes.length > 0)
          return barcodes.map((barcode) => ({ ...barcode, position: barcode.position?.map((p) => upright.toSource(p.x, p.y)) }));
      }
      return [];
    },
  };
}
