/**
 * Barcodes in a picture: a file chosen or dropped, or an image pasted from the clipboard (a
 * screenshot of a distributor's sheet, a phone photo of a label). Decoded in the scan worker,
 * like camera frames.
 */
import { PixelReader } from './pixels';
import { PictureError } from './problems';
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
 * [] when the picture has no barcode. Throws a PictureError naming what is wrong when `picture`
 * is not an image or cannot be opened (its component says it: sayScanError). Uses `worker` when given, else starts one for the call.
 */
export async function readBarcodesFromPicture(picture: Blob, worker?: ScanWorker): Promise<string[]> {
  if (picture.type !== '' && !picture.type.startsWith('image/')) {
    throw new PictureError({ kind: 'notAPicture', name: nameOf(picture), type: picture.type });
  }
  if (picture.size === 0) throw new PictureError({ kind: 'empty', name: nameOf(picture) });

  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(picture);
  } catch {
    throw new PictureError({ kind: 'damaged', name: nameOf(picture) });
  }
  let frame: ReturnType<PixelReader['read']>;
  try {
    frame = new PixelReader().read(bitmap, bitmap.width, bitmap.height, MAX_PICTURE_SIDE);
  } finally {
    bitmap.close();
  }
  if (!frame) throw new PictureError({ kind: 'noPixels', name: nameOf(picture) });

  const decoder = worker ?? createScanWorker();
  try {
    const barcodes = await decoder.decode(frame);
    return [...new Set(inReadingOrder(barcodes).map((barcode) => barcode.text))];
  } catch (error) {
    throw new PictureError({ kind: 'unreadable', name: nameOf(picture), cause: error });
  } finally {
    if (!worker) decoder.close();
  }
}

/** The file's name, or null (a pasted image has none). */
function nameOf(picture: Blob): string | null {
  return typeof File !== 'undefined' && picture instanceof File && picture.name ? picture.name : null;
}
