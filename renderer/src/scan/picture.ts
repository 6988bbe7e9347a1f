/**
 * Barcodes in a picture: a file chosen or dropped, or an image pasted from the clipboard (a
 * screenshot of a distributor's sheet, a phone photo of a label). Decoded in the scan worker,
 * like camera frames.
 */
import { PixelReader } from './pixels';
import { inReadingOrder } from './reading-order';
import type { ScanWorker } from './types';
import { createScanWorker } from './worker-client';

/**
 * The longest side a picture is decoded at. A 12-megapixel phone photo (4032 px) shrinks a
 * little; a screenshot is read as it is. Larger costs memory and time without finding more.
 */
export const MAX_PICTURE_SIDE = 3000;

/**
 * Every barcode text in the picture (each once, in reading order: top to bottom, left to right).
 * [] when the picture has no barcode. Throws an Error saying what is wrong when `picture` is
 * not an image or cannot be opened. Uses `worker` when given, else starts one for the call.
 */
export async function readBarcodesFromPicture(picture: Blob, worker?: ScanWorker): Promise<string[]> {
  if (picture.type !== '' && !picture.type.startsWith('image/')) {
    throw new Error(`${describe(picture)} is not a picture (it is ${picture.type}). Choose a PNG, JPEG, WebP, GIF or BMP image.`);
  }
  if (picture.size === 0) throw new Error(`${describe(picture)} is empty.`);

  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(picture);
  } catch {
    throw new Error(
      `${describe(picture)} could not be opened as a picture: it is damaged or in a format FieldKey cannot read. Use a PNG, JPEG, WebP, GIF or BMP image.`,
    );
  }
  let frame: ReturnType<PixelReader['read']>;
  try {
    frame = new PixelReader().read(bitmap, bitmap.width, bitmap.height, MAX_PICTURE_SIDE);
  } finally {
    bitmap.close();
  }
  if (!frame) throw new Error(`${describe(picture)} has no pixels to read.`);

  const decoder = worker ?? createScanWorker();
  try {
    const barcodes = await decoder.decode(frame);
    return [...new Set(inReadingOrder(barcodes).map((barcode) => barcode.text))];
  } catch (error) {
    throw new Error(
      `The barcodes in ${describe(picture, 'the picture')} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    if (!worker) decoder.close();
  }
}

/** The file's name in quotes, or `unnamed` (a pasted image has no name). */
function describe(picture: Blob, unnamed = 'The picture'): string {
  return typeof File !== 'undefined' && picture instanceof File && picture.name ? `"${picture.name}"` : unnamed;
}
