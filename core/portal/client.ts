/**
 * The typed client of Portal API v1 (core/portal-api/schemas.ts). Every call has a timeout, every
 * answer is validated against the shared schemas, and every failure becomes a PortalError whose
 * `kind` says what to do next. I/O comes in through `fetch` and the clock, so tests inject both.
 */
import type { z } from 'zod';
import {
  API_PREFIX,
  authCodeBatchLookupResponse,
  authCodeLookupResponse,
  changesResponse,
  errorBody,
  redemptionResponse,
  serialLookupResponse,
  serverResponse,
  serverWriteResponse,
  sessionResponse,
  systemKeysResponse,
  systemUpsertResponse,
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

interface Call<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  idempotencyKey?: string;
  /** Null: any 2xx with any body is success (DELETE /session). */
  schema: S | null;
  authenticated: boolean;
  timeoutMs?: number;
  /** A POST that only reads (batch look-up): a failure mid-call is never in doubt. */
  readOnly?: boolean;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_CHANGES_TIMEOUT_MS = 60_000;
/** Network errors that mean the request never reached the portal. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

export class PortalClient {
  readonly portalUrl: string;

  constructor(private readonly options: PortalClientOptions) {
    const normalised = normalisePortalUrl(options.portalUrl);
    if (!normalised.ok) throw new PortalError({ kind: 'not_a_portal', message: normalised.message, url: options.portalUrl });
    this.portalUrl = normalised.url;
  }

  /** POST /session: trades a user name and password for a token. */
  login(username: string, password: string): Promise<SessionResponse> {
    return this.call({ method: 'POST', path: '/session', body: { username, password }, schema: sessionResponse, authenticated: false });
  }

  /** DELETE /session: ends the session on the portal. */
  async logout(): Promise<void> {
    await this.call({ method: 'DELETE', path: '/session', schema: null, authenticated: true });
  }

  async changePassword(current: string, next: string): Promise<void> {
    await this.call({ method: 'POST', path: '/password', body: { current, next }, schema: null, authenticated: true });
  }

  /** GET /changes: the change feed after `cursor` (the last seq applied; 0 = from the start). */
  changes(cursor: number, limit: number): Promise<ChangesResponse> {
    return this.call({
      method: 'GET',
      path: `/changes?cursor=${cursor}&limit=${limit}`,
      schema: changesResponse,
      authenticated: true,
      timeoutMs: this.options.changesTimeoutMs ?? DEFAULT_CHANGES_TIMEOUT_MS,
    });
  }

  /** POST /redemptions. Replaying with the same key and body returns the first answer. */
  redeem(idempotencyKey: string, request: RedemptionRequest): Promise<RedemptionResponse> {
    return this.call({
      method: 'POST',
      path: '/redemptions',
      body: request,
      idempotencyKey,
      schema: redemptionResponse,
      authenticated: true,
    });
  }

  /** GET /auth-codes/{code}: preview a code, or learn what became of an in-doubt redemption. */
  lookupAuthCode(code: string): Promise<AuthCodeLookup> {
    return this.call({
      method: 'GET',
      path: `/auth-codes/${encodeURIComponent(code)}`,
      schema: authCodeLookupResponse,
      authenticated: true,
    });
  }

  /**
   * POST /auth-codes/lookup (v1.3): what the portal knows of 1–500 codes, a result per code in the
   * order sent. A read: nothing to replay, so no Idempotency-Key; a time-out is never in doubt.
   */
  lookupAuthCodes(codes: readonly string[]): Promise<AuthCodeBatchLookupResponse> {
    return this.call({
      method: 'POST',
      path: '/auth-codes/lookup',
      body: { codes },
      schema: authCodeBatchLookupResponse,
      authenticated: true,
      readOnly: true,
    });
  }

  /**
   * POST /systems: add a system to the partner's view, or rename it; without `systemName` a new
   * system is added without a name and a known one is left as it is. Replays like redeem.
   */
  upsertSystem(idempotencyKey: string, request: SystemUpsertRequest): Promise<SystemUpsertResponse> {
    return this.call({
      method: 'POST',
      path: '/systems',
      body: request,
      idempotencyKey,
      schema: systemUpsertResponse,
      authenticated: true,
    });
  }

  /** GET /systems/{mac}/keys. */
  systemKeys(mac: string): Promise<SystemKeysResponse> {
    return this.call({ method: 'GET', path: `/systems/${encodeURIComponent(mac)}/keys`, schema: systemKeysResponse, authenticated: true });
  }

  // --- Servers (v1.2) --------------------------------------------------------------------------

  /** GET /servers/serials/{serial}: the model and MAC of a serial number (404 `unknown_serial`). */
  lookupSerial(serial: string): Promise<SerialLookup> {
    return this.call({
      method: 'GET',
      path: `/servers/serials/${encodeURIComponent(serial)}`,
      schema: serialLookupResponse,
      authenticated: true,
    });
  }

  /** POST /servers (add) or PUT /servers/{mac} (modify or complete), saving or registering. Replays like redeem. */
  writeServer(idempotencyKey: string, mode: 'add' | 'modify', request: ServerWriteRequest): Promise<ServerWriteResponse> {
    return this.call({
      method: mode === 'add' ? 'POST' : 'PUT',
      path: mode === 'add' ? '/servers' : `/servers/${encodeURIComponent(request.mac)}`,
      body: request,
      idempotencyKey,
      schema: serverWriteResponse,
      authenticated: true,
    });
  }

  /** POST /servers/{mac}/visibility: hide or show a server. Replays like redeem. */
  setServerHidden(idempotencyKey: string, mac: string, hidden: boolean): Promise<ServerResponse> {
    return this.call({
      method: 'POST',
      path: `/servers/${encodeURIComponent(mac)}/visibility`,
      body: { hidden },
      idempotencyKey,
      schema: serverResponse,
      authenticated: true,
    });
  }

  /** POST /servers/{mac}/rma: start an RMA. Replays like redeem. */
  requestRma(idempotencyKey: string, mac: string, request: ServerRmaRequest): Promise<ServerResponse> {
    return this.call({
      method: 'POST',
      path: `/servers/${encodeURIComponent(mac)}/rma`,
      body: request,
      idempotencyKey,
      schema: serverResponse,
      authenticated: true,
    });
  }

  private async call<S extends z.ZodType>(call: Call<S>): Promise<z.output<S>> {
    const url = `${this.portalUrl}${API_PREFIX}${call.path}`;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    if (call.idempotencyKey !== undefined) headers['Idempotency-Key'] = call.idempotencyKey;
    if (call.authenticated) {
      const token = await this.options.token?.();
      if (!token) throw new PortalError({ kind: 'unauthorized', message: 'Not logged in to the portal.', url: this.portalUrl });
      headers.Authorization = `Bearer ${token}`;
    }
    const isWrite = call.method !== 'GET' && !call.readOnly;
    const timeoutMs = call.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const signal = AbortSignal.timeout(timeoutMs);

    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
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
      if (call.schema === null) return undefined as z.output<S>;
      const parsed = call.schema.safeParse(parseJson(text));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : '';
        throw this.notAPortal(`its answer to ${call.method} ${API_PREFIX}${call.path.split('?')[0]} is not Portal API v1${where}`, status);
      }
      return parsed.data;
    }

    const portalError = errorBody.safeParse(parseJson(text));
    const code = portalError.success ? portalError.data.error.code : undefined;
    const portalMessage = portalError.success ? portalError.data.error.message : undefined;
    const base = { url: this.portalUrl, status, code };

    if (status === 429 || status === 503) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.options.now(), response.headers.get('date'));
      const wait = retryAfterMs === null ? '' : ` Trying again in ${Math.ceil(retryAfterMs / 1000)} s.`;
      throw new PortalError({ ...base, kind: 'retry_later', retryAfterMs, message: `The portal is busy (HTTP ${status}).${wait}` });
    }
    if (status === 401) {
      throw new PortalError({ ...base, kind: 'unauthorized', message: portalMessage ?? 'The portal asked to log in again.' });
    }
    if (status === 410) {
      throw new PortalError({
        ...base,
        kind: 'cursor_expired',
        message: portalMessage ?? 'The portal can no longer serve changes from this point.',
      });
    }
    if (status >= 500) {
      throw new PortalError({
        ...base,
        kind: 'server',
        inDoubt: isWrite,
        message: `The portal failed (HTTP ${status})${portalMessage ? `: ${portalMessage}` : '.'}`,
      });
    }
    if (status >= 300 && status < 400) {
      throw this.notAPortal(`it redirected ${call.method} ${API_PREFIX}${call.path.split('?')[0]} elsewhere (HTTP ${status})`, status);
    }
    if (!portalError.success) {
      throw this.notAPortal(`it answered HTTP ${status} without a Portal API error body`, status);
    }
    throw new PortalError({ ...base, kind: 'rejected', message: portalMessage! });
  }

  private notAPortal(reason: string, status: number): PortalError {
    return new PortalError({
      kind: 'not_a_portal',
      url: this.portalUrl,
      status,
      message: `${this.portalUrl} does not look like a FieldKey portal: ${reason}. Check the portal address.`,
    });
  }

  private networkError(err: unknown, signal: AbortSignal, timeoutMs: number, isWrite: boolean): PortalError {
    if (signal.aborted || (err as Error)?.name === 'TimeoutError' || (err as Error)?.name === 'AbortError') {
      return new PortalError({
        kind: 'timeout',
        url: this.portalUrl,
        inDoubt: isWrite,
        message: `The portal ${this.portalUrl} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
      });
    }
    const code = networkErrorCode(err);
    return new PortalError({
      kind: 'offline',
      url: this.portalUrl,
      code: code ?? undefined,
      // Refused or unresolvable: nothing was sent. Reset mid-request: a write may have landed.
      inDoubt: isWrite && !(code !== null && NOT_SENT_CODES.has(code)),
      message: `Cannot reach the portal at ${this.portalUrl}${code ? ` (${code})` : ''}. Check the address and the network connection.`,
    });
  }
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
