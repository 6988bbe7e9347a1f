/**
 * The outbox's rows as operations, and the request bodies sent for them: rebuilt from the stored
 * row for every send, so a replay matches the first request byte for byte.
 */
import type { PortalServer, RedemptionRequest, RedemptionResult, ServerWriteRequest, SystemUpsertRequest } from '../portal-api/schemas';
import type {
  OutboxOperation,
  OutboxOperationKind,
  OutboxStatus,
  RedemptionRequestSummary,
  ServerRequestSummary,
  SystemRequestSummary,
} from './contract';

export interface OutboxRow {
  id: number;
  idempotency_key: string;
  kind: OutboxOperationKind;
  payload: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  result: string | null;
  portal_url: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * The body sent for a redemption. Stored at enqueue and rebuilt from the stored row for every
 * send, so a replay matches the first request byte for byte.
 */
export function redemptionRequestOf({ mac, serial, systemName, authCodes }: RedemptionRequestSummary): RedemptionRequest {
  return { mac, authCodes, ...(serial ? { serial } : {}), ...(systemName ? { systemName } : {}) };
}

/**
 * The body sent for a system: the name only when there is one (a missing name never renames).
 * Rebuilt from the stored row for every send, so a replay matches the first request.
 */
export function systemRequestOf({ mac, systemName }: SystemRequestSummary): SystemUpsertRequest {
  return { mac, ...(systemName ? { systemName } : {}) };
}

/**
 * The body sent for a save or register, rebuilt from the stored row for every send, so a replay
 * matches the first request.
 */
export function serverWriteRequestOf(request: Extract<ServerRequestSummary, { action: 'save' | 'register' }>): ServerWriteRequest {
  return {
    serial: request.serial,
    mac: request.mac,
    model: request.model,
    siteId: request.siteId,
    registration: request.registration,
    action: request.action,
  };
}

export function toOperation(row: OutboxRow): OutboxOperation {
  const common = {
    id: row.id,
    status: row.status,
    idempotencyKey: row.idempotency_key,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.kind === 'server') {
    return {
      ...common,
      kind: 'server',
      request: JSON.parse(row.payload) as ServerRequestSummary,
      result: row.result === null ? null : (JSON.parse(row.result) as { server: PortalServer }),
    };
  }
  if (row.kind === 'system') {
    const payload = JSON.parse(row.payload) as SystemRequestSummary;
    return {
      ...common,
      kind: 'system',
      request: { mac: payload.mac, systemName: payload.systemName ?? null, action: payload.action },
      result: row.result === null ? null : (JSON.parse(row.result) as { created: boolean }),
    };
  }
  const payload = JSON.parse(row.payload) as RedemptionRequest;
  return {
    ...common,
    kind: 'redemption',
    request: {
      mac: payload.mac,
      serial: payload.serial ?? null,
      systemName: payload.systemName ?? null,
      authCodes: payload.authCodes,
    },
    results: row.result === null ? null : (JSON.parse(row.result) as RedemptionResult[]),
  };
}

const REFUSAL_WORDS: Record<RedemptionResult['status'], string> = {
  redeemed: 'redeemed',
  already_redeemed: 'already redeemed',
  not_found: 'not found',
  invalid: 'invalid',
};

/** "2 of 5 codes were not redeemed: 43XC98-… (already redeemed), …" */
export function refusalSummary(refused: RedemptionResult[], total: number): string {
  const items = refused.map((r) => `${r.authCode} (${REFUSAL_WORDS[r.status]})`).join(', ');
  return total === 1 ? `The code was not redeemed: ${items}.` : `${refused.length} of ${total} codes were not redeemed: ${items}.`;
}
