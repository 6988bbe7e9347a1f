import type { Message } from '../../../../core/messages/catalogue';
import { useSyncExternalStore } from 'react';
import type { ApiClient } from '../../../../core/api/client';
import type { RedeemSubmitResult } from '../../../../core/redeem/contract';
import type { RedemptionOperation } from '../../../../core/sync/contract';
import { useApi } from '../../api/CoreProvider';
import { emptyCodeFields } from './code-fields';

export type RedemptionResult = NonNullable<RedemptionOperation['results']>[number];

/** What the technician typed; kept while they visit other pages, so nothing is lost. */
export interface RedeemDraft {
  serial: string;
  /** As typed (canonical once the field was left with a valid MAC). */
  mac: string;
  systemName: string;
  /** One entry per Auth Code field, as typed (canonical once normalised). */
  codes: string[];
  /** Fields whose content has been checked (left, pasted, scanned): their errors show. */
  checked: boolean[];
}

/** A redemption the page shows: answered (results) or waiting in the outbox. */
export interface ShownRedemption {
  operation: RedemptionOperation;
  queued: boolean;
  queuedReason: Message | null;
}

/** A queued redemption that the portal has now answered: the app says so wherever the user is. */
export interface RedemptionNotice {
  id: number;
  operation: RedemptionOperation;
}

export interface RedeemSessionState {
  draft: RedeemDraft;
  submitting: boolean;
  shown: ShownRedemption | null;
  notices: RedemptionNotice[];
}

const ANSWERED = new Set<RedemptionOperation['status']>(['done', 'needs_attention']);

export function emptyDraft(keep: Partial<Pick<RedeemDraft, 'serial' | 'mac' | 'systemName'>> = {}): RedeemDraft {
  return { serial: '', mac: '', systemName: '', ...keep, codes: emptyCodeFields(), checked: new Array<boolean>(10).fill(false) };
}

/**
 * The Redeem page's state for one connection to the core. It outlives the page, so a draft
 * survives a visit to the Sync page, and it follows `sync.outbox` so a queued redemption that
 * completes later is announced (and its results shown) even while another page is open.
 */
export class RedeemSession {
  private state: RedeemSessionState = { draft: emptyDraft(), submitting: false, shown: null, notices: [] };
  private readonly listeners = new Set<() => void>();
  /** Queued operations this session submitted and still waits for. */
  private readonly waitingFor = new Set<number>();
  private noticeCounter = 0;

  constructor(private readonly client: ApiClient) {
    // Only redemptions concern this page; the outbox also carries other kinds (Add Systems).
    client.on('sync.outbox', (change) => {
      if (change.operation?.kind === 'redemption') this.operationChanged(change.operation);
    });
  }

  getState = (): RedeemSessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The draft, changed synchronously (the camera asks for an outcome before React renders). */
  get draft(): RedeemDraft {
    return this.state.draft;
  }

  setDraft(change: Partial<RedeemDraft>): void {
    this.update({ draft: { ...this.state.draft, ...change } });
  }

  setSubmitting(submitting: boolean): void {
    this.update({ submitting });
  }

  /** The answer of redeem.submit: shown on the page; a queued one is watched until answered. */
  submitted(result: RedeemSubmitResult): void {
    if (result.queued) this.waitingFor.add(result.operation.id);
    this.update({ shown: { operation: result.operation, queued: result.queued, queuedReason: result.queuedReason } });
  }

  /** Back to the form: MAC, serial and system name kept, codes and results cleared. */
  redeemMore(): void {
    const { serial, mac, systemName } = this.state.draft;
    this.update({ shown: null, draft: emptyDraft({ serial, mac, systemName }) });
  }

  reset(): void {
    this.update({ shown: null, draft: emptyDraft() });
  }

  dismissNotice(id: number): void {
    this.update({ notices: this.state.notices.filter((notice) => notice.id !== id) });
  }

  /** Events sent while the link to the core was down are lost: ask for the shown operation again. */
  async refreshShown(): Promise<void> {
    const shown = this.state.shown;
    if (!shown?.queued) return;
    try {
      const { operations } = await this.client.invoke('sync.outbox', {
        statuses: ['pending', 'in_flight', 'in_doubt', 'done', 'needs_attention', 'dismissed'],
        limit: 500,
      });
      const current = operations.find((operation) => operation.id === shown.operation.id);
      if (current?.kind === 'redemption') this.operationChanged(current);
    } catch {
      // The next sync.outbox event brings it.
    }
  }

  private operationChanged(operation: RedemptionOperation): void {
    const shown = this.state.shown;
    const showing = shown?.operation.id === operation.id;
    const answered = ANSWERED.has(operation.status) && operation.results !== null;
    const announce = answered && this.waitingFor.delete(operation.id);
    if (!showing && !announce) return;
    this.update({
      ...(showing ? { shown: { operation, queued: !answered, queuedReason: answered ? null : shown!.queuedReason } } : {}),
      ...(announce ? { notices: [...this.state.notices, { id: ++this.noticeCounter, operation }] } : {}),
    });
  }

  private update(change: Partial<RedeemSessionState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of [...this.listeners]) listener();
  }
}

const sessions = new WeakMap<ApiClient, RedeemSession>();

/** The Redeem session of the core this renderer talks to (one per client). */
export function useRedeemSession(): [RedeemSession, RedeemSessionState] {
  const client = useApi();
  let session = sessions.get(client);
  if (!session) {
    session = new RedeemSession(client);
    sessions.set(client, session);
  }
  const state = useSyncExternalStore(session.subscribe, session.getState);
  return [session, state];
}
