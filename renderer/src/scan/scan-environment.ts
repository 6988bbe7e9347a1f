/**
 * What the camera panel needs from the page, gathered in one place so unit tests can hand it a
 * stand-in camera and decoder: cameras, the remembered choice, the decoder worker, the beep,
 * frames from the video and the latency record.
 */
import { createBeeper, type Beeper } from './beep';
import { localCameraMemory, type CameraDevices, type CameraMemory } from './camera';
import { PixelReader, readVideoFrame } from './pixels';
import type { RgbaFrame, ScanWorker } from './types';
import { createScanWorker } from './worker-client';

export interface ScanEnvironment {
  /** null where the page has no camera API (an insecure page, or a runtime without one). */
  cameras: CameraDevices | null;
  cameraMemory: CameraMemory;
  createWorker(): ScanWorker;
  createBeeper(): Beeper;
  /** The video's current frame as RGBA, or null before it has one. */
  grabFrame(video: HTMLVideoElement): RgbaFrame | null;
  /** Calls `next` when the video has a new frame (or after a short wait); returns a cancel. */
  afterNextFrame(video: HTMLVideoElement, next: () => void): () => void;
  /** A monotonic clock in milliseconds (the performance timeline). */
  now(): number;
  /** Records how long a code took from the first frame it was read in to being in its field. */
  recordAdded(firstSeenAt: number): void;
}

/**
 * The name of the performance-timeline measure the panel adds for each code it puts into the
 * form: from the grab of the first camera frame the code was decoded in to the frame painted
 * with the code in its field. Shown in the browser's performance tools; read by the e2e test.
 */
export const SCAN_LATENCY_MEASURE = 'fieldkey-scan-added';

/** Without requestVideoFrameCallback (or when the video is hidden), a frame every so often. */
const FALLBACK_FRAME_WAIT_MS = 120;

export function browserScanEnvironment(): ScanEnvironment {
  const pixels = new PixelReader();
  const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  return {
    cameras: media && typeof media.getUserMedia === 'function' ? media : null,
    cameraMemory: localCameraMemory(),
    createWorker: () => createScanWorker(),
    createBeeper,
    grabFrame: (video) => readVideoFrame(pixels, video),
    afterNextFrame(video, next) {
      let done = false;
      const run = () => {
        if (done) return;
        done = true;
        cancel();
        next();
      };
      // A new frame, not the one just decoded: two reads of one frame would prove nothing.
      const request = typeof video.requestVideoFrameCallback === 'function' ? video.requestVideoFrameCallback(run) : null;
      const timer = setTimeout(run, request === null ? FALLBACK_FRAME_WAIT_MS : 4 * FALLBACK_FRAME_WAIT_MS);
      const cancel = () => {
        done = true;
        clearTimeout(timer);
        if (request !== null) video.cancelVideoFrameCallback(request);
      };
      return cancel;
    },
    now: () => performance.now(),
    recordAdded(firstSeenAt) {
      // The code is in the form's state now; the next frame paints it.
      requestAnimationFrame(() => {
        try {
          performance.measure(SCAN_LATENCY_MEASURE, { start: firstSeenAt, end: performance.now() });
        } catch {
          // A timeline that refuses the entry changes nothing for the user.
        }
      });
    },
  };
}
