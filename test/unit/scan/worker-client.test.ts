import type { ScanWorkerPort, ScanWorkerReply, ScanWorkerRequest } from '../../../renderer/src/scan/worker-client';
import { createScanWorker } from '../../../renderer/src/scan/worker-client';
import { DEFAULT_DECODER } from '../../../core/barcode';

/** A stand-in for the Worker: records what was posted; the test answers as the worker would. */
function standInWorker() {
  const posted: { request: ScanWorkerRequest; transfer: Transferable[] }[] = [];
  let terminated = false;
  const port: ScanWorkerPort = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage: (request, transfer) => posted.push({ request, transfer }),
    terminate: () => {
      terminated = true;
    },
  };
  return {
    port,
    posted,
    terminated: () => terminated,
    reply: (reply: ScanWorkerReply) => port.onmessage?.({ data: reply } as MessageEvent<ScanWorkerReply>),
    fail: (message: string) => port.onerror?.({ message, preventDefault() {} } as ErrorEvent),
  };
}

const frame = () => ({ width: 2, height: 1, data: new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 255]) });

describe('createScanWorker', () => {
  it('names the default decoder', () => {
    const worker = standInWorker();
    expect(createScanWorker(() => worker.port).decoderName).toBe(DEFAULT_DECODER);
  });

  it('transfers the pixels and matches each reply to its call by id, whatever the order', async () => {
    const worker = standInWorker();
    const scan = createScanWorker(() => worker.port);
    const first = frame();
    const a = scan.decode(first, ['QRCode']);
    const b = scan.decode(frame());
    expect(worker.posted.map((p) => p.request.formats)).toEqual([['QRCode'], undefined]);
    expect(worker.posted[0]!.transfer).toEqual([worker.posted[0]!.request.pixels]);
    expect(new Uint8ClampedArray(worker.posted[0]!.request.pixels)).toEqual(frame().data);
    const [idA, idB] = worker.posted.map((p) => p.request.id);
    expect(idA).not.toBe(idB);
    worker.reply({ id: idB!, ok: true, barcodes: [] });
    worker.reply({ id: idA!, ok: true, barcodes: [{ text: '000ADD023F8F', format: 'QRCode' }] });
    await expect(a).resolves.toEqual([{ text: '000ADD023F8F', format: 'QRCode' }]);
    await expect(b).resolves.toEqual([]);
  });

  it('copies pixels that share a larger buffer instead of detaching it', () => {
    const worker = standInWorker();
    const scan = createScanWorker(() => worker.port);
    const shared = new Uint8ClampedArray(16);
    void scan.decode({ width: 1, height: 1, data: shared.subarray(4, 8) });
    expect(shared.byteLength).toBe(16);
    expect(worker.posted[0]!.request.pixels.byteLength).toBe(4);
  });

  it('decodeDetailed asks for the unreadable areas too and answers both; decode answers the barcodes alone', async () => {
    const worker = standInWorker();
    const scan = createScanWorker(() => worker.port);
    const detailed = scan.decodeDetailed(frame(), ['Code128']);
    const plain = scan.decode(frame());
    expect(worker.posted.map((p) => p.request.detailed)).toEqual([true, undefined]);
    expect(worker.posted[0]!.transfer).toEqual([worker.posted[0]!.request.pixels]);
    const barcodes = [{ text: '43XC9868WTGBCWMH53YS4RA9', format: 'Code128' as const }];
    const unreadable = [{ x: 16, y: 32, width: 480, height: 64 }];
    worker.reply({ id: worker.posted[0]!.request.id, ok: true, barcodes, unreadable });
    worker.reply({ id: worker.posted[1]!.request.id, ok: true, barcodes, unreadable });
    await expect(detailed).resolves.toEqual({ barcodes, unreadable });
    await expect(plain).resolves.toEqual(barcodes);
  });

  it('decodeDetailed answers no unreadable areas when the worker reports none', async () => {
    const worker = standInWorker();
    const scan = createScanWorker(() => worker.port);
    const detailed = scan.decodeDetailed(frame());
    worker.reply({ id: worker.posted[0]!.request.id, ok: true, barcodes: [] });
    await expect(detailed).resolves.toEqual({ barcodes: [], unreadable: [] });
  });

  it("rejects with the worker's message when decoding failed", async () => {
    const worker = standInWorker();
    const scan = createScanWorker(() => worker.port);
    const call = scan.decode(frame());
    worker.reply({ id: worker.posted[0]!.request.id, ok: false, message: 'A 2×1 RGBA frame has 8 bytes, this one has 4.' });
    await expect(call).rejects.toThrow('A 2×1 RGBA frame has 8 bytes');
  });

  it('rejects pending and later calls once closed, and stops the worker', async () => {
    const worker = standInWorker();
    const scan = createScanWorker(() => worker.port);
    const pending = scan.decode(frame());
    scan.close();
    await expect(pending).rejects.toThrow('closed');
    await expect(scan.decode(frame())).rejects.toThrow('closed');
    expect(worker.terminated()).toBe(true);
  });

  it('rejects pending and later calls when the worker fails', async () => {
    const worker = standInWorker();
    const scan = createScanWorker(() => worker.port);
    const pending = scan.decode(frame());
    worker.fail('Uncaught CompileError');
    await expect(pending).rejects.toThrow('The barcode decoder stopped: Uncaught CompileError');
    await expect(scan.decode(frame())).rejects.toThrow('stopped');
  });
});
