/**
 * Pixels for the decoder: a video frame or a picture drawn onto a canvas and read back as RGBA,
 * scaled down when it is larger than the decoder needs.
 */
import type { RgbaFrame } from './types';

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** A reusable drawing surface: OffscreenCanvas where there is one, else a detached <canvas>. */
export class PixelReader {
  private context: Canvas2D | null = null;

  /**
   * Draws `source` (`width` × `height` pixels) scaled so its longer side is at most `maxSide`,
   * and returns its pixels (a buffer of their own, which the scan worker may take). Null when
   * the source has no size yet or the page cannot draw.
   */
  read(source: CanvasImageSource, width: number, height: number, maxSide: number): RgbaFrame | null {
    if (width <= 0 || height <= 0) return null;
    const scale = Math.min(1, maxSide / Math.max(width, height));
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    const context = this.surface(w, h);
    if (!context) return null;
    context.drawImage(source, 0, 0, w, h);
    const image = context.getImageData(0, 0, w, h);
    return { width: w, height: h, data: image.data };
  }

  private surface(width: number, height: number): Canvas2D | null {
    if (!this.context) {
      const canvas: OffscreenCanvas | HTMLCanvasElement =
        typeof OffscreenCanvas !== 'undefined'
          ? new OffscreenCanvas(width, height)
          : Object.assign(document.createElement('canvas'), { width, height });
      // Read back on every frame: keep the pixels on the CPU.
      this.context = canvas.getContext('2d', { willReadFrequently: true }) as Canvas2D | null;
      if (!this.context) return null;
    }
    const canvas = this.context.canvas;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    return this.context;
  }
}

/** Video frames: 1080p at most (webcams are opened at 720p; more only costs decode time). */
export const MAX_VIDEO_SIDE = 1920;

/** The video's current frame, or null before it has one. */
export function readVideoFrame(reader: PixelReader, video: HTMLVideoElement): RgbaFrame | null {
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return null;
  return reader.read(video, video.videoWidth, video.videoHeight, MAX_VIDEO_SIDE);
}
