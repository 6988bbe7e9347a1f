import type { RgbaFrame } from './types';

/**
 * Checks that a frame's pixel buffer matches its size, so no decoder reads past it. Returns
 * false for an empty frame (nothing to decode); throws for a corrupt one, saying what is wrong.
 */
export function checkFrame(frame: RgbaFrame): boolean {
  const { width, height, data } = frame;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`A frame's size must be whole pixels, got ${width}×${height}.`);
  }
  if (!data || typeof data.length !== 'number') throw new TypeError('A frame needs RGBA pixel data.');
  if (data.length !== width * height * 4) {
    throw new RangeError(`A ${width}×${height} RGBA frame has ${width * height * 4} bytes, this one has ${data.length}.`);
  }
  return width > 0 && height > 0;
}
