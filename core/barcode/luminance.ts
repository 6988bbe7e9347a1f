import type { RgbaFrame } from './types';

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

/** The picture at half its width and height, each pixel the mean of four. */
export function halveGray(image: GrayImage): GrayImage {
  const width = image.width >> 1;
  const height = image.height >> 1;
  const { data, width: stride } = image;
  const half = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0, i = y * width, p = 2 * y * stride; x < width; x++, i++, p += 2) {
      half[i] = (data[p]! + data[p + 1]! + data[p + stride]! + data[p + stride + 1]! + 2) >> 2;
    }
  }
  return { width, height, data: half };
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

/** A region of a picture turned by some angle: maps its pixels back to the picture's. */
export interface TurnedImage extends GrayImage {
  /** Where pixel (x, y) of this image was in the source picture. */
  toSource(x: number, y: number): { x: number; y: number };
}

/**
 * The part of `image` inside `region`, turned `degrees` clockwise about its centre and enlarged
 * `scale` times (bilinear; `scaleY` times vertically), on a canvas large enough to hold all of
 * it; the corners outside the region are mid-grey.
 */
export function rotateGray(
  image: GrayImage,
  degrees: number,
  region: { x: number; y: number; width: number; height: number } = { x: 0, y: 0, width: image.width, height: image.height },
  scale = 1,
  scaleY = scale,
): TurnedImage {
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const width = Math.ceil((Math.abs(region.width * cos) + Math.abs(region.height * sin)) * scale);
  const height = Math.ceil((Math.abs(region.width * sin) + Math.abs(region.height * cos)) * scaleY);
  const centerX = region.x + region.width / 2;
  const centerY = region.y + region.height / 2;
  const { width: sourceWidth, height: sourceHeight, data: source } = image;
  const data = new Uint8ClampedArray(width * height);
  const xMax = Math.min(region.x + region.width, sourceWidth) - 1;
  const yMax = Math.min(region.y + region.height, sourceHeight) - 1;
  const xMin = Math.max(region.x, 0);
  const yMin = Math.max(region.y, 0);
  const stepX = cos / scale;
  const stepY = -sin / scale;
  for (let y = 0; y < height; y++) {
    // Inverse rotation of this row's first pixel centre, in source pixel indices; then steps.
    const u = (0.5 - width / 2) / scale;
    const v = (y + 0.5 - height / 2) / scaleY;
    let sx = u * cos + v * sin + centerX - 0.5;
    let sy = -u * sin + v * cos + centerY - 0.5;
    for (let x = 0, i = y * width; x < width; x++, i++, sx += stepX, sy += stepY) {
      if (sx < xMin || sy < yMin || sx >= xMax || sy >= yMax) {
        data[i] = 128;
        continue;
      }
      const x0 = sx | 0;
      const y0 = sy | 0;
      const fx = sx - x0;
      const fy = sy - y0;
      const p = y0 * sourceWidth + x0;
      const top = source[p]! + (source[p + 1]! - source[p]!) * fx;
      const bottom = source[p + sourceWidth]! + (source[p + sourceWidth + 1]! - source[p + sourceWidth]!) * fx;
      data[i] = top + (bottom - top) * fy;
    }
  }
  return {
    width,
    height,
    data,
    toSource: (x, y) => {
      const dx = (x - width / 2) / scale;
      const dy = (y - height / 2) / scaleY;
      return { x: dx * cos + dy * sin + centerX, y: -dx * sin + dy * cos + centerY };
    },
  };
}

/** A grey picture as opaque RGBA (what zxing-wasm's ImageData input takes). */
export function grayToRgba(image: GrayImage): { width: number; height: number; data: Uint8ClampedArray } {
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  const words = new Uint32Array(rgba.buffer);
  const gray = image.data;
  // Little-endian words: alpha in the top byte.
  for (let i = 0; i < gray.length; i++) words[i] = 0xff000000 | (gray[i]! * 0x010101);
  return { width: image.width, height: image.height, data: rgba };
}

/** Unsharp masking against the four neighbours: restores some of the edges focus blur softened. */
export function sharpenGray(image: GrayImage, amount = 1.5): GrayImage {
  const { width, height, data } = image;
  const sharp = new Uint8ClampedArray(data);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1, i = y * width + 1; x < width - 1; x++, i++) {
      const around = (data[i - 1]! + data[i + 1]! + data[i - width]! + data[i + width]!) / 4;
      sharp[i] = data[i]! + amount * (data[i]! - around);
    }
  }
  return { width, height, data: sharp };
}

/**
 * Unsharp masking along rows only, against the pixels `radius` to either side: restores the
 * narrow bars and spaces of an upright linear code (or PDF417) that blur greyed out, without
 * adding noise along the bars.
 */
export function sharpenRows(image: GrayImage, amount: number, radius: number): GrayImage {
  const { width, height, data } = image;
  const sharp = new Uint8ClampedArray(data);
  for (let y = 0; y < height; y++) {
    for (let x = radius, i = y * width + radius; x < width - radius; x++, i++) {
      sharp[i] = data[i]! + amount * (data[i]! - (data[i - radius]! + data[i + radius]!) / 2);
    }
  }
  return { width, height, data: sharp };
}

/**
 * Grey levels stretched so the darkest 5 % are black and the lightest 5 % white, centring the
 * picture's own ink/paper midpoint on 128 (so a fixed threshold splits them).
 */
export function stretchGray(image: GrayImage): GrayImage {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < image.data.length; i++) histogram[image.data[i]!]!++;
  const level = (share: number) => {
    let count = 0;
    for (let value = 0; value < 256; value++) {
      count += histogram[value]!;
      if (count >= share * image.data.length) return value;
    }
    return 255;
  };
  const low = level(0.05);
  const high = Math.max(low + 1, level(0.95));
  const scale = 255 / (high - low);
  const data = new Uint8ClampedArray(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = (image.data[i]! - low) * scale;
  return { width: image.width, height: image.height, data };
}
