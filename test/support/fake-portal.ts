import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatAuthCode } from '../../core/domain/auth-code';
import { API_PREFIX, changesResponse, type PortalChange } from '../../core/portal-api/schemas';

/**
 * A minimal real HTTP server that speaks Portal API v1 (session and change feed only), for the
 * client and engine tests that need exact control: answers validated against the shared schemas,
 * and faults armed per request. The sandbox portal is the full peer; this is the lab bench.
 */
export type FakeFault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'hang' }
  | { kind: 'reset' };

export interface FakePortal {
  url: string;
  /** Faults for the next /api/v1 requests, in order (one request each). */
  faults: FakeFault[];
  /** Every /api/v1 request seen: method and path with query. */
  requests: string[];
  log: PortalChange[];
  /** Cursors below this answer 410 (as after the portal compacted its change log). */
  floor: number;
  /** Appends changes to the log with the next seqs. */
  append(...changes: Omit<PortalChange, 'seq'>[]): void;
  /** Appends a redeemed key (and its system and SKU on first use). */
  redeem(index: number, mac?: string): void;
  /** Tokens that the portal accepts. */
  tokens: Set<string>;
  close(): Promise<void>;
}

export const FAKE_USER = { username: 'demo', password: 'demo', partner: { id: 'p-1', name: 'Demo Partner Ltd', username: 'demo' } };

export function authCodeFor(index: number): string {
  return formatAuthCode(index.toString(36).toUpperCase().padStart(24, 'A'));
}

export function featureKeyFor(index: number): string {
  // Mixed case and $ & on purpose: they must survive exactly.
  const body = `$k${index.toString(36)}`.padEnd(24, '&Ab9').slice(0, 24);
  return body.match(/.{4}/g)!.join('-');
}

export function macFor(system: number): string {
  return `000ADD${system.toString(16).toUpperCase().padStart(6, '0')}`;
}

export async function startFakePortal(options: { keys?: number; systems?: number } = {}): Promise<FakePortal> {
  const log: PortalChange[] = [];
  const knownSystems = new Set<string>();
  const knownSkus = new Set<string>();
  const portal: FakePortal = {
    url: '',
    faults: [],
    requests: [],
    log,
    floor: 0,
    tokens: new Set(),
    append(...changes) {
      for (const change of changes) log.push({ ...change, seq: log.length + 1 } as PortalChange);
    },
    redeem(index, mac = macFor(index % (options.systems ?? 5))) {
      const sku = `82100${10 + (index % 3)}`;
      if (!knownSkus.has(sku)) {
        knownSkus.add(sku);
        portal.append({ entity: 'sku', id: sku, op: 'upsert', data: { sku, description: `${sku} - 6x Feature ${index % 3}` } });
      }
      if (!knownSystems.has(mac)) {
        knownSystems.add(mac);
        portal.append({
          entity: 'system',
          id: mac,
          op: 'upsert',
          data: { mac, serial: null, name: `System ${mac.slice(-4)}`, customer: 'Acme' },
        });
      }
      const authCode = authCodeFor(index);
      portal.append({
        entity: 'featureKey',
        id: authCode,
        op: 'upsert',
        data: {
          authCode,
          featureKey: featureKeyFor(index),
          sku,
          skuDescription: `${sku} - 6x Feature ${index % 3}`,
          distributor: 'Distri AG',
          mac,
          redeemedAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
        },
      });
    },
    close: () => Promise.resolve(),
  };
  for (let i = 0; i < (options.keys ?? 0); i++) portal.redeem(i);

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const error = (res: http.ServerResponse, status: number, code: string, message: string) =>
    send(res, status, { error: { code, message } });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith(API_PREFIX)) return send(res, 404, { hello: 'not the API' });
    portal.requests.push(`${req.method} ${url.pathname}${url.search}`);
    const fault = portal.faults.shift();
    if (fault?.kind === 'hang') return; // never answers
    if (fault?.kind === 'reset') return req.socket.destroy();
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'Content-Type': 'application/json', ...fault.headers });
      return res.end(fault.body ?? JSON.stringify({ error: { code: 'unavailable', message: 'Busy.' } }));
    }
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const path = url.pathname.slice(API_PREFIX.length);
      if (path === '/session' && req.method === 'POST') {
        const body = JSON.parse(raw || '{}') as { username?: string; password?: string };
        if (body.username !== FAKE_USER.username || body.password !== FAKE_USER.password) {
          return error(res, 401, 'wrong_password', 'Wrong user name or password.');
        }
        const token = `token-${portal.tokens.size + 1}-${Math.random().toString(36).slice(2)}`;
        portal.tokens.add(token);
        return send(res, 200, { token, expiresAt: '2030-01-01T00:00:00.000Z', partner: FAKE_USER.partner });
      }
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!portal.tokens.has(token)) return error(res, 401, 'unauthorized', 'Log in again.');
      if (path === '/session' && req.method === 'DELETE') {
        portal.tokens.delete(token);
        res.writeHead(204).end();
        return;
      }
      if (path === '/changes' && req.method === 'GET') {
        const cursor = Number(url.searchParams.get('cursor') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 1000);
        if (cursor > 0 && cursor < portal.floor) return error(res, 410, 'cursor_expired', 'Sync again from 0.');
        const changes = log.filter((c) => c.seq > cursor).slice(0, limit);
        const last = changes.at(-1)?.seq ?? cursor;
        return send(res, 200, changesResponse.parse({ changes, nextCursor: last, hasMore: last < log.length }));
      }
      return error(res, 404, 'not_found', `No route ${req.method} ${path}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  portal.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  portal.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return portal;
}

/** A server that answers everything with an HTML page: a web site, not a portal. */
export async function startWebSite(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Welcome</title><p>Hello');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A 127.0.0.1 address where nothing listens. */
export async function unusedLoopbackUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
