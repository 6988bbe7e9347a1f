/**
 * core/codes/picture-codes.ts on its own: the decoder's .wasm comes from disk (no network), one
 * decoder serves every picture, and pictures that are too large, decompression bombs or not
 * PNG/JPEG are refused with a sentence, never decoded into memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import bwipjs from 'bwip-js/node';
import type { DistributorSheetReport, SheetPicture } from '../../../core/codes/distributor-sheet';
import {
  createPictureCodeReader,
  decodePictures,
  openPicture,
  sharedPictureCodeReader,
  zxingWasmFile,
} from '../../../core/codes/picture-codes';
import { pictureFormat } from '../../../core/codes/picture-headers';

const C1 = '43XC98-68WTGB-CWMH53-YS4RA9';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}
/** A PNG declaring width × height (8-bit RGBA) whose image data is `idat` (already deflated). */
function png(width: number, height: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('barcode pictures in core', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('loads the decoder’s .wasm from the app’s files on disk, once, with no network', async () => {
    const file = zxingWasmFile();
    expect(file.split(path.sep).join('/')).toMatch(/\/zxing-wasm\/.*zxing_reader\.wasm$/);
    expect(fs.readFileSync(file).subarray(0, 4)).toEqual(Buffer.from([0x00, 0x61, 0x73, 0x6d]));
    const fetches: string[] = [];
    vi.stubGlobal('fetch', (input: unknown) => {
      fetches.push(String(input));
      return Promise.reject(new Error('no network in this test'));
    });
    let loads = 0;
    const reader = createPictureCodeReader(() => {
      loads++;
      return fs.readFileSync(file);
    });
    const qr = Buffer.from(await bwipjs.toBuffer({ bcid: 'qrcode', text: C1, scale: 2 }));
    const code128 = Buffer.from(await bwipjs.toBuffer({ bcid: 'code128', text: C1, scale: 2, height: 10, includetext: false }));
    expect(await reader.read(qr, 'png')).toMatchObject({ state: 'code', text: C1, format: 'QRCode' });
    expect(await reader.read(code128, 'png')).toMatchObject({ state: 'code', text: C1, format: 'Code128' });
    expect(loads).toBe(1);
    expect(fetches).toEqual([]);
    expect(sharedPictureCodeReader()).toBe(sharedPictureCodeReader());
  });

  it('refuses a picture over 40 megapixels from its header, before decoding it', async () => {
    const huge = png(10_000, 5_000, zlib.deflateSync(Buffer.alloc(1000)));
    expect(openPicture(huge, 'png')).toMatchObject({
      reason: {
        message: 'the picture is 10000×5000 pixels (50 megapixels); FieldKey reads pictures of at most 40 megapixels',
        code: 'codes.pictureReason.tooLarge',
      },
    });
    // A JPEG whose start-of-frame declares 8000×6000.
    const sof = Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x17, 0x70, 0x1f, 0x40, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    expect(openPicture(sof, 'jpeg')).toMatchObject({
      reason: { message: 'the picture is 8000×6000 pixels (48 megapixels); FieldKey reads pictures of at most 40 megapixels' },
    });
    const reader = createPictureCodeReader(() => {
      throw new Error('a refused picture never loads the decoder');
    });
    expect(await reader.read(huge, 'png')).toMatchObject({
      state: 'unreadable',
      reason: { message: expect.stringMatching(/50 megapixels/) },
    });
  });

  it('a decompression bomb (a small PNG inflating to 200 MB) is damaged, not decoded', () => {
    const bomb = png(100, 100, zlib.deflateSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 }));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const opened = openPicture(bomb, 'png');
    expect(opened).toMatchObject({ reason: { kind: 'damagedBecause', message: expect.stringMatching(/^the PNG picture is damaged \(/) } });
  });

  it('names the format of a picture that is not PNG or JPEG, whatever the workbook calls it', () => {
    const emf = Buffer.alloc(64);
    emf.writeUInt32LE(1, 0);
    emf.write(' EMF', 40, 'latin1');
    expect(pictureFormat(emf, 'emf')).toBe('EMF');
    expect(openPicture(emf, 'emf')).toMatchObject({
      reason: { message: 'the picture is in EMF format; FieldKey reads barcodes from PNG and JPEG pictures only' },
    });
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    expect(openPicture(gif, 'png')).toMatchObject({
      reason: {
        code: 'codes.pictureReason.otherFormatDeclared',
        message:
          'the picture is in GIF format (the workbook calls it png, but its bytes are not); FieldKey reads barcodes from PNG and JPEG pictures only',
      },
    });
    expect(pictureFormat(Buffer.from([0xd7, 0xcd, 0xc6, 0x9a, 0, 0]), 'wmf')).toBe('WMF');
    expect(openPicture(Buffer.from('garbage bytes'), 'png')).toMatchObject({
      reason: { message: 'the picture is damaged (the workbook calls it png, but its bytes are not): it is not a PNG or JPEG picture' },
    });
  });

  it('gives the event loop a turn before each picture, even with a decoder that never yields', async () => {
    const picture: SheetPicture = {
      sheet: 'Sheet1',
      row: 1,
      column: 1,
      cell: 'A1',
      extension: 'png',
      bytes: Buffer.alloc(0),
      sku: null,
      description: null,
      distributor: null,
    };
    const report: DistributorSheetReport = {
      fileName: 'x.xlsx',
      format: 'xlsx',
      sheets: [],
      codes: [],
      notCodes: [],
      duplicates: [],
      pictures: Array.from({ length: 20 }, () => ({ ...picture })),
    };
    let turns = 0;
    let stop = false;
    const tick = () => {
      turns++;
      if (!stop) setImmediate(tick);
    };
    setImmediate(tick);
    const turnsAtPicture: number[] = [];
    const progress: number[] = [];
    const readings = await decodePictures(
      report,
      {
        read: () => {
          turnsAtPicture.push(turns);
          return Promise.resolve({ state: 'no_barcode' });
        },
      },
      (done, total) => progress.push(done / total),
    );
    stop = true;
    expect(readings).toHaveLength(20);
    expect(progress.at(-1)).toBe(1);
    // Each picture is read after at least one more turn of the event loop than the one before.
    for (let i = 1; i < turnsAtPicture.length; i++) expect(turnsAtPicture[i]!).toBeGreaterThan(turnsAtPicture[i - 1]!);
  });
});
