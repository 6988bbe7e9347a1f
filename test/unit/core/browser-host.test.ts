import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { Core } from '../../../core/core';
import { startBrowserHost, type BrowserHost } from '../../../core/host/browser-host';
import { makeTestCore } from '../../support/contract-suite';

let core: Core;
let host: BrowserHost;
let staticDir: string;

beforeEach(async () => {
  core = makeTestCore();
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-static-'));
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>FieldKey</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(os.tmpdir(), 'fieldkey-secret.txt'), 'secret');
  host = await startBrowserHost({ server: core.server, staticDir });
});
afterEach(async () => {
  await host.close();
  core.close();
});

/** A raw request, so Host and Origin can be set as an attacker's page would. */
function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const invoke = (headers: Record<string, string>, body = '{"patch":{"theme":"dark"}}') =>
  request({ method: 'POST', path: '/api/invoke/settings.set', headers: { 'Content-Type': 'application/json', ...headers }, body });

function wsStatus(url: string, origin?: string): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
    ws.on('error', () => {});
  });
}

describe('browser host', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers an API call with the right token and Origin', async () => {
    const res = await invoke({ Authorization: `Bearer ${host.token}`, Origin: `http://127.0.0.1:${host.port}` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, result: { theme: 'dark' } });
  });

  it('refuses a call without the token (401) and runs nothing', async () => {
    const res = await invoke({});
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('UNAUTHORIZED');
    const settings = await invoke({ Authorization: `Bearer ${host.token}` }, '{"patch":{}}');
    expect(JSON.parse(settings.body).result.theme).toBe('system');
  });

  it('refuses a wrong token of the same length (401)', async () => {
    const wrong = host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A');
    expect((await invoke({ Authorization: `Bearer ${wrong}` })).status).toBe(401);
  });

  it('refuses another Origin even with the token (403) and runs nothing', async () => {
    const res = await invoke({ Authorization: `Bearer ${host.token}`, Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    const settings = await invoke({ Authorization: `Bearer ${host.token}` }, '{"patch":{}}');
    expect(JSON.parse(settings.body).result.theme).toBe('system');
  });

  it('refuses a foreign Host header, as in DNS rebinding (403)', async () => {
    const res = await invoke({ Authorization: `Bearer ${host.token}`, Host: `evil.example:${host.port}` });
    expect(res.status).toBe(403);
  });

  it('maps API errors to HTTP statuses: validation 400, unknown method 404', async () => {
    const auth = { Authorization: `Bearer ${host.token}` };
    const bad = await invoke(auth, '{"patch":{"theme":"purple"}}');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toContain('patch.theme');
    const unknown = await request({ method: 'POST', path: '/api/invoke/nope.nothing', headers: auth, body: '{}' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error).toMatchObject({
      code: 'UNKNOWN_METHOD',
      messageCode: 'error.unknownMethod',
      message: 'FieldKey does not know the request nope.nothing.',
    });
    const notJson = await invoke(auth, '{oops');
    expect(notJson.status).toBe(400);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const res = await invoke({ Authorization: `Bearer ${host.token}` }, JSON.stringify({ patch: { x: 'a'.repeat(1_100_000) } }));
    expect(res.status).toBe(413);
  });

  it('opens the WebSocket only with the token and our own Origin', async () => {
    const base = `ws://127.0.0.1:${host.port}/api/ws`;
    const ours = `http://127.0.0.1:${host.port}`;
    expect(await wsStatus(`${base}?token=${host.token}`, ours)).toBe('open');
    expect(await wsStatus(`${base}`, ours)).toBe(401);
    expect(await wsStatus(`${base}?token=nope`, ours)).toBe(401);
    expect(await wsStatus(`${base}?token=${host.token}`, 'http://evil.example')).toBe(403);
    expect(await wsStatus(`ws://127.0.0.1:${host.port}/elsewhere?token=${host.token}`, ours)).toBe(404);
  });

  it('serves the renderer with a CSP and falls back to index.html for app routes', async () => {
    const page = await request({ path: '/settings', headers: {} });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>FieldKey</title>');
    // Written out (the Electron shell's policy plus this host's WebSocket), so a loosened policy fails.
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "media-src 'self' blob: mediastream:; font-src 'self' data:; worker-src 'self' blob:; " +
        `connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port}; ` +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const asset = await request({ path: '/assets/app.js' });
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect((await request({ path: '/assets/missing.js' })).status).toBe(404);
  });

  it('never serves files outside the renderer directory', async () => {
    for (const attempt of ['/../fieldkey-secret.txt', '/%2e%2e/fieldkey-secret.txt', '/assets/..%2f..%2ffieldkey-secret.txt']) {
      const res = await request({ path: attempt });
      expect(res.body).not.toContain('secret');
    }
  });

  it('stops cleanly: close() ends open sockets and frees the port', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/ws?token=${host.token}`);
    await new Promise((resolve) => ws.on('open', resolve));
    const closed = new Promise((resolve) => ws.on('close', resolve));
    await host.close();
    await closed;
    await expect(request({ path: '/' })).rejects.toThrow(/ECONNREFUSED/);
    host = await startBrowserHost({ server: core.server, staticDir }); // for afterEach
  });
});
