/**
 * The sync feature's contract: pull the portal's changes into the local cache, now or on a
 * schedule, and report progress and state. The outbox (push half) lists and dismisses its operations here; redeem.submit
 * (redemptions) and systems.add (systems) queue them.
 * Only zod and types may be imported: the renderer imports this file.
 */
import { z } from 'zod';
import { method } from '../rpc/define';
import type { Message } from '../messages/catalogue';
import type { PortalServer, PortalServerRegistration, RedemptionResult } from '../portal-api/schemas';
import type { ServerModel } from '../domain/servers';

/** Why the last sync did not succeed. */
export type SyncErrorKind =
  /** No connection to the portal. */
  | 'offline'
  /** The portal did not answer in time. */
  | 'timeout'
  /** The portal is busy (429/503); FieldKey retries after the time it asked for. */
  | 'retry_later'
  /** The portal failed (5xx). */
  | 'server'
  /** The portal refused the request (4xx with its own message). */
  | 'rejected'
  /** The address does not answer as a Portal API. */
  | 'not_a_portal'
  /** Not logged in, or the portal wants the password again: syncing waits for session.login. */
  | 'login_needed'
  /** No portal address is configured. */
  | 'no_portal'
  /** Something failed inside FieldKey. */
  | 'internal';

export interface SyncError {
  kind: SyncErrorKind;
  /** The English sentence (logs, API users). */
  message: string;
  /** What to tell the user, in any language (core/messages); `message` is its English. */
  said: Message;
}

/** The engine's state, as the badge and the Sync page show it (event `sync.state`). */
export interface SyncState {
  /** A pull is under way. */
  running: boolean;
  /** The portal answered the last time FieldKey tried (connectivity check or sync). */
  online: boolean;
  /** Syncing is paused until the user logs in (no token, or the portal answered 401). */
  loginNeeded: boolean;
  /** When the last pull completed (ISO 8601, this computer's clock), or null. */
  lastSuccessAt: string | null;
  /** Why the last attempt failed; null after a success. */
  lastError: SyncError | null;
  /** When the next automatic pull is due (ISO 8601), or null when none is scheduled. */
  nextPullAt: string | null;
  /** The portal being synced, or null when none is configured. */
  portalUrl: string | null;
}

/** Progress of the running pull (event `sync.progress`). */
export interface SyncProgress {
  /** `pull`: applying changes; `full_resync`: the cache is being rebuilt from the start; `done`. */
  phase: 'pull' | 'full_resync' | 'done';
  /** Changes applied so far in this run. */
  applied: number;
  /**
   * How far through the portal's change feed this run is, 0–1, when the portal tells its latest
   * position (Portal API v1.1 `latestSeq`); absent otherwise (an indeterminate bar).
   */
  fraction?: number;
}

export interface SyncStatus extends SyncState {
  /** The last change-feed position applied from this portal (0 before the first pull). */
  cursor: number;
  /** What the local cache holds. */
  cached: { skus: number; systems: number; featureKeys: number };
  /** What the outbox holds. */
  outbox: OutboxCounts;
}

export interface SyncRunResult {
  ok: boolean;
  /** Changes applied by this run. */
  applied: number;
  /** The portal could no longer serve the cursor (410) and the cache was rebuilt from the start. */
  fullResync: boolean;
  state: SyncState;
}

