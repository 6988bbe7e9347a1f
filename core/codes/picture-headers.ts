/**
 * What a picture's header says, read before anything is decoded: its format by signature, its
 * width and height, a PNG's chunks and image data checked with a bounded inflate, and the file's
 * picture budget. A hostile picture becomes a sentence here, never an out-of-memory crash.
 */
import { inflateSync } from 'node:zlib';
import { ApiError } from '../rpc/errors';
import { say } from '../messages/say';

/** Larger pictures are not decoded (a screenshot of a whole page is 2–8 megapixels). */
export const MAX_PICTURE_PIXELS = 40_000_000;
/** Pictures a workbook may hold (anchors, so one picture placed many times counts each time). */
export const MAX_PICTURES_PER_FILE = 500;
/** Every picture's declared size added up: a file over this is refused before any is decoded. */
export const MAX_PIXELS_PER_FILE = 100_000_000;

/** What the bytes are, by their signature (the workbook's declared extension may be wrong). */
export function pictureFormat(bytes: Uint8Array, extension: string): string {
  const at = (offset: number, ...values: number[]) => values.every((value, i) => bytes[offset + i] === value);
  const ascii = (offset: number, text: string) => at(offset, ...[...text].map((c) => c.charCodeAt(0)));
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'PNG';
  if (at(0, 0xff, 0xd8, 0xff)) return 'JPEG';
  if (ascii(0, 'GIF8')) return 'GIF';
  if (ascii(0, 'BM')) return 'BMP';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'TIFF';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'WebP';
  if (at(0, 0x01, 0x00, 0x00, 0x00) && ascii(40, ' EMF')) return 'EMF';
  if (at(0, 0xd7, 0xcd, 0xc6, 0x9a)) return 'WMF';
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1').trimStart();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'SVG';
  // Bytes that are none of these: the workbook's word for them, unless it claims PNG or JPEG.
  return extension && !/^(png|jpe?g)$/i.test(extension) ? extension.toUpperCase() : 'unknown';
}
/** Adam7's passes: first column and row, then the step between columns and rows. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * What is wrong with a PNG before pngjs reads it, or null: its header's depth, colour type and
 * interlace, its chunks inside the file, and its image data inflated with a maximum output of
 * exactly what its width, height and interlace need. pngjs inflates an interlaced image with
 * no limit; a bomb declaring 1000×1000 that inflates to gigabytes stops here at 4 MB.
 */
export function pngProblem(bytes: Uint8Array): string | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 33 || buffer.toString('latin1', 12, 16) !== 'IHDR') return 'its header is missing';
  const width = buffer.readUInt32BE(16);
  const height = buffer.readUInt32BE(20);
  const depth = buffer[24]!;
  const colourType = buffer[25]!;
  const interlace = buffer[28]!;
  const channels = PNG_CHANNELS[colourType];
  if (!channels || ![1, 2, 4, 8, 16].includes(depth) || interlace > 1) return 'its header is not a PNG header';
  const lineBytes = (pixels: number) => 1 + Math.ceil((pixels * channels * depth) / 8);
  let expected = 0;
  if (interlace === 0) expected = height * lineBytes(width);
  else {
    for (const [x0, y0, dx, dy] of ADAM7) {
      const passWidth = Math.ceil((width - x0) / dx);
      const passHeight = Math.ceil((height - y0) / dy);
      if (passWidth > 0 && passHeight > 0) expected += passHeight * lineBytes(passWidth);
    }
  }
  const data: Buffer[] = [];
  for (let at = 8; ; ) {
    if (at + 12 > buffer.length) return 'it is cut short';
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > buffer.length) return `its ${type} chunk runs past the end`;
    if (type === 'IDAT') data.push(buffer.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!data.length) return 'it has no image data';
  try {
    inflateSync(Buffer.concat(data), { maxOutputLength: Math.max(expected, 1) });
  } catch (err) {
    return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
      ? `its data unpacks to more than its ${width}×${height} pixels need`
      : 'its image data cannot be unpacked';
  }
  return null;
}

/** Width and height from a PNG's or a JPEG's header (before anything is inflated), or null. */
export function pictureSize(bytes: Uint8Array, extension: string): { width: number; height: number } | null {
  const format = pictureFormat(bytes, extension);
  return format === 'PNG' ? pngSize(bytes) : format === 'JPEG' ? jpegSize(bytes) : null;
}

/**
 * Refuses a file whose pictures are too many or too large in all, with the numbers found, before
 * any is decoded (each alone is held to MAX_PICTURE_PIXELS when it is read).
 */
export function checkPictureBudget(pictures: readonly { bytes: Uint8Array; extension: string }[]): void {
  if (pictures.length > MAX_PICTURES_PER_FILE) {
    throw new ApiError('VALIDATION', say('codes.sheet.tooManyPictures', { count: pictures.length, limit: MAX_PICTURES_PER_FILE }), {
      reason: 'too_large',
      found: pictures.length,
    });
  }
  let pixels = 0;
  for (const picture of pictures) {
    const size = pictureSize(picture.bytes, picture.extension);
    if (size && size.width * size.height <= MAX_PICTURE_PIXELS) pixels += size.width * size.height;
  }
  if (pixels > MAX_PIXELS_PER_FILE) {
    throw new ApiError(
      'VALIDATION',
      say('codes.sheet.tooManyPixels', { megapixels: Math.round(pixels / 1e6), limit: MAX_PIXELS_PER_FILE / 1e6 }),
      { reason: 'too_large', found: pixels },
    );
  }
}

/** Width and height from a PNG's IHDR chunk (before anything is inflated). */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 33 || Buffer.from(bytes.subarray(12, 16)).toString('latin1') !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** Width and height from a JPEG's first start-of-frame marker. */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = (bytes[offset + 5]! << 8) | bytes[offset + 6]!;
      const width = (bytes[offset + 7]! << 8) | bytes[offset + 8]!;
      return width > 0 && height > 0 ? { width, height } : null;
    }
    offset += 2 + length;
  }
  return null;
}
