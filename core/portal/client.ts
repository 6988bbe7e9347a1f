/**
 * The typed client of Portal API v1: every call is an endpoint of the table in
 * core/portal-api/endpoints.ts, made through `call`. Every call has a timeout, every
 * answer is validated against the shared schemas, and every failure becomes a PortalError whose
 * `kind` says what to do next. I/O comes in through `fetch` and the clock, so tests inject both.
 */
import type { z } from 'zod';
import { type Endpoint, fillPath, type PathParamNames } from '../portal-api/endpoint';
import { endpoints } from '../portal-api/endpoints';
import {
  API_PREFIX,
  errorBody,
  type systemKeysResponse,
  type AuthCodeBatchLookupResponse,
  type AuthCodeLookup,
  type ChangesResponse,
  type RedemptionRequest,
  type RedemptionResponse,
  type SerialLookup,
  type ServerResponse,
  type ServerRmaRequest,
  type ServerWriteRequest,
  type ServerWriteResponse,
  type SessionResponse,
  type SystemUpsertRequest,
  type SystemUpsertResponse,
} from '../portal-api/schemas';
import { normalisePortalUrl, parseRetryAfter, PortalError } from './errors';
import type { Message } from '../messages/catalogue';
import { say } from '../messages/say';

export interface PortalClientOptions {
  /** http(s) address of the portal; the API lives under /api/v1 below it. */
  portalUrl: string;
  fetch: typeof fetch;
  now: () => Date;
  /** The session token, when logged in. Asked for on every call so a new login takes effect. */
  token?: () => string | null | Promise<string | null>;
  /** Per call; the change feed's large pages get `changesTimeoutMs`. */
  timeoutMs?: number;
  changesTimeoutMs?: number;
}

export type { SystemUpsertResponse } from '../portal-api/schemas';
export type SystemKeysResponse = z.infer<typeof systemKeysResponse>;

/** What a call of `E` sends: path parameters, query, JSON body, Idempotency-Key; and its own timeout. */
export interface CallArgs<E extends Endpoint> {
  params?: Record<PathParamNames<E['path']>, string>;
  query?: [E['query']] extends [undefined] ? never : z.input<NonNullable<E['query']>>;
  body?: [E['body']] extends [undefined] ? never : z.input<NonNullable<E['body']>>;
  idempotencyKey?: string;
  timeoutMs?: number;
}

