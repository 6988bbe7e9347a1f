import type { RgbaFrame } from '../types';

/** A grayscale picture, one byte per pixel. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Luma of every pixel (ITU-R BT.601 weights in fixed point), alpha ignored. */
export function toGray(frame: RgbaFrame): GrayImage {
  const { width, height, data } = frame;
  const gray = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < gray.length; i++, p += 4) {
    gray[i] = (306 * data[p]! + 601 * data[p + 1]! + 117 * data[p + 2]! + 512) >> 10;
  }
  return { width, height, data: gray };
}

/** The picture turned a quarter turn clockwise. */
export function rotateGray90(image: GrayImage): GrayImage {
  const { width, height, data } = image;
  const rotated = new Uint8ClampedArray(width * height);
  // Source (x, y) lands at (height - 1 - y, x) in a picture `height` wide.
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const column = height - 1 - y;
    for (let x = 0; x < width; x++) rotated[x * height + column] = data[row + x]!;
  }
  return { width: height, height: width, data: rotated };
}
