import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiServer } from '../api/server';
import { invokeToOutcome, serveRpc } from '../rpc/rpc';
import { internalErrorShape, type ApiErrorCode } from '../rpc/errors';
import { newErrorReference, silentLogger, type Logger } from '../log/logger';
import type { MessageChannelLike, WireMessage } from '../rpc/wire';
import { decodeWireFrame, encodeWireMessage, MAX_WIRE_FRAME_BYTES } from '../rpc/wire-frame';
import { contentSecurityPolicy } from './content-security-policy';
import { contentTypeFor } from './content-types';
import { hasDuplicateHost, loopbackHosts, loopbackRefusal } from '../http/loopback-request';
import { BodyTooLarge, readBody } from '../http/read-body';
import { answerClientErrors, describeRequest, guardedListener } from '../http/request-guard';
import { parseRequestTarget } from '../http/request-target';

export interface BrowserHostOptions {
  server: ApiServer;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Generated per launch when not given. */
  token?: string;
  /** Where a request that fails unexpectedly is logged (the API's own failures are logged by the server). */
  log?: Logger;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

const HTTP_STATUS: Partial<Record<ApiErrorCode, number>> = {
  VALIDATION: 400,
  UNKNOWN_METHOD: 404,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
};

/**
 * The browser host: serves the renderer and the API on 127.0.0.1 only. Every API request must
 * carry the per-launch token, come to our own Host name (no DNS rebinding) and, when a browser
 * sends an Origin, come from our own origin; otherwise it is refused before anything runs.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? crypto.randomBytes(32).toString('base64url');
  const log = options.log ?? silentLogger;
  // The token opens the whole API: blanked should it ever appear in a line (an address, a header).
  log.addSecret(token);
  /** Method and path only (describeRequest): the query carries the token, headers a bearer. */
  const reportFailure = (req: http.IncomingMessage, err: unknown): string => {
    const reference = newErrorReference();
    log.error('host.request_failed', { request: describeRequest(req), reference }, err);
    return reference;
  };
  const tokenBuffer = Buffer.from(token);
  let port = 0;
  const allowedHosts = () => loopbackHosts(port);