/** What a call of `E` returns: its response, validated; nothing when it has no response schema. */
export type CallResult<E extends Endpoint> = E['response'] extends z.ZodType ? z.output<E['response']> : undefined;

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_CHANGES_TIMEOUT_MS = 60_000;
/** Network errors that mean the request never reached the portal. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

export class PortalClient {
  readonly portalUrl: string;

  constructor(private readonly options: PortalClientOptions) {
    const normalised = normalisePortalUrl(options.portalUrl);
    if (!normalised.ok) throw new PortalError({ kind: 'not_a_portal', message: normalised, url: options.portalUrl });
    this.portalUrl = normalised.url;
  }

  /** POST /session: trades a user name and password for a token. */
  login(username: string, password: string): Promise<SessionResponse> {
    return this.call(endpoints.login, { body: { username, password } });
  }

  /** DELETE /session: ends the session on the portal. */
  async logout(): Promise<void> {
    await this.call(endpoints.logout, {});
  }

  async changePassword(current: string, next: string): Promise<void> {
    await this.call(endpoints.changePassword, { body: { current, next } });
  }

  /** GET /changes: the change feed after `cursor` (the last seq applied; 0 = from the start). */
  changes(cursor: number, limit: number): Promise<ChangesResponse> {
    return this.call(endpoints.changes, {
      query: { cursor, limit },
      timeoutMs: this.options.changesTimeoutMs ?? DEFAULT_CHANGES_TIMEOUT_MS,
    });
  }

  /** POST /redemptions. Replaying with the same key and body returns the first answer. */
  redeem(idempotencyKey: string, request: RedemptionRequest): Promise<RedemptionResponse> {
    return this.call(endpoints.redeem, { body: request, idempotencyKey });
  }

  /** GET /auth-codes/{code}: preview a code, or learn what became of an in-doubt redemption. */
  lookupAuthCode(code: string): Promise<AuthCodeLookup> {
    return this.call(endpoints.lookupAuthCode, { params: { code } });
  }

  /**
   * POST /auth-codes/lookup (v1.3): what the portal knows of 1–500 codes, a result per code in the
   * order sent. A read: nothing to replay, so no Idempotency-Key; a time-out is never in doubt.
   */
  lookupAuthCodes(codes: readonly string[]): Promise<AuthCodeBatchLookupResponse> {
    return this.call(endpoints.lookupAuthCodes, { body: { codes: [...codes] } });
  }

  /**
   * POST /systems: add a system to the partner's view, or rename it; without `systemName` a new
   * system is added without a name and a known one is left as it is. Replays like redeem.
   */
  upsertSystem(idempotencyKey: string, request: SystemUpsertRequest): Promise<SystemUpsertResponse> {
    return this.call(endpoints.upsertSystem, { body: request, idempotencyKey });
  }

  /** GET /systems/{mac}/keys. */
  systemKeys(mac: string): Promise<SystemKeysResponse> {
    return this.call(endpoints.systemKeys, { params: { mac } });
  }

  // --- Servers (v1.2) --------------------------------------------------------------------------

  /** GET /servers/serials/{serial}: the model and MAC of a serial number (404 `unknown_serial`). */
  lookupSerial(serial: string): Promise<SerialLookup> {
    return this.call(endpoints.lookupSerial, { params: { serial } });
  }

  /** POST /servers (add) or PUT /servers/{mac} (modify or complete), saving or registering. Replays like redeem. */
  writeServer(idempotencyKey: string, mode: 'add' | 'modify', request: ServerWriteRequest): Promise<ServerWriteResponse> {
    return mode === 'add'
      ? this.call(endpoints.addServer, { body: request, idempotencyKey })
      : this.call(endpoints.modifyServer, { params: { mac: request.mac }, body: request, idempotencyKey });
  }

  /** POST /servers/{mac}/visibility: hide or show a server. Replays like redeem. */
  setServerHidden(idempotencyKey: string, mac: string, hidden: boolean): Promise<ServerResponse> {
    return this.call(endpoints.setServerHidden, { params: { mac }, body: { hidden }, idempotencyKey });
  }

  /** POST /servers/{mac}/rma: start an RMA. Replays like redeem. */
  requestRma(idempotencyKey: string, mac: string, request: ServerRmaRequest): Promise<ServerResponse> {
    return this.call(endpoints.requestRma, { params: { mac }, body: request, idempotencyKey });
  }

  /**
   * One call of an endpoint of the table: its path filled from `params`, `query` appended, `body`
   * sent as JSON, the answer validated against its response schema (none: any 2xx is success).
   */
  async call<E extends Endpoint>(endpoint: E, args: CallArgs<E>): Promise<CallResult<E>> {
    const path = fillPath(endpoint, (args.params ?? {}) as Record<string, string>);
    const what = `${endpoint.method} ${API_PREFIX}${path}`;
    const query = args.query === undefined ? '' : `?${new URLSearchParams(stringValues(args.query))}`;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (args.body !== undefined) headers['Content-Type'] = 'application/json';
    if (endpoint.idempotent && args.idempotencyKey === undefined) throw new Error(`${what} needs an Idempotency-Key.`);
    if (args.idempotencyKey !== undefined) headers['Idempotency-Key'] = args.idempotencyKey;
    if (endpoint.auth) {
      const token = await this.options.token?.();
      if (!token) throw new PortalError({ kind: 'unauthorized', message: say('portalError.notSignedIn'), url: this.portalUrl });
      headers.Authorization = `Bearer ${token}`;
    }
    const isWrite = endpoint.method !== 'GET' && !endpoint.readOnly;
    const timeoutMs = args.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const signal = AbortSignal.timeout(timeoutMs);

    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(`${this.portalUrl}${API_PREFIX}${path}${query}`, {
        method: endpoint.method,
        headers,
        body: args.body === undefined ? undefined : JSON.stringify(args.body),
        redirect: 'manual',
        signal,
      });
      // The timeout covers the body too: a portal that stalls mid-answer is a hang.
      text = await response.text();
    } catch (err) {
      throw this.networkError(err, signal, timeoutMs, isWrite);
    }

    const status = response.status;
    if (status >= 200 && status < 300) {
      if (endpoint.response === null) return undefined as CallResult<E>;
      const parsed = endpoint.response.safeParse(parseJson(text));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const detail = issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'no detail';
        throw this.notAPortal(say('portalError.notAPortal.badAnswer', { url: this.portalUrl, request: what, detail }), status);
      }
      return parsed.data as CallResult<E>;
    }
    throw this.failure(response, text, what, isWrite);
  }

  /** A non-2xx answer as the PortalError that says what to do next. */
  private failure(response: Response, text: string, what: string, isWrite: boolean): PortalError {
    const status = response.status;
    const portalError = errorBody.safeParse(parseJson(text));
    const code = portalError.success ? portalError.data.error.code : undefined;
    const portalMessage = portalError.success ? portalError.data.error.message : undefined;
    const base = { url: this.portalUrl, status, code };

    if (status === 429 || status === 503) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.options.now(), response.headers.get('date'));
      const message =
        retryAfterMs === null
          ? say('portalError.busy', { status })
          : say('portalError.busyRetry', { status, seconds: Math.ceil(retryAfterMs / 1000) });
      return new PortalError({ ...base, kind: 'retry_later', retryAfterMs, message });
    }
    if (status === 401) {
      return new PortalError({ ...base, kind: 'unauthorized', message: portalSaid(portalMessage) ?? say('portalError.signInAgain') });
    }
    if (status === 410) {
      return new PortalError({
        ...base,
        kind: 'cursor_expired',
        message: portalSaid(portalMessage) ?? say('portalError.cursorExpired'),
      });
    }
    if (status >= 500) {
      return new PortalError({
        ...base,
        kind: 'server',
        inDoubt: isWrite,
        message: portalMessage ? say('portalError.failedSaying', { status, reason: portalMessage }) : say('portalError.failed', { status }),
      });
    }
    if (status >= 300 && status < 400) {
      return this.notAPortal(say('portalError.notAPortal.redirected', { url: this.portalUrl, request: what, status }), status);
    }
    if (!portalError.success) {
      return this.notAPortal(say('portalError.notAPortal.noErrorBody', { url: this.portalUrl, status }), status);
    }
    // The portal's own words, marked as the portal's: `message` stays them alone for the callers that quote it.
    return new PortalError({ ...base, kind: 'rejected', message: portalSaid(portalMessage)! });
  }

  private notAPortal(message: Message, status: number): PortalError {
    return new PortalError({ kind: 'not_a_portal', url: this.portalUrl, status, message });
  }

  private networkError(err: unknown, signal: AbortSignal, timeoutMs: number, isWrite: boolean): PortalError {
    if (signal.aborted || (err as Error)?.name === 'TimeoutError' || (err as Error)?.name === 'AbortError') {
      return new PortalError({
        kind: 'timeout',
        url: this.portalUrl,
        inDoubt: isWrite,
        message: say('portalError.timeout', { url: this.portalUrl, seconds: Math.round(timeoutMs / 1000) }),
      });
    }
    const code = networkErrorCode(err);
    return new PortalError({
      kind: 'offline',
      url: this.portalUrl,
      code: code ?? undefined,
      // Refused or unresolvable: nothing was sent. Reset mid-request: a write may have landed.
      inDoubt: isWrite && !(code !== null && NOT_SENT_CODES.has(code)),
      message: code ? say('portalError.offlineCode', { url: this.portalUrl, code }) : say('portalError.offline', { url: this.portalUrl }),
    });
  }
}

/**
 * The portal's own words (its error body's message) as a Message: English `message` is exactly
 * what it said, and the code `portalError.rejected` marks it as the portal's in any language.
 */
function portalSaid(portalMessage: string | undefined): Message | undefined {
  return portalMessage === undefined
    ? undefined
    : { code: 'portalError.rejected', message: portalMessage, params: { reason: portalMessage } };
}

/** Query values as URLSearchParams takes them (numbers as their decimal text). */
function stringValues(query: object): Record<string, string> {
  return Object.fromEntries(Object.entries(query).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** undici wraps the system error: TypeError('fetch failed', { cause: { code } }). */
function networkErrorCode(err: unknown): string | null {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    if (code === 'UND_ERR_SOCKET') return 'ECONNRESET';
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
