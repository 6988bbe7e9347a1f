// Its one job: what became of outbox operations this page queued (sent, refused), live from the
// `sync.outbox` events, so a report row can say "Sent to the portal" when its turn comes.
import { useEffect, useState } from 'react';
import type { OutboxStatus } from '../../../../core/sync/contract';
import { useApi } from '../../api/CoreProvider';

export interface OperationState {
  status: OutboxStatus;
  /** Why the portal refused it, or why the last send did not complete. */
  lastError: string | null;
}

export function useOutboxStatus(): ReadonlyMap<number, OperationState> {
  const api = useApi();
  const [states, setStates] = useState<ReadonlyMap<number, OperationState>>(new Map());
  useEffect(
    () =>
      api.on('sync.outbox', ({ operation }) => {
        if (!operation) return;
        setStates((previous) => new Map(previous).set(operation.id, { status: operation.status, lastError: operation.lastError }));
      }),
    [api],
  );
  return states;
}

/** Where one queued row stands with the portal. */
export type PortalState = 'queued' | 'sent' | 'refused' | 'none';

/**
 * `queued` until the outbox says the operation is done (`sent`) or refused; rows that queued
 * nothing (known, invalid) are `none`. `queuedAtAnswer` is systems.add's `queued`: false means
 * everything was sent before it answered.
 */
export function portalState(
  row: { status: string; operationId: number | null },
  queuedAtAnswer: boolean,
  states: ReadonlyMap<number, OperationState>,
): PortalState {
  if (row.operationId === null || (row.status !== 'added' && row.status !== 'renamed')) return 'none';
  const state = states.get(row.operationId);
  if (state?.status === 'done') return 'sent';
  if (state?.status === 'needs_attention' || state?.status === 'dismissed') return 'refused';
  if (!state && !queuedAtAnswer) return 'sent';
  return 'queued';
}
