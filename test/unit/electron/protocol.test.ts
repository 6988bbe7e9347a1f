const { standIn, electronModule } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registerAppScheme, serveAppProtocol } from '../../../electron/protocol';

// dist/renderer stand-in, with a secret next to it that must never be served.
const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-protocol-'));
const rendererDir = path.join(sandbox, 'renderer');
fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>FieldKey</title>');
fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
fs.writeFileSync(path.join(sandbox, 'secret.txt'), 'database password');
fs.symlinkSync(path.join(sandbox, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));

/**
 * The policy the app must be served with, written out rather than taken from
 * contentSecurityPolicy(), so a directive dropped or loosened there fails here.
 */
const EXPECTED_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function request(url: string, method = 'GET'): Promise<Response> {
  const handler = standIn.protocol.handlers.get('app');
  if (!handler) throw new Error('app:// is not handled');
  return Promise.resolve(handler({ url, method } as Request));
}

describe('app:// scheme (stand-in electron)', () => {
  beforeEach(() => {
    standIn.reset();
    registerAppScheme();
    standIn.app.becomeReady();
    serveAppProtocol(rendererDir);
  });

  it('registers app as a standard, secure, fetch-capable scheme, and nothing more privileged', () => {
    expect(standIn.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves index.html with the Content-Security-Policy header', async () => {
    const response = await request('app://fieldkey/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(await response.text()).toContain('<title>FieldKey</title>');
  });

  it('serves every response with the CSP, not only HTML (a worker script takes its policy from its own response)', async () => {
    expect((await request('app://fieldkey/assets/index-abc.js')).headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });

  it('serves assets with their type and nosniff', async () => {
    const response = await request('app://fieldkey/assets/index-abc.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('falls back to index.html for client-side routes, with the CSP', async () => {
    const response = await request('app://fieldkey/settings/portal');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(await response.text()).toContain('<title>FieldKey</title>');
  });

  it('answers 404 for a missing asset instead of the app', async () => {
    expect((await request('app://fieldkey/assets/missing.js')).status).toBe(404);
  });

  it.each([
    ['app://fieldkey/..%2Fsecret.txt', 403],
    ['app://fieldkey/assets/..%2F..%2Fsecret.txt', 403],
    ['app://fieldkey/%2e%2e%2fsecret.txt', 403],
    // The same answer whether or not the file outside exists: no way to probe the disk.
    ['app://fieldkey/..%2Fno-such-file.txt', 403],
    ['app://fieldkey/assets/link.txt', 403],
    ['app://fieldkey/index.html%00.js', 400],
    // Not traversal on this OS (a backslash is a file name character here; an absolute path
    // lands inside the folder), but it must not find the secret either.
    ['app://fieldkey/..%5Csecret.txt', path.sep === '\\' ? 403 : 404],
    [`app://fieldkey/${encodeURIComponent(path.join(sandbox, 'secret.txt'))}`, 404],
  ])('refuses path traversal: %s', async (url, status) => {
    const response = await request(url as string);
    expect(response.status).toBe(status);
    expect(await response.text()).not.toContain('database password');
  });

  it('refuses other hosts on the scheme and methods other than GET/HEAD', async () => {
    expect((await request('app://other/index.html')).status).toBe(404);
    expect((await request('app://fieldkey/', 'POST')).status).toBe(405);
    const head = await request('app://fieldkey/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('must be registered before the app is ready', () => {
    standIn.reset();
    standIn.app.becomeReady();
    expect(() => registerAppScheme()).toThrow(/before app is ready/);
  });
});
