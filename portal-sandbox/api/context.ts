/**
 * What every handler of the sandbox's Portal API works with: the sandbox's state, the request
 * with its path parameters, query and body read through the endpoint's schemas, and the checks
 * the endpoints share (bearer token, Idempotency-Key, sign-in budgets).
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import type { z } from 'zod';
import { parseMac } from '../../core/domain/mac';
import { parseSerial } from '../../core/domain/servers';
import { decodePathPart } from '../../core/http/request-target';
import type { Endpoint, PathParamNames } from '../../core/portal-api/endpoint';
import type { Endpoints, OperationId } from '../../core/portal-api/endpoints';
import { idempotencyKey, MAX_REQUEST_BODY_BYTES } from '../../core/portal-api/schemas';
import { BodyTooLarge, PortalError, readBody } from '../http-io';
import type { SandboxServers } from '../servers';
import type { SignInThrottle } from '../sign-in-throttle';
import type { IdempotencyRecord, Partner, SandboxStore } from '../store';

export interface Reply {
  status: number;
  /** JSON text; empty for 204. */
  body: string;
  headers?: Record<string, string>;
}

/** The sandbox's state, shared by the handlers. */
export interface Sandbox {
  store: SandboxStore;
  servers: SandboxServers;
  throttle: SignInThrottle;
  /** partner id + key → a request with that key is running now. In memory: a crash ends it. */
  inFlight: Set<string>;
}

type Output<S> = S extends z.ZodType ? z.output<S> : never;

export interface RequestContext<E extends Endpoint = Endpoint> {
  req: http.IncomingMessage;
  url: URL;
  /** A path parameter, percent-decoded (400 when it is not valid percent-encoding). */
  param(name: PathParamNames<E['path']>): string;
  /** The query, parsed by the endpoint's query schema (400 naming the field). */
  query(): Output<E['query']>;
  /**
   * The JSON body, parsed by the endpoint's body schema (400 naming the field, 413 when too large).
   * `precheck` sees the parsed JSON before the schema does (to refuse a too-large batch with 413, not 400).
   */
  body(precheck?: (value: unknown) => void): Promise<Output<E['body']>>;
  /** Where the slow fault waits: before the work, after an idempotency key is claimed. */
  pause: () => Promise<void>;
}

export type Handler<E extends Endpoint> = (ctx: RequestContext<E>) => Promise<Reply> | Reply;

/** One handler per endpoint of the table, under its operationId. */
export type Handlers = { [K in OperationId]: Handler<Endpoints[K]> };

export const json = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value) });
export const noContent = (): Reply => ({ status: 204, body: '' });

export function requestContext<E extends Endpoint>(
  endpoint: E,
  rawParams: Record<string, string>,
  req: http.IncomingMessage,
  url: URL,
  pause: () => Promise<void>,
): RequestContext<E> {
  return {
    req,
    url,
    pause,
    param: (name) => pathParam(rawParams[name]!),
    query() {
      if (!endpoint.query) throw new Error(`${endpoint.operationId} declares no query`);
      const parsed = endpoint.query.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) throw new PortalError(400, 'bad_request', describeIssues(parsed.error));
      return parsed.data as Output<E['query']>;
    },
    body(precheck) {
      if (!endpoint.body) throw new Error(`${endpoint.operationId} declares no body`);
      return parseJsonBody(req, endpoint.body, precheck) as Promise<Output<E['body']>>;
    },
  };
}

async function parseJsonBody(req: http.IncomingMessage, schema: z.ZodType, precheck?: (value: unknown) => void): Promise<unknown> {
  let raw: Buffer;
  try {
    raw = await readBody(req, MAX_REQUEST_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      throw new PortalError(413, 'too_large', `The request body is larger than ${MAX_REQUEST_BODY_BYTES / 1024} KB.`);
    }
    // The client sent a broken chunked body or hung up mid-body: its fault, and nobody to tell.
    throw new PortalError(400, 'bad_request', 'The request body was not received completely.');
  }
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new PortalError(400, 'bad_request', 'The request body must be a JSON object.');
  }
  precheck?.(value);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new PortalError(400, 'bad_request', describeIssues(parsed.error));
  return parsed.data;
}

