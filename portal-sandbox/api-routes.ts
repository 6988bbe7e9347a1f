import crypto from 'node:crypto';
import type http from 'node:http';
import type { z } from 'zod';
import { parseAuthCode } from '../core/domain/auth-code';
import { decodePathPart } from '../core/http/request-target';
import { formatMac, parseMac } from '../core/domain/mac';
import { parseSerial, parseSiteId } from '../core/domain/servers';
import {
  API_PREFIX,
  authCodeBatchLookupRequest,
  MAX_CODES_PER_LOOKUP,
  MAX_REQUEST_BODY_BYTES,
  changesQuery,
  idempotencyKey,
  passwordChangeRequest,
  passwordProblems,
  redemptionRequest,
  serverRmaRequest,
  serverVisibilityRequest,
  serverWriteRequest,
  sessionRequest,
  systemUpsertRequest,
} from '../core/portal-api/schemas';
import { BodyTooLarge, PortalError, readBody } from './http-io';
import { normalizeRegistration, SandboxServers, type ServerWrite } from './servers';
import { SignInThrottle } from './sign-in-throttle';
import type { IdempotencyRecord, Partner, SandboxStore } from './store';

export interface Reply {
  status: number;
  /** JSON text; empty for 204. */
  body: string;
  headers?: Record<string, string>;
}

interface RequestContext {
  req: http.IncomingMessage;
  url: URL;
  params: string[];
  query: URLSearchParams;
  /** Where the slow fault waits: before the work, after an idempotency key is claimed. */
  pause: () => Promise<void>;
}

interface Route {
  method: string;
  pattern: RegExp;
  /** Waits for `pause` itself, after claiming its Idempotency-Key (so a second request sees 409). */
  pausesItself?: boolean;
  handle(ctx: RequestContext): Promise<Reply> | Reply;
}

const json = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value) });

