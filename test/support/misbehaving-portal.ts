/**
 * Servers that answer what the sandbox portal (portal-sandbox/) never does, for the few client
 * and sync tests that need such an answer. Everything a real portal does, tests take from the
 * sandbox (test/support/sandbox-portal.ts) and its fault switches; each server here says why the
 * sandbox cannot stand in.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_PREFIX, changesResponse, type PortalChange } from '../../core/portal-api/schemas';

interface LocalServer {
  url: string;
  close(): Promise<void>;
}

async function listen(handler: http.RequestListener): Promise<LocalServer> {
  const server = http.createServer(handler);
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

/**
 * A server that answers every request with an HTML page: a web site, not a portal. The sandbox
 * answers JSON on every path, so it cannot be mistaken for a web site.
 */
export function startWebSite(): Promise<LocalServer> {
  return listen((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Welcome</title><p>Hello');
  });
}

/**
 * A portal that answers every request with one fixed reply, for answers the sandbox never gives:
 * a 200 whose body breaks the Portal API schema (the sandbox builds its answers from its own
 * data), a 500 with an empty body (the sandbox fails only by accident and then answers JSON), a
 * 429 whose Retry-After is an HTTP date measured by the response's own Date header (the sandbox's
 * rate_limit fault sends seconds, and Node sets Date from the real clock).
 */
export function startFixedAnswerPortal(reply: { status: number; headers?: Record<string, string>; body?: string }): Promise<LocalServer> {
  return listen((req, res) => {
    req.resume();
    res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
    res.end(reply.body ?? '');
  });
}

/**
 * A portal whose change feed is scripted: it accepts any sign-in and serves `feed` (changes
 * appended by the test) in pages. For deletions: the sandbox's API never deletes a key or a
 * system, so its change feed holds no `delete` entries.
 */
export async function startScriptedFeedPortal(): Promise<
  LocalServer & { append(...changes: Omit<PortalChange, 'seq'>[]): void; feed: PortalChange[] }
> {
  const feed: PortalChange[] = [];
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = await listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    req.resume();
    if (url.pathname === `${API_PREFIX}/session` && req.method === 'POST') {
      return send(res, 200, {
        token: 'scripted',
        expiresAt: '2030-01-01T00:00:00.000Z',
        partner: { id: 'p-1', name: 'Demo Partner Ltd', username: 'demo' },
      });
    }
    if (url.pathname === `${API_PREFIX}/changes` && req.method === 'GET') {
      const cursor = Number(url.searchParams.get('cursor') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 1000);
      const changes = feed.filter((c) => c.seq > cursor).slice(0, limit);
      const last = changes.at(-1)?.seq ?? cursor;
      // Checked against the schema, so a mistake in the test's script fails loudly, not as a hang.
      const page = changesResponse.safeParse({ changes, nextCursor: last, hasMore: last < feed.length });
      return page.success ? send(res, 200, page.data) : send(res, 500, { error: { code: 'bad_script', message: page.error.message } });
    }
    send(res, 404, { error: { code: 'not_found', message: `No route ${req.method} ${url.pathname}` } });
  });
  return {
    ...server,
    feed,
    append(...changes) {
      for (const change of changes) feed.push({ ...change, seq: feed.length + 1 } as PortalChange);
    },
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
