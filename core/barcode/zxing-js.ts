/**
 * ZXing's JavaScript port (@zxing/library): its QR Code, Data Matrix, PDF417 and linear readers
 * over a luminance source made from the frame's RGBA pixels. They are called one by one rather
 * through MultiFormatReader, which logs a warning for every reader that finds nothing. The
 * library has no multiple-barcode reader for these formats, so `decodeAll` follows ZXing's
 * GenericMultipleBarcodeReader: after each find, look again left, right, above and below it.
 */
import {
  BarcodeFormat as ZxingFormat,
  BinaryBitmap,
  DecodeHintType,
  DataMatrixReader,
  GlobalHistogramBinarizer,
  HybridBinarizer,
  MultiFormatOneDReader,
  PDF417Reader,
  QRCodeReader,
  RGBLuminanceSource,
  type Reader,
  type Result,
} from '@zxing/library';
import type { BarcodeDecoder, BarcodeFormat, DecodedBarcode, RgbaFrame } from './types';
import { ALL_BARCODE_FORMATS } from './types';
import { checkFrame } from './frame';
import { rotateGray90, toGray, type GrayImage } from './luminance';

const TO_ZXING: Record<BarcodeFormat, ZxingFormat> = {
  Code128: ZxingFormat.CODE_128,
  Code39: ZxingFormat.CODE_39,
  QRCode: ZxingFormat.QR_CODE,
  DataMatrix: ZxingFormat.DATA_MATRIX,
  PDF417: ZxingFormat.PDF_417,
};
const FROM_ZXING = new Map<ZxingFormat, BarcodeFormat>(Object.entries(TO_ZXING).map(([ours, theirs]) => [theirs, ours as BarcodeFormat]));

/** GenericMultipleBarcodeReader's limits: how deep to recurse, and the smallest part worth a look. */
const MAX_DEPTH = 4;
const MIN_DIMENSION_TO_RECUR = 100;

/** The readers for the formats asked for, 2D first (they reject a picture fastest). */
function readersFor(formats: readonly BarcodeFormat[], hints: Map<DecodeHintType, unknown>): Reader[] {
  const readers: Reader[] = [];
  if (formats.includes('QRCode')) readers.push(new QRCodeReader());
  if (formats.includes('DataMatrix')) readers.push(new DataMatrixReader());
  if (formats.includes('PDF417')) readers.push(new PDF417Reader());
  if (formats.includes('Code128') || formats.includes('Code39')) readers.push(new MultiFormatOneDReader(hints));
  return readers;
}

export interface ZxingJsTuning {
  /** HybridBinarizer (local thresholds, good for uneven light) or GlobalHistogramBinarizer. */
  binarizer?: 'hybrid' | 'global';
  tryHarder?: boolean;
  /** Look for more barcodes around the first one found. */
  multiple?: boolean;
  /** When nothing is found, try again a quarter turn round (this luminance source cannot rotate itself). */
  tryRotate?: boolean;
}

export function createZxingJsDecoder(tuning: ZxingJsTuning = {}): BarcodeDecoder {
  const { binarizer = 'hybrid', tryHarder = true, multiple = true, tryRotate = true } = tuning;

  const bitmapOf = (image: GrayImage) => {
    const source = new RGBLuminanceSource(image.data, image.width, image.height);
    return new BinaryBitmap(binarizer === 'hybrid' ? new HybridBinarizer(source) : new GlobalHistogramBinarizer(source));
  };

  /** Every barcode `readers` find in `bitmap` and, recursively, around each one found. */
  const decodeAll = (readers: readonly Reader[], hints: Map<DecodeHintType, unknown>, bitmap: BinaryBitmap): DecodedBarcode[] => {
    const found: DecodedBarcode[] = [];
    const decodeOnce = (part: BinaryBitmap): Result | undefined => {
      for (const reader of readers) {
        try {
          return reader.decode(part, hints);
        } catch {
          // ZXing says "nothing here" (and "unreadable") by throwing.
        }
      }
      return undefined;
    };
    const search = (part: BinaryBitmap, xOffset: number, yOffset: number, depth: number) => {
      if (depth > MAX_DEPTH) return;
      const result = decodeOnce(part);
      if (!result) return;
      const format = FROM_ZXING.get(result.getBarcodeFormat());
      const points = result.getResultPoints().filter((point) => point != null);
      if (format && !found.some((barcode) => barcode.text === result.getText() && barcode.format === format)) {
        found.push({ text: result.getText(), format, position: points.map((p) => ({ x: p.getX() + xOffset, y: p.getY() + yOffset })) });
      }
      if (!multiple || points.length === 0) return;
      const width = part.getWidth();
      const height = part.getHeight();
      const minX = Math.floor(Math.min(...points.map((p) => p.getX())));
      const minY = Math.floor(Math.min(...points.map((p) => p.getY())));
      const maxX = Math.ceil(Math.max(...points.map((p) => p.getX())));
      const maxY = Math.ceil(Math.max(...points.map((p) => p.getY())));
      if (minX > MIN_DIMENSION_TO_RECUR) search(part.crop(0, 0, minX, height), xOffset, yOffset, depth + 1);
      if (minY > MIN_DIMENSION_TO_RECUR) search(part.crop(0, 0, width, minY), xOffset, yOffset, depth + 1);
      if (maxX < width - MIN_DIMENSION_TO_RECUR) search(part.crop(maxX, 0, width - maxX, height), xOffset + maxX, yOffset, depth + 1);
      if (maxY < height - MIN_DIMENSION_TO_RECUR) search(part.crop(0, maxY, width, height - maxY), xOffset, yOffset + maxY, depth + 1);
    };
    search(bitmap, 0, 0, 0);
    return found;
  };

  return {
    name: 'zxing-js',
    async decode(frame: RgbaFrame, formats: readonly BarcodeFormat[] = ALL_BARCODE_FORMATS): Promise<DecodedBarcode[]> {
      if (!checkFrame(frame) || formats.length === 0) return [];
      const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.POSSIBLE_FORMATS, formats.map((f) => TO_ZXING[f])]]);
      if (tryHarder) hints.set(DecodeHintType.TRY_HARDER, true);
      const readers = readersFor(formats, hints);
      const gray = toGray(frame);
      const found = decodeAll(readers, hints, bitmapOf(gray));
      if (found.length > 0 || !tryRotate) return found;
      // Back to frame coordinates: rotated (x', y') came from (y', height - 1 - x').
      return decodeAll(readers, hints, bitmapOf(rotateGray90(gray))).map((barcode) => ({
        ...barcode,
        position: barcode.position?.map(({ x, y }) => ({ x: y, y: gray.height - 1 - x })),
      }));
    },
  };
}
