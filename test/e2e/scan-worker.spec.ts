import type { Page } from '@playwright/test';
import { contentSecurityPolicy } from '../../core/host/content-security-policy';
import type { ScanWorkerReply, ScanWorkerRequest } from '../../renderer/src/scan/worker-client';
import { composeFrame, drawSymbol, seededRandom } from '../../bench/barcode-corpus';
import { test, expect } from './fixtures';

/**
 * The scan worker as the built app ships it: its script and the zxing .wasm come from the host
 * with their content types, and the worker decodes a generated barcode under the CSP. The
 * browser host sends the CSP with the page only; the desktop app's app:// handler sends it with
 * every file, the worker script included, so the worker's own policy is added here to match.
 * (The camera panel's end-to-end test drives the same worker through the UI.)
 */

const MAC = '000ADD023F8F';

/** The path of the decode worker the app's main script starts. */
async function workerPath(page: Page, origin: string): Promise<string> {
  const html = await (await page.request.get(`${origin}/`)).text();
  const main = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
  expect(main, 'index.html loads a script').toBeTruthy();
  const script = await (await page.request.get(new URL(main!, origin).href)).text();
  const worker = /\/assets\/decode\.worker-[\w-]+\.js/.exec(script)?.[0];
  expect(worker, "the app's script starts the decode worker").toBeTruthy();
  return worker!;
}

/** A 640×360 frame with a QR code of a MAC, as base64 RGBA (page.evaluate takes JSON). */
async function qrFrame(): Promise<{ width: number; height: number; base64: string }> {
  const symbol = await drawSymbol('QRCode', MAC);
  const frame = composeFrame([{ symbol, moduleSize: 6, angle: 12, centerX: 320, centerY: 180 }], {
    width: 640,
    height: 360,
    blurSigma: 0.6,
    noise: 3,
    random: seededRandom(9),
  });
  return { width: frame.width, height: frame.height, base64: Buffer.from(frame.data.buffer).toString('base64') };
}

/** Starts the worker at `path` in the page, as the app does, sends one frame, returns its reply. */
function decodeInPage(page: Page, path: string, frame: { width: number; height: number; base64: string }): Promise<ScanWorkerReply> {
  return page.evaluate(
    ({ path, frame }) =>
      new Promise<ScanWorkerReply>((resolve, reject) => {
        const worker = new Worker(path, { type: 'module', name: 'fieldkey-scan' });
        const timer = setTimeout(() => reject(new Error('The worker did not answer within 20 s.')), 20_000);
        worker.onerror = (event) => reject(new Error(`The worker failed: ${event.message}`));
        worker.onmessage = (event: MessageEvent<ScanWorkerReply>) => {
          clearTimeout(timer);
          worker.terminate();
          resolve(event.data);
        };
        const pixels = Uint8Array.from(atob(frame.base64), (c) => c.charCodeAt(0)).buffer;
        const request: ScanWorkerRequest = { id: 7, width: frame.width, height: frame.height, pixels };
        worker.postMessage(request, [pixels]);
      }),
    { path, frame },
  );
}

/** Serves the worker script with `policy` as its own CSP, as the desktop app does. */
async function serveWorkerWithPolicy(page: Page, origin: string, path: string, policy: string): Promise<void> {
  await page.route(`${origin}${path}`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
  });
}

test.describe('scan worker in the built app', () => {
  test('the worker script and the zxing .wasm are app files, served with their content types', async ({ page, host }) => {
    const path = await workerPath(page, host.origin);
    const worker = await page.request.get(`${host.origin}${path}`);
    expect(worker.status()).toBe(200);
    expect(worker.headers()['content-type']).toMatch(/^text\/javascript/);
    const wasmPath = /\/assets\/zxing_reader-[\w-]+\.wasm/.exec(await worker.text())?.[0];
    expect(wasmPath, 'the worker loads the bundled .wasm').toBeTruthy();
    const wasm = await page.request.get(`${host.origin}${wasmPath}`);
    expect(wasm.status()).toBe(200);
    expect(wasm.headers()['content-type']).toBe('application/wasm');
    expect((await wasm.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
  });

  test('decodes a barcode under the CSP, loading nothing from outside the app and logging no error', async ({
    page,
    host,
    consoleErrors,
  }) => {
    const path = await workerPath(page, host.origin);
    await serveWorkerWithPolicy(page, host.origin, path, contentSecurityPolicy());
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(host.url);
    await expect(page.getByRole('banner')).toContainText('FieldKey');

    const reply = await decodeInPage(page, path, await qrFrame());

    expect(reply).toMatchObject({ id: 7, ok: true, barcodes: [{ text: MAC, format: 'QRCode' }] });
    expect(requests.filter((url) => /\/zxing_reader-[\w-]+\.wasm$/.test(url))).toHaveLength(1);
    expect(requests.filter((url) => !url.startsWith(`${host.origin}/`))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  test("without 'wasm-unsafe-eval' the worker cannot compile the decoder, and says so", async ({ page, host }) => {
    const path = await workerPath(page, host.origin);
    await serveWorkerWithPolicy(page, host.origin, path, contentSecurityPolicy().replace(" 'wasm-unsafe-eval'", ''));
    await page.goto(host.url);

    const reply = await decodeInPage(page, path, await qrFrame());

    expect(reply).toMatchObject({ id: 7, ok: false });
    expect(reply.ok ? '' : reply.message).toContain('could not load its WebAssembly module');
  });
});
