import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandboxPortal, type SandboxPortal, type SandboxPortalOptions } from '../../portal-sandbox/server';

export interface TestPortal extends SandboxPortal {
  dataDir: string;
  /** Logs in as the demo partner; returns the bearer token. */
  login(username?: string, password?: string): Promise<string>;
  /** fetch against the portal with JSON and optional bearer token / Idempotency-Key. */
  call(method: string, pathname: string, init?: { token?: string; key?: string; body?: unknown; rawBody?: string }): Promise<Response>;
}

/** A sandbox portal in this process, on a free 127.0.0.1 port, with its database in a temp dir. */
export async function startTestPortal(options: Partial<SandboxPortalOptions> = {}): Promise<TestPortal> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-sandbox-'));
  const portal = await startSandboxPortal({ seed: 'demo', ...options, dataDir });
  const call: TestPortal['call'] = (method, pathname, init = {}) => {
    const headers: Record<string, string> = {};
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.key) headers['Idempotency-Key'] = init.key;
    const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(portal.url + pathname, { method, headers, body });
  };
  return {
    ...portal,
    dataDir,
    call,
    async login(username = 'demo', password = 'demo') {
      const res = await call('POST', '/api/v1/session', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
  };
}

/** The demo's unredeemed codes, from the sandbox-only endpoint. */
export async function unredeemedCodes(portal: { url: string }): Promise<{ code: string; sku: string }[]> {
  const res = await fetch(`${portal.url}/sandbox/auth-codes?status=unredeemed`);
  return ((await res.json()) as { authCodes: { code: string; sku: string }[] }).authCodes;
}