// The outbox as the renderer sees it: operations waiting for (or answered by) the portal.
/**
 * - `pending`: waiting to be sent (first try, or after a failure that did not reach the portal).
 * - `in_flight`: being sent now.
 * - `in_doubt`: sent, but no answer came (time-out, cut connection, 5xx); replayed with the same
 *   idempotency key until the portal answers, so it can never act twice.
 * - `done`: the portal answered and every part succeeded.
 * - `needs_attention`: the portal answered and refused all or part (already redeemed, not
 *   found, invalid, a system it would not add); listed until the user dismisses it.
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

/** What an outbox operation is doing, common to every kind. */
interface OutboxOperationBase {
  id: number;
  status: OutboxStatus;
  /** Made when the operation was queued; every send and replay uses it. */
  idempotencyKey: string;
  /** Sends so far. */
  attempts: number;
  /** When the next send is due (ISO 8601), for pending and in-doubt operations. */
  nextAttemptAt: string | null;
  /** Why the last send did not complete, or why the portal refused; a sentence for the user. */
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Auth codes redeemed on one system (POST /redemptions). */
export interface RedemptionOperation extends OutboxOperationBase {
  kind: 'redemption';
  request: RedemptionRequestSummary;
  /** The portal's answer, one per code in request order, once it answered. */
  results: RedemptionResult[] | null;
}

export interface SystemRequestSummary {
  /** 12 upper-case hex digits. */
  mac: string;
  /** Null: added without a name (a name is never removed). */
  systemName: string | null;
  /** What the cache knew when it was queued: a new system, or a new name for a known one. */
  action: 'add' | 'rename';
}

/** A system added to the partner's view, or renamed (POST /systems, from Add Systems). */
export interface SystemOperation extends OutboxOperationBase {
  kind: 'system';
  request: SystemRequestSummary;
  /** The portal's answer once it answered: whether the system was new on the portal. */
  result: { created: boolean } | null;
}

/**
 * A change to a server on the dashboard (Portal API v1.2), as queued:
 * - `save` / `register`: `POST /servers` (mode `add`) or `PUT /servers/{mac}` (mode `modify`),
 *   the whole form as the user left it (the draft: kept here when the portal refuses);
 * - `hide` / `unhide`: `POST /servers/{mac}/visibility`;
 * - `rma`: `POST /servers/{mac}/rma`.
 */
export type ServerRequestSummary =
  | {
      action: 'save' | 'register';
      mode: 'add' | 'modify';
      /** 12 upper-case hex digits. */
      mac: string;
      serial: string;
      model: ServerModel;
      /** Null: a new site, numbered by the portal. */
      siteId: string | null;
      registration: PortalServerRegistration;
    }
  | { action: 'hide' | 'unhide'; mac: string }
  | { action: 'rma'; mac: string; reason: string; replacementMac: string };

/** A server saved, registered, hidden, shown or sent for RMA (Servers page). */
export interface ServerOperation extends OutboxOperationBase {
  kind: 'server';
  request: ServerRequestSummary;
  /** The server as the portal answered, once it answered. */
  result: { server: PortalServer } | null;
}

/** An operation waiting for (or answered by) the portal; `kind` says which. */
export type OutboxOperation = RedemptionOperation | SystemOperation | ServerOperation;
export type OutboxOperationKind = OutboxOperation['kind'];

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

export const syncMethods = {
  /** Pulls now; resolves when the pull ends. Concurrent calls share one run. Never throws for portal trouble: see `ok` and `state.lastError`. */
  'sync.now': method<SyncRunResult>()(z.object({}).strict()),
  'sync.status': method<SyncStatus>()(z.object({}).strict()),
  /** Outbox operations, newest first; by default the ones still open (pending, in flight, in doubt, needs attention). */
  'sync.outbox': method<{ operations: OutboxOperation[]; counts: OutboxCounts }>()(
    z
      .object({
        statuses: z
          .array(z.enum(['pending', 'in_flight', 'in_doubt', 'done', 'needs_attention', 'dismissed']))
          .min(1)
          .optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  /** Puts away a needs-attention operation the user has seen. NOT_FOUND; CONFLICT when it is not needs-attention. */
  'sync.dismiss': method<OutboxOperation>()(z.object({ id: z.number().int().positive() }).strict()),
};

export interface SyncEvents {
  'sync.progress': SyncProgress;
  'sync.state': SyncState;
  /** The outbox changed: an operation was queued, sent, answered or dismissed. */
  'sync.outbox': OutboxChange;
}