  const tokenMatches = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === tokenBuffer.length && crypto.timingSafeEqual(given, tokenBuffer);
  };

  /** 0 when the request may reach the API, else the HTTP status to refuse it with. */
  const refusal = (req: http.IncomingMessage, presentedToken: string | null | undefined): 0 | 401 | 403 => {
    if (loopbackRefusal(req.headers, port)) return 403;
    if (!tokenMatches(presentedToken)) return 401;
    return 0;
  };

  const bearer = (req: http.IncomingMessage): string | null => {
    const header = req.headers.authorization ?? '';
    return header.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
  };

  const sendJson = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const refuse = (res: http.ServerResponse, status: 401 | 403) =>
    sendJson(res, status, {
      ok: false,
      error:
        status === 401
          ? { code: 'UNAUTHORIZED', message: 'Missing or wrong access token. Open the address printed when the FieldKey host started.' }
          : { code: 'FORBIDDEN', message: 'Requests from this origin are not allowed.' },
    });

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => {
    const status = refusal(req, bearer(req));
    if (status) return refuse(res, status);
    if (pathname === '/api/session' && req.method === 'GET') return sendJson(res, 200, { ok: true });
    const match = /^\/api\/invoke\/([A-Za-z0-9_.]+)$/.exec(pathname);
    if (!match || req.method !== 'POST') {
      return sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: `No such endpoint: ${req.method} ${pathname}` } });
    }
    let args: unknown;
    try {
      args = JSON.parse((await readBody(req, MAX_BODY_BYTES)).toString('utf8') || '{}');
    } catch (err) {
      const tooLarge = err instanceof BodyTooLarge;
      return sendJson(res, tooLarge ? 413 : 400, {
        ok: false,
        error: { code: 'VALIDATION', message: tooLarge ? 'The request body is larger than 1 MB.' : 'The request body is not valid JSON.' },
      });
    }
    const outcome = await invokeToOutcome(options.server, match[1], args);
    sendJson(res, outcome.ok ? 200 : (HTTP_STATUS[outcome.error.code] ?? 500), outcome);
  };

  const csp = () => contentSecurityPolicy({ connectSrc: allowedHosts().map((h) => `ws://${h}`) });

  /** `pathname` is already decoded (parseRequestTarget). */
  const serveStatic = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    // Static files are the same for every page; only the Host (no DNS rebinding) is checked.
    if (loopbackRefusal({ host: req.headers.host }, port)) {
      res.writeHead(403).end();
      return;
    }
    const root = path.resolve(options.staticDir);
    let file = path.resolve(root, `.${pathname}`);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(404).end();
      return;
    }
    const isFile = (p: string) => fs.existsSync(p) && fs.statSync(p).isFile();
    if (!isFile(file)) {
      // The renderer routes on the client: unknown paths without an extension get the app.
      if (path.extname(file) !== '') {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      file = path.join(root, 'index.html');
      if (!isFile(file)) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The renderer is not built. Run "npm run build".');
        return;
      }
    }
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': contentTypeFor(file),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cache-Control': file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-store',
    };
    if (file.endsWith('.html')) {
      headers['Content-Security-Policy'] = csp();
      headers['X-Frame-Options'] = 'DENY';
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else {
      // pipe() forwards no errors: a file that vanished or cannot be read must not end the host.
      const stream = fs.createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    }
  };

  const badRequest = (res: http.ServerResponse, message: string) =>
    sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message } });

  const httpServer = http.createServer(
    guardedListener(
      'FieldKey host',
      (req, res) => {
        if (hasDuplicateHost(req)) {
          req.resume();
          return badRequest(res, 'The request has more than one Host header.');
        }
        const target = parseRequestTarget(req.url);
        if (!target.ok) {
          req.resume();
          return badRequest(res, target.message);
        }
        // The API matches the path as sent (method names need no decoding); files by the decoded path.
        if (target.url.pathname.startsWith('/api/')) return handleApi(req, res, target.url.pathname);
        return serveStatic(req, res, target.pathname);
      },
      (res, reference) => sendJson(res, 500, { ok: false, error: internalErrorShape(reference ?? newErrorReference()) }),
      reportFailure,
    ),
  );
  answerClientErrors(httpServer);

  // A larger frame is refused by `ws` itself (close 1009) before it is buffered whole.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WIRE_FRAME_BYTES });
  httpServer.on('upgrade', (req, socket, head) => {
    // Node drops its own socket error listener on an upgrade: a reset here must not go unhandled.
    socket.on('error', () => socket.destroy());
    const answer = (status: number) =>
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    try {
      if (hasDuplicateHost(req)) return answer(400);
      const target = parseRequestTarget(req.url);
      if (!target.ok) return answer(400);
      const status = target.url.pathname === '/api/ws' ? refusal(req, target.url.searchParams.get('token')) : 404;
      if (status) return answer(status);
      wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
    } catch (err) {
      reportFailure(req, err);
      answer(500);
    }
  });

  const attach = (ws: WebSocket) => {
    const channel: MessageChannelLike = {
      send(message: WireMessage) {
        if (ws.readyState !== ws.OPEN) return;
        let frame: string | Uint8Array;
        try {
          frame = encodeWireMessage(message);
        } catch {
          // An answer that cannot be framed (too large) still answers its call.
          if (message.type !== 'result') return;
          frame = encodeWireMessage({
            type: 'result',
            id: message.id,
            ok: false,
            error: { code: 'INTERNAL', message: 'The answer was too large to send to the page.' },
          });
        }
        ws.send(frame);
      },
      onMessage(listener) {
        const onMessage = (data: unknown, isBinary: boolean) => {
          const decoded = data instanceof Uint8Array ? decodeWireFrame(data, isBinary) : null;
          if (decoded?.ok) return listener(decoded.message);
          // A text frame that is not a message is ignored as before; a binary frame that lies
          // about its lengths comes from no FieldKey page: the socket is closed (1007, bad data).
          if (isBinary) ws.close(1007, 'Unreadable frame');
        };
        ws.on('message', onMessage);
        return () => ws.off('message', onMessage);
      },
    };
    const stop = serveRpc(options.server, channel);
    ws.on('close', stop);
    ws.on('error', () => ws.terminate());
  };

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, '127.0.0.1', () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  port = (httpServer.address() as import('node:net').AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      }),
  };
}
