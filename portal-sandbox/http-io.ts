import type http from 'node:http';
import type { PortalErrorCode } from '../core/portal-api/schemas';
export { BodyTooLarge, readBody } from '../core/http/read-body';

/** Thrown by a handler to answer with `{ error: { code, message } }`. */
export class PortalError extends Error {
  constructor(
    readonly status: number,
    readonly code: PortalErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJsonText(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

export function sendError(res: http.ServerResponse, error: PortalError): void {
  sendJsonText(res, error.status, JSON.stringify({ error: { code: error.code, message: error.message } }), error.headers);
}
