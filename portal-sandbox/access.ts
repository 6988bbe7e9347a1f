import crypto from 'node:crypto';
import type http from 'node:http';
import { hasDuplicateHost, loopbackRefusal } from '../core/http/loopback-request';
import { sendJsonText } from './http-io';

/**
 * Refuses a request with two Host headers (400), and (403) a request a web page sent: one to a rebound DNS name, or one carrying another
 * site's Origin. Returns true when it answered. The port is the one the request came in on, so
 * this needs nothing from the server that uses it.
 */
export function refuseForeignRequest(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (hasDuplicateHost(req)) {
    req.resume();
    sendJsonText(res, 400, JSON.stringify({ error: { code: 'bad_request', message: 'The request has more than one Host header.' } }));
    return true;
  }
  const refusal = loopbackRefusal(req.headers, req.socket.localPort ?? -1);
  if (!refusal) return false;
  req.resume();
  const message =
    refusal === 'foreign-host'
      ? `The sandbox portal answers only to 127.0.0.1:${req.socket.localPort} or localhost:${req.socket.localPort}, not to "${req.headers.host ?? ''}".`
      : `The sandbox portal does not answer requests from web pages of other sites (Origin ${req.headers.origin}).`;
  // "forbidden" is the sandbox's own code: a real portal sits behind its own front door.
  sendJsonText(res, 403, JSON.stringify({ error: { code: 'forbidden', message } }));
  return true;
}

/** The secret `/sandbox/*` requests carry: the X-Sandbox-Secret header, or `?secret=` in a link. */
export function presentedSandboxSecret(req: http.IncomingMessage, url: URL): string | null {
  const header = req.headers['x-sandbox-secret'];
  return (typeof header === 'string' ? header : null) ?? url.searchParams.get('secret');
}

/** Compares in constant time; hashing first hides the secret's length too. */
export function sandboxSecretMatches(presented: string | null, secret: string): boolean {
  if (presented === null) return false;
  const digest = (value: string) => crypto.createHash('sha256').update(value).digest();
  return crypto.timingSafeEqual(digest(presented), digest(secret));
}