/** The Portal API v1 endpoints of the sandbox, over its store; `now` is the throttle's clock. */
export function createApiRoutes(store: SandboxStore, now: () => Date, throttle = new SignInThrottle(now)) {
  /** partner id + key → a request with that key is running now. In memory: a crash ends it. */
  const inFlight = new Set<string>();
  const servers = new SandboxServers(store, now);

  const authenticate = (req: http.IncomingMessage): { partner: Partner; token: string } => {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Bearer ')) {
      throw new PortalError(
        401,
        'unauthorized',
        'Log in first: send the token from POST /api/v1/session as "Authorization: Bearer <token>".',
      );
    }
    const token = header.slice('Bearer '.length).trim();
    const partner = store.partnerForToken(token);
    if (!partner) throw new PortalError(401, 'unauthorized', 'The session has expired or was ended. Log in again.');
    return { partner, token };
  };

  /** `precheck` sees the parsed JSON before the schema does (to refuse a too-large batch with 413, not 400). */
  const parseJsonBody = async <S extends z.ZodType>(
    req: http.IncomingMessage,
    schema: S,
    precheck?: (value: unknown) => void,
  ): Promise<z.output<S>> => {
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
  };

  const canonicalMac = (input: string): string => {
    const parsed = parseMac(input);
    if (!parsed.ok) throw new PortalError(400, 'invalid_mac', parsed.message);
    return parsed.mac;
  };

  const requireIdempotencyKey = (req: http.IncomingMessage): string => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !idempotencyKey.safeParse(key).success) {
      throw new PortalError(
        400,
        'bad_request',
        'This request needs an Idempotency-Key header: 8 to 200 visible ASCII characters (a UUID is fine).',
      );
    }
    return key;
  };

  /**
   * Same key and same request → the stored response; same key, another request → 422; same key
   * while the first is still running → 409. Only completed work is stored.
   */
  const idempotent = async (
    ctx: RequestContext,
    partner: Partner,
    key: string,
    request: unknown,
    run: (requestHash: string) => IdempotencyRecord,
  ): Promise<Reply> => {
    const requestHash = crypto
      .createHash('sha256')
      .update(`${ctx.req.method} ${ctx.url.pathname}\n${JSON.stringify(request)}`)
      .digest('hex');
    const scoped = `${partner.id}\n${key}`;
    if (inFlight.has(scoped)) {
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
    const stored = store.idempotencyRecord(partner.id, key);
    if (stored) return replay(stored);
    inFlight.add(scoped);
    try {
      await ctx.pause();
      const record = run(requestHash);
      return record.requestHash === requestHash ? { status: record.status, body: record.body } : replay(record);
    } finally {
      inFlight.delete(scoped);
    }
  };

  const serialParam = (input: string): string => {
    const parsed = parseSerial(input);
    if (!parsed.ok) throw new PortalError(400, 'bad_request', parsed.message);
    return parsed.serial;
  };

  /** A server write in canonical form; what is malformed is refused here (400), before the key is used. */
  const serverWrite = async (req: http.IncomingMessage, pathMac: string | null): Promise<ServerWrite> => {
    const body = await parseJsonBody(req, serverWriteRequest);
    const mac = canonicalMac(body.mac);
    if (pathMac !== null && mac !== pathMac) {
      throw new PortalError(400, 'bad_request', `The body's MAC ${formatMac(mac)} is not the server's ${formatMac(pathMac)} in the path.`);
    }
    let siteId: string | null = null;
    if (body.siteId !== null) {
      const parsed = parseSiteId(body.siteId);
      if (!parsed.ok) throw new PortalError(400, 'bad_request', `siteId: ${parsed.message}`);
      siteId = parsed.siteId;
    }
    return {
      serial: serialParam(body.serial),
      mac,
      model: body.model,
      siteId,
      registration: normalizeRegistration(body.registration),
      action: body.action,
    };
  };

  /** Before a password is checked: the user name's and the address's budgets (shared by sign-in and password change). */
  const beginPasswordCheck = (req: http.IncomingMessage, username: string, what: string): string => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const attempt = throttle.begin(username, address);
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
  };

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/session$/,
      async handle({ req }) {
        const body = await parseJsonBody(req, sessionRequest);
        const address = beginPasswordCheck(req, body.username, 'sign-ins');
        const session = await store.login(body.username, body.password);
        if (!session) throw new PortalError(401, 'unauthorized', 'Wrong user name or password.');
        throttle.succeeded(body.username, address);
        return json(200, session);
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/session$/,
      handle({ req }) {
        store.logout(authenticate(req).token);
        return { status: 204, body: '' };
      },
    },
    {
      method: 'POST',
      pattern: /^\/password$/,
      async handle({ req }) {
        const { partner, token } = authenticate(req);
        const body = await parseJsonBody(req, passwordChangeRequest);
        const problems = passwordProblems(body.next, partner.username);
        if (problems.length) {
          throw new PortalError(400, 'password_rules', `The new password does not meet the rules: ${problems.join('; ')}.`);
        }
        // A stolen session must not become a way round the sign-in throttle: same budgets.
        const address = beginPasswordCheck(req, partner.username, 'password checks');
        if (!(await store.changePassword(partner.id, body.current, body.next, token))) {
          throw new PortalError(403, 'wrong_password', 'The current password is wrong; the password was not changed.');
        }
        throttle.succeeded(partner.username, address);
        return { status: 204, body: '' };
      },
    },
    {
      method: 'GET',
      pattern: /^\/changes$/,
      handle({ req, query }) {
        const { partner } = authenticate(req);
        const parsed = changesQuery.safeParse(Object.fromEntries(query));
        if (!parsed.success) throw new PortalError(400, 'bad_request', describeIssues(parsed.error));
        const page = store.changes(partner.id, parsed.data.cursor, parsed.data.limit);
        if (page.kind === 'expired') throw new PortalError(410, 'cursor_expired', page.message);
        return { status: 200, body: page.body };
      },
    },
    {
      method: 'POST',
      pattern: /^\/redemptions$/,
      pausesItself: true,
      async handle(ctx) {
        const { partner } = authenticate(ctx.req);
        const key = requireIdempotencyKey(ctx.req);
        const body = await parseJsonBody(ctx.req, redemptionRequest);
        const request = { ...body, mac: canonicalMac(body.mac) };
        return idempotent(ctx, partner, key, request, (hash) => store.redeem(partner.id, key, hash, request));
      },
    },
    {
      method: 'POST',
      pattern: /^\/auth-codes\/lookup$/,
      async handle({ req }) {
        authenticate(req);
        const body = await parseJsonBody(req, authCodeBatchLookupRequest, (value) => {
          const codes = (value as { codes?: unknown } | null)?.codes;
          if (Array.isArray(codes) && codes.length > MAX_CODES_PER_LOOKUP) {
            throw new PortalError(
              413,
              'too_large',
              `At most ${MAX_CODES_PER_LOOKUP} codes can be looked up at once; this request has ${codes.length}. Send them in several requests.`,
            );
          }
        });
        return json(200, { results: store.lookupAuthCodes(body.codes) });
      },
    },
    {
      method: 'GET',
      pattern: /^\/auth-codes\/([^/]+)$/,
      handle({ req, params }) {
        authenticate(req);
        const parsed = parseAuthCode(pathParam(params[0]!));
        if (!parsed.ok) throw new PortalError(400, 'bad_request', parsed.message);
        const found = store.lookupAuthCode(parsed.code);
        if (!found) throw new PortalError(404, 'not_found', `No authorization code ${parsed.code} exists.`);
        return json(200, found);
      },
    },
    {
      method: 'POST',
      pattern: /^\/systems$/,
      pausesItself: true,
      async handle(ctx) {
        const { partner } = authenticate(ctx.req);
        const key = requireIdempotencyKey(ctx.req);
        const body = await parseJsonBody(ctx.req, systemUpsertRequest);
        const request = { ...body, mac: canonicalMac(body.mac) };
        return idempotent(ctx, partner, key, request, (hash) => store.upsertSystem(partner.id, key, hash, request.mac, request.systemName));
      },
    },
    {
      method: 'GET',
      pattern: /^\/systems\/([^/]+)\/keys$/,
      handle({ req, params }) {
        const { partner } = authenticate(req);
        const mac = canonicalMac(pathParam(params[0]!));
        const found = store.systemKeys(partner.id, mac);
        if (!found) {
          throw new PortalError(
            404,
            'not_found',
            `There is no system ${mac.match(/.{2}/g)!.join(':')} in your account. Add it, or redeem a code on it.`,
          );
        }
        return json(200, found);
      },
    },
    // --- Servers (v1.2) ---------------------------------------------------------------------------
    {
      method: 'GET',
      pattern: /^\/servers\/serials\/([^/]+)$/,
      handle({ req, params }) {
        const { partner } = authenticate(req);
        const serial = serialParam(pathParam(params[0]!));
        const found = servers.lookupSerial(partner.id, serial);
        if (!found) {
          throw new PortalError(
            404,
            'unknown_serial',
            `No server with serial number ${serial} is known to the portal. Check the serial number on the server's label.`,
          );
        }
        return json(200, found);
      },
    },
    {
      method: 'POST',
      pattern: /^\/servers$/,
      pausesItself: true,
      async handle(ctx) {
        const { partner } = authenticate(ctx.req);
        const key = requireIdempotencyKey(ctx.req);
        const request = await serverWrite(ctx.req, null);
        return idempotent(ctx, partner, key, request, (hash) => servers.write(partner.id, key, hash, 'add', request));
      },
    },
    {
      method: 'PUT',
      pattern: /^\/servers\/([^/]+)$/,
      pausesItself: true,
      async handle(ctx) {
        const { partner } = authenticate(ctx.req);
        const key = requireIdempotencyKey(ctx.req);
        const mac = canonicalMac(pathParam(ctx.params[0]!));
        const request = await serverWrite(ctx.req, mac);
        return idempotent(ctx, partner, key, request, (hash) => servers.write(partner.id, key, hash, 'modify', request));
      },
    },
    {
      method: 'POST',
      pattern: /^\/servers\/([^/]+)\/visibility$/,
      pausesItself: true,
      async handle(ctx) {
        const { partner } = authenticate(ctx.req);
        const key = requireIdempotencyKey(ctx.req);
        const mac = canonicalMac(pathParam(ctx.params[0]!));
        const body = await parseJsonBody(ctx.req, serverVisibilityRequest);
        const request = { mac, hidden: body.hidden };
        return idempotent(ctx, partner, key, request, (hash) => servers.setHidden(partner.id, key, hash, mac, body.hidden));
      },
    },
    {
      method: 'POST',
      pattern: /^\/servers\/([^/]+)\/rma$/,
      pausesItself: true,
      async handle(ctx) {
        const { partner } = authenticate(ctx.req);
        const key = requireIdempotencyKey(ctx.req);
        const mac = canonicalMac(pathParam(ctx.params[0]!));
        const body = await parseJsonBody(ctx.req, serverRmaRequest);
        const replacement = parseMac(body.replacementMac);
        if (!replacement.ok) throw new PortalError(422, 'invalid_mac', `replacementMac: ${replacement.message}`);
        if (replacement.mac === mac) {
          throw new PortalError(422, 'invalid_mac', 'replacementMac: the replacement must be another server, not the one being returned.');
        }
        const request = { mac, reason: body.reason, replacementMac: replacement.mac };
        return idempotent(ctx, partner, key, request, (hash) => servers.requestRma(partner.id, key, hash, mac, request));
      },
    },
  ];

  /** Answers one /api/v1 request (path with the prefix). */
  return async function handleApi(req: http.IncomingMessage, url: URL, pause: () => Promise<void>): Promise<Reply> {
    const path = url.pathname.slice(API_PREFIX.length);
    const matching = routes.map((route) => ({ route, match: route.pattern.exec(path) })).filter((m) => m.match);
    if (matching.length === 0) throw new PortalError(404, 'not_found', `No such endpoint: ${req.method} ${url.pathname}.`);
    const found = matching.find((m) => m.route.method === req.method);
    if (!found) {
      throw new PortalError(405, 'bad_request', `${req.method} is not allowed on ${url.pathname}.`, {
        Allow: matching.map((m) => m.route.method).join(', '),
      });
    }
    if (!found.route.pausesItself) await pause();
    return found.route.handle({ req, url, params: found.match!.slice(1), query: url.searchParams, pause });
  };
}

/** A path segment as sent, decoded; `/auth-codes/%` is the client's mistake, not a crash. */
function pathParam(encoded: string): string {
  const decoded = decodePathPart(encoded);
  if (decoded === null) throw new PortalError(400, 'bad_request', 'A path segment is not valid percent-encoding.');
  return decoded;
}

/** A zod error as one sentence naming each field and its problem. */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : 'request'}: ${issue.message}`).join('; ');
}
