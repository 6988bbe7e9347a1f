/**
 * The UI thread's side of the scan worker: frames go to ./decode.worker.ts, which decodes them
 * one at a time with the default decoder; each call gets its own request id and promise.
 */
import { DEFAULT_DECODER } from '../../../core/barcode/names';
import { DecoderError } from './problems';
import type { BarcodeFormat, DetailedDecode, FrameRegion, RgbaFrame, ScanWorker } from './types';

export interface ScanWorkerRequest {
  id: number;
  width: number;
  height: number;
  /** The RGBA pixels, transferred, not copied. */
  pixels: ArrayBuffer;
  formats?: BarcodeFormat[];
  /** Also report the barcode-like areas nothing was read from (`decodeDetailed`). */
  detailed?: boolean;
}

export type ScanWorkerReply =
  | { id: number; ok: true; barcodes: DetailedDecode['barcodes']; unreadable?: FrameRegion[] }
  | { id: number; ok: false; message: string };

/** What the client needs of a Worker (a stand-in in unit tests). */
export interface ScanWorkerPort {
  postMessage(message: ScanWorkerRequest, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ScanWorkerReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  terminate(): void;
}

function startDecodeWorker(): ScanWorkerPort {
  return new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'fieldkey-scan' });
}

/** The pixels as a buffer of their own, so transferring it detaches nothing else. */
function ownPixels(data: Uint8ClampedArray): ArrayBuffer {
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer) return data.buffer;
  return data.slice().buffer as ArrayBuffer;
}

/**
 * Starts the decoder worker. `decode` and `decodeDetailed` transfer the frame's pixel buffer to
 * the worker: the caller's `frame.data` is empty afterwards (draw a new frame for the next call). After `close`,
 * or if the worker fails, pending and later calls reject with a message saying so.
 */
export function createScanWorker(start: () => ScanWorkerPort = startDecodeWorker): ScanWorker {
  const worker = start();
  const pending = new Map<number, { resolve: (result: DetailedDecode) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let stopped: Error | undefined;

  const stop = (reason: Error) => {
    if (stopped) return;
    stopped = reason;
    worker.onmessage = worker.onerror = worker.onmessageerror = null;
    worker.terminate();
    for (const call of pending.values()) call.reject(reason);
    pending.clear();
  };

  worker.onmessage = (event) => {
    const reply = event.data;
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    if (reply.ok) call.resolve({ barcodes: reply.barcodes, unreadable: reply.unreadable ?? [] });
    else call.reject(new DecoderError({ kind: 'failed', reason: reply.message }));
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
    stop(new DecoderError({ kind: 'stopped', reason: event.message || null }));
  };
  worker.onmessageerror = () => stop(new DecoderError({ kind: 'messageLost' }));

  const send = (frame: RgbaFrame, formats: readonly BarcodeFormat[] | undefined, detailed: boolean): Promise<DetailedDecode> => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    const pixels = ownPixels(frame.data);
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      const request: ScanWorkerRequest = {
        id,
        width: frame.width,
        height: frame.height,
        pixels,
        formats: formats ? [...formats] : undefined,
      };
      worker.postMessage(detailed ? { ...request, detailed } : request, [pixels]);
    });
  };

  return {
    decoderName: DEFAULT_DECODER,
    async decode(frame, formats) {
      return (await send(frame, formats, false)).barcodes;
    },
    decodeDetailed(frame, formats) {
      return send(frame, formats, true);
    },
    close() {
      stop(new DecoderError({ kind: 'closed' }));
    },
  };
}
