/**
 * The push half of sync: sends outbox operations to the portal, oldest first, one at a time,
 * each kind to its endpoint (redemptions to POST /redemptions, systems to POST /systems, servers
 * to POST /servers, PUT /servers/{mac}, /visibility or /rma by their action).
 * Every send reuses the operation's idempotency key, so a replay after a time-out, a cut
 * connection or a crash gets the portal's first answer instead of acting twice.
 *
 * A failure that says nothing about the operation itself (offline, time-out, busy, 5xx) stops
 * the run: the queue keeps its order and is tried again after a backoff. A refusal of the
 * operation itself (4xx) makes it needs-attention and the run goes on with the next one.
 */
import type { OutboxOperation } from './contract';
import type { OutboxStore } from './outbox';
import { redemptionRequestOf, serverWriteRequestOf, systemRequestOf } from './outbox-rows';
import type { PortalClient } from '../portal/client';
import type { PortalServer } from '../portal-api/schemas';
import { isPortalError, type PortalError } from '../portal/errors';

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/**
 * Exponential backoff with "equal jitter": after the n-th failed send, between half and all of
 * base·2^(n-1), capped. The jitter keeps many laptops coming back online from retrying in step.
 */
export function backoffMs(failedSends: number, random: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failedSends - 1));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

export interface PushRunResult {
  /** The queue for this portal was emptied (or was empty). */
  ok: boolean;
  /** Sends made by this run. */
  sent: number;
  /** Why the run stopped early; null when `ok`. */
  stoppedBy: PortalError | Error | null;
  /** When to try again, for a transient stop; null when nothing should be retried by itself (401). */
  retryInMs: number | null;
}

export interface PushDeps {
  outbox: OutboxStore;
  client: PortalClient;
  portalUrl: string;
  now: () => Date;
  /** In [0, 1); injected so tests can pin the jitter. */
  random: () => number;
}

export async function pushOutbox({ outbox, client, portalUrl, now, random }: PushDeps): Promise<PushRunResult> {
  let sent = 0;
  for (;;) {
    const next = outbox.nextToSend(portalUrl);
    if (!next) return { ok: true, sent, stoppedBy: null, retryInMs: null };
    // Once a send may have reached the portal, the operation stays in doubt until it answers.
    const wasInDoubt = next.status === 'in_doubt';
    const operation = outbox.markInFlight(next.id, now());
    sent++;
    try {
      await send(operation, client, outbox, now);
    } catch (err) {
      if (isPortalError(err) && err.kind === 'rejected' && err.code !== 'in_progress') {
        outbox.markRejected(operation.id, err.message, now());
        continue;
      }
      const failure = classify(err, wasInDoubt, operation, random);
      const nextAttemptAt = failure.retryInMs === null ? null : new Date(now().getTime() + failure.retryInMs);
      outbox.markFailed(operation.id, failure.status, failure.message, nextAttemptAt, now());
      return { ok: false, sent, stoppedBy: err instanceof Error ? err : new Error(String(err)), retryInMs: failure.retryInMs };
    }
  }
}

/** One send of one operation, and its answer recorded; throws what the client threw. */
async function send(operation: OutboxOperation, client: PortalClient, outbox: OutboxStore, now: () => Date): Promise<void> {
  switch (operation.kind) {
    case 'redemption': {
      const response = await client.redeem(operation.idempotencyKey, redemptionRequestOf(operation.request));
      outbox.recordAnswer(operation.id, response, now());
      return;
    }
    case 'system': {
      const response = await client.upsertSystem(operation.idempotencyKey, systemRequestOf(operation.request));
      outbox.recordSystemAnswer(operation.id, response, now());
      return;
    }
    case 'server': {
      const request = operation.request;
      const key = operation.idempotencyKey;
      let answer: { server: PortalServer };
      switch (request.action) {
        case 'save':
        case 'register':
          answer = await client.writeServer(key, request.mode, serverWriteRequestOf(request));
          break;
        case 'hide':
        case 'unhide':
          answer = await client.setServerHidden(key, request.mac, request.action === 'hide');
          break;
        case 'rma':
          answer = await client.requestRma(key, request.mac, { reason: request.reason, replacementMac: request.replacementMac });
          break;
      }
      outbox.recordServerAnswer(operation.id, answer.server, now());
      return;
    }
  }
}

interface Failure {
  status: 'pending' | 'in_doubt';
  message: string;
  retryInMs: number | null;
}

function classify(err: unknown, wasInDoubt: boolean, operation: OutboxOperation, random: () => number): Failure {
  const backoff = backoffMs(operation.attempts, random());
  if (!isPortalError(err)) {
    // Something failed on this side after the request may have left: treat it as sent.
    return { status: 'in_doubt', message: 'Sending failed inside FieldKey; it will be sent again safely.', retryInMs: backoff };
  }
  const reached = wasInDoubt || err.inDoubt || (err.kind === 'not_a_portal' && err.status !== null && err.status < 300);
  const status = reached ? 'in_doubt' : 'pending';
  switch (err.kind) {
    case 'unauthorized':
      return { status: wasInDoubt ? 'in_doubt' : 'pending', message: 'Waiting for you to sign in to the portal again.', retryInMs: null };
    case 'retry_later':
      // Never sooner than the portal asked.
      return { status, message: err.message, retryInMs: Math.max(err.retryAfterMs ?? backoff, 0) };
    case 'rejected':
      // 409: the first send with this key is still running on the portal.
      return { status: 'in_doubt', message: 'The portal is still working on this; FieldKey will ask again.', retryInMs: backoff };
    default:
      return {
        status,
        message: reached ? `${err.message} The portal may have received it; it will be sent again safely.` : err.message,
        retryInMs: backoff,
      };
  }
}
