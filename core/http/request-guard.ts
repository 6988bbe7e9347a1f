import http from 'node:http';
import type net from 'node:net';

/**
 * The safety net every FieldKey HTTP server puts under its handlers: no request, however
 * malformed, may end the process. Malformed requests are answered 4xx by the handlers
 * themselves; what reaches this net is a bug, logged without secrets and answered 500.
 */

/** Method and path only: the query may carry a token, headers a bearer, bodies passwords. */
export function describeRequest(req: http.IncomingMessage): string {
  const target = req.url ?? '';
  const path = target.split('?')[0]!.slice(0, 200);
  return `${req.method ?? '?'} ${path}`;
}

type RequestFailureSink = (serverName: string, request: string, err: unknown) => void;
let failureSink: RequestFailureSink | null = null;

/**
 * Sends every server's request failures in this process to the host's log file (the embedded
 * sandbox's included, which knows nothing of the log); returns the function that undoes it.
 */
export function routeRequestFailures(sink: RequestFailureSink): () => void {
  failureSink = sink;
  return () => {
    if (failureSink === sink) failureSink = null;
  };
}

export function logRequestFailure(serverName: string, req: http.IncomingMessage, err: unknown): void {
  if (failureSink) {
    failureSink(serverName, describeRequest(req), err);
    return;
  }
  const detail = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  console.error(`${serverName}: ${describeRequest(req)} failed: ${detail}`);
}

/**
 * Runs `handle` for every request; a throw or rejection is reported (by default to stderr; a
 * host with a log file passes `report`, which returns the reference it logged under) and
 * answered with `internalError` (or the connection is cut when the answer had already begun).
 */
export function guardedListener(
  serverName: string,
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => unknown,
  internalError: (res: http.ServerResponse, reference?: string) => void,
  report: (req: http.IncomingMessage, err: unknown) => string | undefined = (req, err) => {
    logRequestFailure(serverName, req, err);
    return undefined;
  },
): http.RequestListener {
  const fail = (req: http.IncomingMessage, res: http.ServerResponse, err: unknown) => {
    const reference = report(req, err);
    try {
      if (!res.headersSent) internalError(res, reference);
      else res.destroy();
    } catch {
      res.destroy();
    }
  };
  return (req, res) => {
    try {
      const result = handle(req, res);
      if (result instanceof Promise) result.catch((err: unknown) => fail(req, res, err));
    } catch (err) {
      fail(req, res, err);
    }
  };
}

/**
 * A request line or header block Node's parser refuses (bad method, bad Content-Length, headers
 * too large, chunked garbage): 400 (431 for oversized headers) and the connection closed, as Node
 * does by default, but said here so it is not lost, and never a write onto an answer in progress.
 */
export function answerClientErrors(server: http.Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: net.Socket) => {
    // The parser fails mid-body after a handler began its answer: a raw 400 would corrupt it.
    const answering = (socket as { _httpMessage?: http.ServerResponse })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || answering?.headersSent) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const body = `${http.STATUS_CODES[status]}\n`;
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}
