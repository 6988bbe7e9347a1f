import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { centred, composeFrame, drawBarcode, rgbaToI420, writeY4m } from '../../support/y4m';

// The fake-camera video the scan e2e test plays: if it were wrong, that test would fail for the
// wrong reason (or pass on a blank picture).
describe('Y4M videos for the fake camera', () => {
  it('white is Y 255 with neutral chroma; black is Y 0; a red pixel block has V above U', () => {
    const frame = composeFrame(4, 2, [
      { image: { width: 2, height: 2, data: new Uint8Array([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255]) }, x: 0, y: 0 },
    ]);
    const planes = rgbaToI420(frame);
    expect(planes.length).toBe(4 * 2 * 1.5);
    expect([...planes.subarray(0, 8)]).toEqual([0, 0, 255, 255, 0, 0, 255, 255]);
    expect([...planes.subarray(8)]).toEqual([128, 128, 128, 128]);

    const red = rgbaToI420({ width: 2, height: 2, data: new Uint8Array(Array.from({ length: 4 }, () => [255, 0, 0, 255]).flat()) });
    expect(red[0]).toBe(76);
    expect(red[5]!).toBeGreaterThan(red[4]!);
  });

  it('writes the header and FRAME-separated planes, each shot for its time at the frame rate', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-y4m-'));
    try {
      const file = path.join(dir, 'video.y4m');
      const blank = composeFrame(8, 4);
      const result = writeY4m(
        file,
        [
          { frame: blank, seconds: 0.5 },
          { frame: blank, seconds: 1 },
        ],
        10,
      );
      expect(result).toEqual({ starts: [0, 0.5], durationSeconds: 1.5, frames: 15 });

      const bytes = fs.readFileSync(file);
      const header = 'YUV4MPEG2 W8 H4 F10:1 Ip A1:1 C420jpeg\n';
      expect(bytes.subarray(0, header.length).toString()).toBe(header);
      const frameBytes = 'FRAME\n'.length + 8 * 4 * 1.5;
      expect(bytes.length).toBe(header.length + 15 * frameBytes);
      expect(bytes.subarray(header.length + frameBytes, header.length + frameBytes + 6).toString()).toBe('FRAME\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('draws a barcode dark on white, centred in the frame', async () => {
    const barcode = await drawBarcode('qrcode', '43XC98-68WTGB-CWMH53-YS4RA9', { scale: 4 });
    const frame = centred(600, 600, [barcode]);
    const luma = (x: number, y: number) => frame.data[(y * 600 + x) * 4]!;
    expect(luma(0, 0)).toBe(255);
    // The QR's top-left finder pattern starts after the 10-module quiet zone bwip-js was asked for.
    const left = Math.round((600 - barcode.width) / 2);
    const top = Math.round((600 - barcode.height) / 2);
    expect(left).toBeGreaterThan(0);
    expect(luma(left + 40 + 2, top + 40 + 2)).toBe(0);
    expect(luma(left + 2, top + 2)).toBe(255);
  });
});
