/**
 * Serves the built renderer on app://fieldkey/ instead of file://, so the page has its own
 * origin (IPC, permission and navigation checks compare against it) and a CSP header.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { contentSecurityPolicy } from '../core/host/content-security-policy';
import { contentTypeFor } from '../core/host/content-types';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(request, rendererDir));
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative));
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Answers one app:// request from `rendererDir`; never serves a file outside it. */
export async function appProtocolResponse(request: Pick<Request, 'url' | 'method'>, rendererDir: string): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return plain(404, 'Not found');
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return plain(400, 'Bad request');
  }
  if (pathname.includes('\0')) return plain(400, 'Bad request');

  let root: string;
  try {
    root = await fs.realpath(rendererDir);
  } catch {
    return plain(500, 'The renderer is not built. Run "npm run build".');
  }
  // Decoding can produce "../" (or "..\" on Windows) that the URL parser did not see.
  let file = path.resolve(root, `.${path.sep}${pathname}`);
  if (!isInside(root, file)) return plain(403, 'Forbidden');

  if (!(await isFile(file))) {
    // Client-side routes (no extension) get the app; a missing asset is a plain 404.
    if (path.extname(file) !== '') return plain(404, 'Not found');
    file = path.join(root, 'index.html');
    if (!(await isFile(file))) return plain(500, 'The renderer is not built. Run "npm run build".');
  }
  // A symlink inside the folder must not lead out of it.
  if (!isInside(root, await fs.realpath(file))) return plain(403, 'Forbidden');

  const headers: Record<string, string> = {
    'Content-Type': contentTypeFor(file),
    'X-Content-Type-Options': 'nosniff',
    // On every response, not only HTML: a worker script's CSP comes from its own response.
    'Content-Security-Policy': contentSecurityPolicy(),
    'Cache-Control': 'no-cache',
  };
  const body = request.method === 'HEAD' ? null : await fs.readFile(file);
  return new Response(body, { status: 200, headers });
}
