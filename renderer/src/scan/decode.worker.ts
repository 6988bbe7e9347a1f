/**
 * The scan worker: decodes the frames ./worker-client.ts sends, one at a time, with the default
 * decoder, so the UI thread never decodes. The zxing-wasm module comes from the app's own
 * assets (a Vite `?url` import), never from a CDN.
 */
import zxingWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { createDecoder, DEFAULT_DECODER } from '../../../core/barcode';
import type { ScanWorkerReply, ScanWorkerRequest } from './worker-client';

/** The part of DedicatedWorkerGlobalScope used here (the renderer's types are the page's). */
interface DecodeWorkerScope {
  onmessage: ((event: MessageEvent<ScanWorkerRequest>) => void) | null;
  postMessage(reply: ScanWorkerReply): void;
}

const scope = self as unknown as DecodeWorkerScope;
const decoder = createDecoder(DEFAULT_DECODER, { zxingWasm: { url: new URL(zxingWasmUrl, self.location.href).href } });

// Load the WebAssembly now rather than on the first frame; a failure is reported by that frame.
let queue: Promise<unknown> = decoder.decode({ width: 1, height: 1, data: new Uint8ClampedArray(4) }).catch(() => undefined);

async function answer(request: ScanWorkerRequest): Promise<ScanWorkerReply> {
  try {
    const frame = { width: request.width, height: request.height, data: new Uint8ClampedArray(request.pixels) };
    if (!request.detailed) return { id: request.id, ok: true, barcodes: await decoder.decode(frame, request.formats) };
    // A decoder that does not look for barcode-like areas has none to report.
    const { barcodes, unreadable } = decoder.decodeDetailed
      ? await decoder.decodeDetailed(frame, request.formats)
      : { barcodes: await decoder.decode(frame, request.formats), unreadable: [] };
    return { id: request.id, ok: true, barcodes, unreadable };
  } catch (error) {
    return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  // One frame at a time, in the order they came.
  queue = queue.then(async () => scope.postMessage(await answer(request)));
};
