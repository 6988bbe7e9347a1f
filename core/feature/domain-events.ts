/**
 * The core's internal events: what one feature tells the others ("the outbox changed", "a sync
 * completed") without knowing who listens. Features subscribe when they are built and never call
 * each other, so core.ts only builds them.
 *
 * A bus of its own, not the renderer-facing one (core/rpc/events): these events carry internal
 * records (a whole outbox operation, the settings before and after) and are never sent to a
 * window, while the contract's events keep their names and payloads for the renderer. A feature
 * that answers a domain event with a renderer event emits the latter itself.
 *
 * Listeners run synchronously, in the order they subscribed (the order core.ts builds the
 * features): a feature's renderer events follow the change that caused them in the same tick,
 * as they did when core.ts called each feature in turn. One failing listener is logged and does
 * not stop the others, nor the write that announced the change.
 *
 * The events below carry plain values. An event whose payload is a feature's own record is
 * declared next to the code that emits it, by merging into this interface
 * (`declare module '../feature/domain-events'`): `outbox.changed` in core/sync/services.ts,
 * `settings.changed` in core/settings/feature.ts. That way this folder imports no feature, and
 * no folder cycle runs through it.
 */
import type { Logger } from '../log/logger';

export interface DomainEvents {
  /** A request to the portal was answered (`reached`) or its connection failed: the online badge follows it. */
  'portal.reached': { url: string; reached: boolean };
  /** The connectivity check's verdict changed (core/app). */
  'connectivity.changed': { online: boolean; portalUrl: string | null };
  /** A pull page or a redemption's answer changed the cache: which tables (core/sync). */
  'cache.changed': { keys: boolean; servers: boolean };
  /** A sync run succeeded (the engine's `lastSuccessAt` moved on) (core/sync). */
  'sync.completed': { at: string };
  /** Signed in or out (core/session). */
  'session.changed': { loggedIn: boolean };
  /**
   * The portal answered a redemption (done, or refused and needing attention) (core/redeem):
   * `redeemed` lists the codes it redeemed (compact), whose keys are now in the cache.
   */
  'redemption.answered': { operationId: number; redeemed: string[] };
}

export type DomainEventName = keyof DomainEvents & string;
export type DomainListener<K extends DomainEventName> = (payload: DomainEvents[K]) => void;

/** The core's internal, synchronous event bus. */
export class DomainBus {
  private readonly listeners = new Map<string, Set<(payload: never) => void>>();

  constructor(private readonly log?: Logger) {}

  /** Calls `listener` on every `name` event from now on; returns the unsubscribe. */
  on<K extends DomainEventName>(name: K, listener: DomainListener<K>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    this.listeners.set(name, set);
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<K extends DomainEventName>(name: K, payload: DomainEvents[K]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const listener of [...set] as DomainListener<K>[]) {
      try {
        listener(payload);
      } catch (err) {
        this.log?.error('domain_event.listener_failed', { event: name }, err);
      }
    }
  }
}
