/**
 * The outbox as the renderer sees it: operations waiting for (or answered by) the portal.
 * Only zod and types may be imported: the renderer imports this file.
 */
import type { RedemptionResult } from '../portal-api/schemas';

/**
 * - `pending`: waiting to be sent (first try, or after a failure that did not reach the portal).
 * - `in_flight`: being sent now.
 * - `in_doubt`: sent, but no answer came (time-out, cut connection, 5xx); replayed with the same
 *   idempotency key until the portal answers, so it can never act twice.
 * - `done`: the portal answered and every part succeeded.
 * - `needs_attention`: the portal answered and refused all or part (already redeemed, not
 *   found, invalid); listed until the user dismisses it.
 * - `dismissed`: the user has seen a needs-attention operation and put it away.
 */
export type OutboxStatus = 'pending' | 'in_flight' | 'in_doubt' | 'done' | 'needs_attention' | 'dismissed';

export interface RedemptionRequestSummary {
  /** 12 upper-case hex digits. */
  mac: string;
  serial: string | null;
  systemName: string | null;
  /** Canonical dashed codes, in the order the user gave them. */
  authCodes: string[];
}

export interface OutboxOperation {
  id: number;
  kind: 'redemption';
  status: OutboxStatus;
  /** Made when the operation was queued; every send and replay uses it. */
  idempotencyKey: string;
  request: RedemptionRequestSummary;
  /** The portal's answer, one per code in request order, once it answered. */
  results: RedemptionResult[] | null;
  /** Sends so far. */
  attempts: number;
  /** When the next send is due (ISO 8601), for pending and in-doubt operations. */
  nextAttemptAt: string | null;
  /** Why the last send did not complete, or why the portal refused; a sentence for the user. */
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OutboxCounts {
  /** Pending and in flight. */
  pending: number;
  inDoubt: number;
  needsAttention: number;
}

/** Event `sync.outbox`: the counts after a change, and the operation that changed (if one did). */
export interface OutboxChange {
  counts: OutboxCounts;
  operation: OutboxOperation | null;
}
