import type { Refusal } from '../domain/refusal';
import type { Message } from '../messages/catalogue';
import { say } from '../messages/say';

/**
 * Everything that can go wrong talking to a portal, sorted by what the caller should do about it.
 * The sync engine and the login screen branch on `kind`, never on message text.
 */
export type PortalErrorKind =
  /** No connection: refused, DNS failure, reset. The request did not (knowingly) arrive. */
  | 'offline'
  /** No answer in time. For a write the outcome is unknown: replay it with the same key. */
  | 'timeout'
  /** 401: the token is missing, expired or revoked (or the password is wrong, on login). */
  | 'unauthorized'
  /** Another 4xx with the portal's own error code and message: a business or input rejection. */
  | 'rejected'
  /** 429 or 503: come back after `retryAfterMs`. */
  | 'retry_later'
  /** 410 on /changes: the cursor is too old; resync from the beginning. */
  | 'cursor_expired'
  /** Another 5xx. */
  | 'server'
  /** The address answered, but not as a FieldKey Portal API v1. */
  | 'not_a_portal';

export interface PortalErrorInit {
  kind: PortalErrorKind;
  /** What to tell a person (a Message from `say`); a bare string only for the portal's own words. */
  message: Message;
  url: string;
  status?: number;
  /** The portal's error code (`errorBody.error.code`) when it sent one. */
  code?: string;
  /** For `retry_later`: how long to wait, parsed from Retry-After (null when absent or unreadable). */
  retryAfterMs?: number | null;
  /** The request may have reached the portal and acted (a write that timed out or was cut off). */
  inDoubt?: boolean;
}

export class PortalError extends Error {
  readonly kind: PortalErrorKind;
  readonly url: string;
  readonly status: number | null;
  readonly code: string | null;
  readonly retryAfterMs: number | null;
  readonly inDoubt: boolean;
  /** The sentence as a message code and params (its English is `message`). */
  readonly said: Message;

  constructor(init: PortalErrorInit) {
    super(init.message.message);
    this.said = init.message;
    this.name = 'PortalError';
    this.kind = init.kind;
    this.url = init.url;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.inDoubt = init.inDoubt ?? false;
  }
}

export function isPortalError(err: unknown): err is PortalError {
  return err instanceof PortalError;
}

/**
 * Retry-After as delay-seconds or an HTTP date, in milliseconds; null when absent or unreadable.
 * A date is measured from the response's own Date header when there is one, so a client clock
 * that is off by a day neither retries at once nor waits a day; else from `now`. Past means 0.
 */
export function parseRetryAfter(header: string | null | undefined, now: Date, responseDate?: string | null): number | null {
  if (header === null || header === undefined) return null;
  const value = header.trim();
  if (value === '') return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // HTTP dates always name the weekday and the zone (RFC 9110 §5.6.7); a bare number is seconds.
  if (!/[A-Za-z]/.test(value)) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  const serverNow = responseDate ? Date.parse(responseDate) : Number.NaN;
  return Math.max(0, at - (Number.isNaN(serverNow) ? now.getTime() : serverNow));
}

/**
 * A portal address as FieldKey stores and compares it: http(s) only, no credentials, query or
 * fragment, no trailing slash. Returns null with a reason for anything else.
 */
export function normalisePortalUrl(input: string): { ok: true; url: string } | (Refusal & Message) {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, ...say('portalUrl.notAUrl', { input }) };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, ...say('portalUrl.badProtocol', { protocol: url.protocol }) };
  }
  if (url.hostname === '') return { ok: false, ...say('portalUrl.noHost') };
  if (url.username || url.password) return { ok: false, ...say('portalUrl.credentials') };
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.protocol}//${url.host}${path}` };
}
