/**
 * Videos for Chromium's fake camera (`--use-file-for-fake-video-capture=<file>.y4m`): frames are
 * composed in RGBA (white paper, barcodes drawn by bwip-js) and written as YUV4MPEG2, 4:2:0,
 * full-range BT.601 (`C420jpeg`). Chromium plays the file in a loop as the camera's picture.
 */
import fs from 'node:fs';
import bwipjs from 'bwip-js/node';
import { PNG } from 'pngjs';

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export type BarcodeKind = 'code128' | 'code39' | 'qrcode' | 'datamatrix' | 'pdf417';

/** A barcode as bwip-js draws it: black on white, `scale` pixels per module, with its quiet zone. */
export async function drawBarcode(kind: BarcodeKind, text: string, options: { scale: number; heightMm?: number }): Promise<RgbaImage> {
  const png = await bwipjs.toBuffer({
    bcid: kind,
    text,
    scale: options.scale,
    ...(options.heightMm === undefined ? {} : { height: options.heightMm }),
    backgroundcolor: 'FFFFFF',
    // A quiet zone on every side, as on a printed label.
    paddingwidth: 10,
    paddingheight: 10,
  });
  const image = PNG.sync.read(png);
  return { width: image.width, height: image.height, data: new Uint8Array(image.data) };
}

/** A white frame with the images placed at their top-left corners. */
export function composeFrame(width: number, height: number, placed: { image: RgbaImage; x: number; y: number }[] = []): RgbaImage {
  const data = new Uint8Array(width * height * 4).fill(255);
  for (const { image, x, y } of placed) {
    for (let row = 0; row < image.height; row++) {
      const targetY = y + row;
      if (targetY < 0 || targetY >= height) continue;
      for (let col = 0; col < image.width; col++) {
        const targetX = x + col;
        if (targetX < 0 || targetX >= width) continue;
        const from = (row * image.width + col) * 4;
        const to = (targetY * width + targetX) * 4;
        data[to] = image.data[from]!;
        data[to + 1] = image.data[from + 1]!;
        data[to + 2] = image.data[from + 2]!;
        data[to + 3] = 255;
      }
    }
  }
  return { width, height, data };
}

/** The images stacked top to bottom, centred, with `gap` pixels between them. */
export function centred(width: number, height: number, images: RgbaImage[], gap = 40): RgbaImage {
  const total = images.reduce((sum, image) => sum + image.height, 0) + gap * (images.length - 1);
  let y = Math.round((height - total) / 2);
  const placed = images.map((image) => {
    const at = { image, x: Math.round((width - image.width) / 2), y };
    y += image.height + gap;
    return at;
  });
  return composeFrame(width, height, placed);
}

/** One RGBA frame as planar Y, U, V (4:2:0: one U and V sample per 2×2 pixels), full range. */
export function rgbaToI420(frame: RgbaImage): Uint8Array {
  const { width, height, data } = frame;
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error(`4:2:0 needs even dimensions, not ${width}×${height}.`);
  const ySize = width * height;
  const out = new Uint8Array(ySize * 1.5);
  const clamp = (value: number) => (value < 0 ? 0 : value > 255 ? 255 : Math.round(value));
  for (let i = 0; i < ySize; i++) {
    out[i] = clamp(0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!);
  }
  const chromaWidth = width / 2;
  const uOffset = ySize;
  const vOffset = ySize + ySize / 4;
  for (let cy = 0; cy < height / 2; cy++) {
    for (let cx = 0; cx < chromaWidth; cx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const p = ((cy * 2 + dy) * width + cx * 2 + dx) * 4;
        r += data[p]!;
        g += data[p + 1]!;
        b += data[p + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      out[uOffset + cy * chromaWidth + cx] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      out[vOffset + cy * chromaWidth + cx] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  return out;
}

/** A scene: a frame and how many seconds it stays on screen. */
export interface Shot {
  frame: RgbaImage;
  seconds: number;
}

/**
 * Writes the shots as a YUV4MPEG2 file at `fps` frames per second; returns when each shot
 * starts, in seconds from the start of the file (Chromium loops it, so also of every loop).
 */
export function writeY4m(file: string, shots: Shot[], fps = 10): { starts: number[]; durationSeconds: number; frames: number } {
  const first = shots[0]?.frame;
  if (!first) throw new Error('A video needs at least one shot.');
  const fd = fs.openSync(file, 'w');
  const starts: number[] = [];
  let frames = 0;
  try {
    fs.writeSync(fd, `YUV4MPEG2 W${first.width} H${first.height} F${fps}:1 Ip A1:1 C420jpeg\n`);
    for (const shot of shots) {
      if (shot.frame.width !== first.width || shot.frame.height !== first.height)
        throw new Error('Every frame of a video has the same size.');
      starts.push(frames / fps);
      const planes = rgbaToI420(shot.frame);
      const count = Math.max(1, Math.round(shot.seconds * fps));
      for (let i = 0; i < count; i++) {
        fs.writeSync(fd, 'FRAME\n');
        fs.writeSync(fd, planes);
      }
      frames += count;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { starts, durationSeconds: frames / fps, frames };
}
