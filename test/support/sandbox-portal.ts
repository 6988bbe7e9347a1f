import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
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

/**
 * How many times the sandbox's stored answers say each code was redeemed (one idempotency record
 * per request the portal acted on). Exactly-once means 1 for every code the app redeemed.
 */
export function redemptionsRecorded(dataFile: string): Map<string, number> {
  const db = new Database(dataFile, { readonly: true, fileMustExist: true });
  try {
    const counts = new Map<string, number>();
    const bodies = db.prepare('SELECT response_body FROM idempotency WHERE status = 200').pluck().all() as string[];
    for (const body of bodies) {
      const parsed = JSON.parse(body) as { results?: { authCode: string; status: string }[] };
      for (const result of parsed.results ?? []) {
        if (result.status === 'redeemed') counts.set(result.authCode, (counts.get(result.authCode) ?? 0) + 1);
      }
    }
    return counts;
  } finally {
    db.close();
  }
}

/** Sessions the sandbox holds now (it keeps only hashes of tokens, so a count). */
export function liveSessions(dataFile: string): number {
  const db = new Database(dataFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM sessions').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Whether the portal accepts `token` now (it answers the change feed). */
export async function tokenAccepted(portal: TestPortal, token: string): Promise<boolean> {
  const res = await portal.call('GET', '/api/v1/changes?cursor=0&limit=1', { token });
  await res.body?.cancel();
  if (res.status !== 200 && res.status !== 401) throw new Error(`Unexpected answer to a token check: ${res.status}`);
  return res.status === 200;
}

/**
 * A fetch that notes what the app asked the portal: each request as `METHOD /path?query`, and
 * the token of each successful sign-in (the sandbox keeps only hashes of tokens).
 */
export function recordingFetch(): { fetch: typeof fetch; requests: string[]; tokens: string[] } {
  const requests: string[] = [];
  const tokens: string[] = [];
  const recording: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const line = `${method} ${url.pathname}${url.search}`;
    requests.push(line);
    const res = await fetch(input, init);
    if (line === 'POST /api/v1/session' && res.status === 200) {
      const body = (await res
        .clone()
        .json()
        .catch(() => null)) as { token?: unknown } | null;
      if (typeof body?.token === 'string') tokens.push(body.token);
    }
    return res;
  };
  return { fetch: recording, requests, tokens };
}
