/**
 * The sandbox portal: a local stand-in for the vendor portal that implements Portal API v1
 * faithfully over its own SQLite database. The app's hosts start it in-process when no portal is
 * configured; tests and `npm run portal` start it as a process. Nothing in the app depends on it.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../core/db/database';
import { answerClientErrors, guardedListener, logRequestFailure } from '../core/http/request-guard';
import { parseRequestTarget } from '../core/http/request-target';
import { API_PREFIX } from '../core/portal-api/schemas';
import { createApiRoutes, type Reply } from './api/router';
import { FaultSwitches } from './faults';
import { PortalError, sendError, sendJsonText } from './http-io';
import { sandboxMigrations } from './migrations';
import { refuseForeignRequest } from './access';
import { createSandboxRoutes } from './sandbox-routes';
import { DEMO_SECRET, isSeeded, seed as applySeed, type SeedReport, type SeedSpec } from './seed';
import { SandboxStore, readMeta, writeMeta } from './store';

export interface SandboxPortalOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Where the sandbox keeps its database. */
  dataDir: string;
  /** Applied only to an empty database. */
  seed?: SeedSpec;
  /** Loopback only: the sandbox is never reachable from the network. */
  host?: '127.0.0.1';
  /** The feature-key secret; by default the one stored in the database (made on first start). */
  secret?: string;
  sessionTtlMs?: number;
  now?: () => Date;
  /** Requires this secret on every /sandbox/ request (the embedded copy sets a per-launch one). */
  sandboxSecret?: string;
  /** Offers the fault switches and change-log compaction over HTTP (off unless asked for). */
  enableFaults?: boolean;
}

export interface SandboxPortal {
  url: string;
  port: number;
  faults: FaultSwitches;
  /** What the seed added, when this start seeded the database. */
  seeded: SeedReport | null;
  dataFile: string;
  close(): Promise<void>;
}

export const SANDBOX_DB_FILE = 'sandbox-portal.sqlite';
const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export async function startSandboxPortal(options: SandboxPortalOptions): Promise<SandboxPortal> {
  const now = options.now ?? (() => new Date());
  const dataFile = path.join(path.resolve(options.dataDir), SANDBOX_DB_FILE);
  const { db } = openDatabase({ file: dataFile, migrations: sandboxMigrations, now });

  let store: SandboxStore;
  let seeded: SeedReport | null = null;
  try {
    const fresh = !isSeeded(db);
    const storedSecret = readMeta(db, 'secret');
    // The demo seed uses a fixed secret so its keys are the same everywhere.
    const secret =
      options.secret ?? storedSecret ?? (fresh && options.seed === 'demo' ? DEMO_SECRET : crypto.randomBytes(32).toString('base64url'));
    if (storedSecret !== secret) writeMeta(db, 'secret', secret);
    store = new SandboxStore(db, secret, now, options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS);
    if (fresh && options.seed !== undefined) seeded = await applySeed(store, options.seed, secret, now());
  } catch (err) {
    db.close();
    throw err;
  }

  const faults = new FaultSwitches();
  faults.setCompactor(() => store.compactChanges());
  const handleApi = createApiRoutes(store, now);
  const handleSandbox = createSandboxRoutes(store, faults, now, {
    secret: options.sandboxSecret ?? null,
    enableFaults: options.enableFaults ?? false,
  });

  const answerApi = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const fault = faults.take();
    if (fault?.kind === 'unavailable' || fault?.kind === 'rate_limit') {
      req.resume();
      const retryAfter = { 'Retry-After': String(fault.retryAfterSeconds) };
      return sendError(
        res,
        fault.kind === 'unavailable'
          ? new PortalError(503, 'unavailable', 'The portal is down for maintenance. Try again later.', retryAfter)
          : new PortalError(429, 'rate_limited', 'Too many requests. Slow down and try again later.', retryAfter),
      );
    }
    if (fault?.kind === 'hang') {
      // Read the request, never answer: the client's timeout is what is under test.
      req.resume();
      return;
    }
    const slow = fault?.kind === 'slow' ? () => sleep(fault.delayMs) : () => Promise.resolve();
    const pause = () => slow().then(() => faults.takeHold(req.method ?? '', url.pathname)?.wait());
    let reply: Reply;
    try {
      reply = await handleApi(req, url, pause);
    } catch (err) {
      if (!(err instanceof PortalError)) logRequestFailure('Sandbox portal', req, err);
      const error =
        err instanceof PortalError ? err : new PortalError(500, 'internal', 'The sandbox portal failed to answer this request.');
      reply = {
        status: error.status,
        body: JSON.stringify({ error: { code: error.code, message: error.message } }),
        headers: error.headers,
      };
    }
    if (fault?.kind === 'cut_after_commit') {
      // The work is committed (and its response stored); the client never hears of it.
      res.socket?.destroy();
      return;
    }
    if (reply.status === 204) {
      res.writeHead(204, { 'Cache-Control': 'no-store', ...reply.headers }).end();
      return;
    }
    sendJsonText(res, reply.status, reply.body, reply.headers);
  };

  const answerSandbox = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    try {
      const reply = await handleSandbox(req, url);
      if (reply.status === 204) return void res.writeHead(204).end();
      res.writeHead(reply.status, {
        'Content-Type': reply.contentType ?? 'application/json; charset=utf-8',
        'Content-Length': String(Buffer.byteLength(reply.body)),
        'Cache-Control': 'no-store',
        ...reply.headers,
      });
      res.end(reply.body);
    } catch (err) {
      if (!(err instanceof PortalError)) logRequestFailure('Sandbox portal', req, err);
      sendError(res, err instanceof PortalError ? err : new PortalError(500, 'internal', 'The sandbox endpoint failed.'));
    }
  };

  const server = http.createServer(
    guardedListener(
      'Sandbox portal',
      (req, res) => {
        if (refuseForeignRequest(req, res)) return;
        const target = parseRequestTarget(req.url);
        if (!target.ok) {
          req.resume();
          return sendError(res, new PortalError(400, 'bad_request', target.message));
        }
        const url = target.url;
        if (url.pathname.startsWith(`${API_PREFIX}/`)) return answerApi(req, res, url);
        if (url.pathname.startsWith('/sandbox/')) return answerSandbox(req, res, url);
        sendError(
          res,
          new PortalError(404, 'not_found', `No such endpoint: ${req.method} ${url.pathname}. The API is under ${API_PREFIX}/.`),
        );
      },
      (res) => sendError(res, new PortalError(500, 'internal', 'The sandbox portal failed to answer this request.')),
    ),
  );
  answerClientErrors(server);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    db.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    faults,
    seeded,
    dataFile,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // Hung and slow requests included: a stopped portal answers nothing.
        server.closeAllConnections();
        server.close(() => {
          db.close();
          resolve();
        });
      });
      return closing;
    },
  };
}
