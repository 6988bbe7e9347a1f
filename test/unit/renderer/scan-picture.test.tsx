// @vitest-environment jsdom
import { MAX_PICTURE_SIDE, readBarcodesFromPicture } from '../../../renderer/src/scan/picture';
import type { DecodedBarcode, RgbaFrame, ScanWorker } from '../../../renderer/src/scan/types';

/** A decoder stand-in that records the frames it is given and answers with `barcodes`. */
function decoder(barcodes: DecodedBarcode[] | Error) {
  const frames: { width: number; height: number }[] = [];
  const worker: ScanWorker & { closed: boolean } = {
    decoderName: 'fake',
    closed: false,
    async decode(frame: RgbaFrame) {
      frames.push({ width: frame.width, height: frame.height });
      if (barcodes instanceof Error) throw barcodes;
      return barcodes;
    },
    async decodeDetailed(frame: RgbaFrame) {
      return { barcodes: await worker.decode(frame), unreadable: [] };
    },
    close() {
      worker.closed = true;
    },
  };
  return { worker, frames };
}

const at = (text: string, x: number, y: number): DecodedBarcode => ({
  text,
  format: 'QRCode',
  position: [
    { x, y },
    { x: x + 50, y },
    { x: x + 50, y: y + 50 },
    { x, y: y + 50 },
  ],
});

/** jsdom draws nothing: a canvas and createImageBitmap that know only sizes. */
function stubPictureDecoding(size: { width: number; height: number } | 'unreadable') {
  vi.stubGlobal('createImageBitmap', async () => {
    if (size === 'unreadable') throw new DOMException('The source image could not be decoded.', 'InvalidStateError');
    return { ...size, close: () => undefined };
  });
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      constructor(
        public width: number,
        public height: number,
      ) {}
      getContext() {
        return {
          canvas: this,
          drawImage: () => undefined,
          getImageData: (_x: number, _y: number, w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
        };
      }
    },
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('readBarcodesFromPicture', () => {
  it('returns every barcode text once, in reading order (top to bottom, left to right)', async () => {
    stubPictureDecoding({ width: 1200, height: 1600 });
    const { worker } = decoder([at('third', 10, 900), at('second', 600, 20), at('first', 10, 10), at('first', 10, 10)]);
    const texts = await readBarcodesFromPicture(new File(['png'], 'sheet.png', { type: 'image/png' }), worker);
    expect(texts).toEqual(['first', 'second', 'third']);
    // A worker the caller gave stays open for the next picture.
    expect(worker.closed).toBe(false);
  });

  it('a picture without barcodes gives an empty list', async () => {
    stubPictureDecoding({ width: 100, height: 100 });
    expect(await readBarcodesFromPicture(new Blob(['png'], { type: 'image/png' }), decoder([]).worker)).toEqual([]);
  });

  it.each([
    [
      { width: 1920, height: 1080 },
      { width: 1920, height: 1080 },
    ],
    [
      { width: 4032, height: 3024 },
      { width: MAX_PICTURE_SIDE, height: 2250 },
    ],
    [
      { width: 2000, height: 12000 },
      { width: 500, height: MAX_PICTURE_SIDE },
    ],
  ])('a %o picture is decoded at %o', async (size, decoded) => {
    stubPictureDecoding(size);
    const { worker, frames } = decoder([]);
    await readBarcodesFromPicture(new Blob(['png'], { type: 'image/png' }), worker);
    expect(frames).toEqual([decoded]);
  });

  it('a file that is not a picture: says so, with its name and type', async () => {
    stubPictureDecoding({ width: 10, height: 10 });
    const reading = readBarcodesFromPicture(new File(['a,b'], 'codes.csv', { type: 'text/csv' }), decoder([]).worker);
    await expect(reading).rejects.toThrow('"codes.csv" is not a picture (it is text/csv). Choose a PNG, JPEG, WebP, GIF or BMP image.');
    // The problem as data, for the component to say in the user's language.
    await expect(reading).rejects.toMatchObject({ problem: { kind: 'notAPicture', name: 'codes.csv', type: 'text/csv' } });
  });

  it('a damaged picture: says it could not be opened', async () => {
    stubPictureDecoding('unreadable');
    await expect(readBarcodesFromPicture(new File(['not a png'], 'label.png', { type: 'image/png' }), decoder([]).worker)).rejects.toThrow(
      '"label.png" could not be opened as a picture: it is damaged or in a format FieldKey cannot read. Use a PNG, JPEG, WebP, GIF or BMP image.',
    );
  });

  it('an empty file: says it is empty', async () => {
    stubPictureDecoding({ width: 10, height: 10 });
    await expect(readBarcodesFromPicture(new File([], 'photo.jpg', { type: 'image/jpeg' }), decoder([]).worker)).rejects.toThrow(
      '"photo.jpg" is empty.',
    );
  });

  it('a decoder that fails: says the barcodes could not be read, and why', async () => {
    stubPictureDecoding({ width: 10, height: 10 });
    const { worker } = decoder(new Error('The barcode decoder stopped.'));
    await expect(readBarcodesFromPicture(new Blob(['png'], { type: 'image/png' }), worker)).rejects.toThrow(
      'The barcodes in the picture could not be read: The barcode decoder stopped.',
    );
  });
});