export function authenticate(sandbox: Sandbox, req: http.IncomingMessage): { partner: Partner; token: string } {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) {
    throw new PortalError(
      401,
      'unauthorized',
      'Log in first: send the token from POST /api/v1/session as "Authorization: Bearer <token>".',
    );
  }
  const token = header.slice('Bearer '.length).trim();
  const partner = sandbox.store.partnerForToken(token);
  if (!partner) throw new PortalError(401, 'unauthorized', 'The session has expired or was ended. Log in again.');
  return { partner, token };
}

export function canonicalMac(input: string): string {
  const parsed = parseMac(input);
  if (!parsed.ok) throw new PortalError(400, 'invalid_mac', parsed.message);
  return parsed.mac;
}

export function serialParam(input: string): string {
  const parsed = parseSerial(input);
  if (!parsed.ok) throw new PortalError(400, 'bad_request', parsed.message);
  return parsed.serial;
}

export function requireIdempotencyKey(req: http.IncomingMessage): string {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || !idempotencyKey.safeParse(key).success) {
    throw new PortalError(
      400,
      'bad_request',
      'This request needs an Idempotency-Key header: 8 to 200 visible ASCII characters (a UUID is fine).',
    );
  }
  return key;
}

/**
 * Same key and same request → the stored response; same key, another request → 422; same key
 * while the first is still running → 409. Only completed work is stored.
 */
export async function idempotent(
  sandbox: Sandbox,
  ctx: RequestContext,
  partner: Partner,
  key: string,
  request: unknown,
  run: (requestHash: string) => IdempotencyRecord,
): Promise<Reply> {
  const requestHash = crypto
    .createHash('sha256')
    .update(`${ctx.req.method} ${ctx.url.pathname}\n${JSON.stringify(request)}`)
    .digest('hex');
  const scoped = `${partner.id}\n${key}`;
  if (sandbox.inFlight.has(scoped)) {
    throw new PortalError(409, 'in_progress', 'A request with this Idempotency-Key is still being processed. Retry it in a moment.', {
      'Retry-After': '1',
    });
  }
  const replay = (record: IdempotencyRecord): Reply => {
    if (record.requestHash !== requestHash) {
      throw new PortalError(
        422,
        'idempotency_mismatch',
        'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
      );
    }
    return { status: record.status, body: record.body, headers: { 'Idempotent-Replayed': 'true' } };
  };
  const stored = sandbox.store.idempotencyRecord(partner.id, key);
  if (stored) return replay(stored);
  sandbox.inFlight.add(scoped);
  try {
    await ctx.pause();
    const record = run(requestHash);
    return record.requestHash === requestHash ? { status: record.status, body: record.body } : replay(record);
  } finally {
    sandbox.inFlight.delete(scoped);
  }
}

/** Before a password is checked: the user name's and the address's budgets (shared by sign-in and password change). */
export function beginPasswordCheck(sandbox: Sandbox, req: http.IncomingMessage, username: string, what: string): string {
  const address = req.socket.remoteAddress ?? 'unknown';
  const attempt = sandbox.throttle.begin(username, address);
  if (!attempt.allowed) {
    const minutes = Math.ceil(attempt.retryAfterSeconds / 60);
    const who = attempt.scope === 'user' ? 'for this user name' : 'from this address';
    throw new PortalError(
      429,
      'rate_limited',
      `Too many failed ${what} ${who}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      {
        'Retry-After': String(attempt.retryAfterSeconds),
      },
    );
  }
  return address;
}

/** A path segment as sent, decoded; `/auth-codes/%` is the client's mistake, not a crash. */
function pathParam(encoded: string): string {
  const decoded = decodePathPart(encoded);
  if (decoded === null) throw new PortalError(400, 'bad_request', 'A path segment is not valid percent-encoding.');
  return decoded;
}

/** A zod error as one sentence naming each field and its problem. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : 'request'}: ${issue.message}`).join('; ');
}
