/**
 * Fault switches for tests: each armed fault affects the next `count` /api/v1 requests, in the
 * order armed. They simulate what a real network and portal do to a client: an outage, rate
 * limiting, a request that never answers, a response lost after the work was committed, a slow
 * server.
 */
export type FaultKind = 'unavailable' | 'rate_limit' | 'hang' | 'cut_after_commit' | 'slow';

export interface FaultSpec {
  kind: FaultKind;
  count?: number;
  /** For unavailable and rate_limit; default 1. */
  retryAfterSeconds?: number;
  /** For slow; default 1000. */
  delayMs?: number;
}

export interface ActiveFault {
  kind: FaultKind;
  retryAfterSeconds: number;
  delayMs: number;
}

export const FAULT_KINDS: readonly FaultKind[] = ['unavailable', 'rate_limit', 'hang', 'cut_after_commit', 'slow'];

export class FaultSwitches {
  private queue: (ActiveFault & { remaining: number })[] = [];
  private compactor: () => { removed: number; oldestCursor: number } = () => ({ removed: 0, oldestCursor: 0 });

  arm(spec: FaultSpec): void {
    if (!FAULT_KINDS.includes(spec.kind)) throw new Error(`Unknown fault kind "${String(spec.kind)}".`);
    const count = spec.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new Error('count must be a whole number of requests, at least 1.');
    this.queue.push({
      kind: spec.kind,
      remaining: count,
      retryAfterSeconds: spec.retryAfterSeconds ?? 1,
      delayMs: spec.delayMs ?? 1000,
    });
  }

  clear(): void {
    this.queue = [];
  }

  /** Takes the fault (if any) that applies to the request arriving now. */
  take(): ActiveFault | null {
    const next = this.queue[0];
    if (!next) return null;
    next.remaining -= 1;
    if (next.remaining <= 0) this.queue.shift();
    return { kind: next.kind, retryAfterSeconds: next.retryAfterSeconds, delayMs: next.delayMs };
  }

  pending(): { kind: FaultKind; remaining: number }[] {
    return this.queue.map((f) => ({ kind: f.kind, remaining: f.remaining }));
  }

  /**
   * Compacts the change log as a long-running portal would: superseded entries and tombstones
   * go, and a cursor older than the newest removed entry can no longer be served (410).
   */
  compactChanges(): { removed: number; oldestCursor: number } {
    return this.compactor();
  }

  /** @internal the server wires its store in. */
  setCompactor(compactor: () => { removed: number; oldestCursor: number }): void {
    this.compactor = compactor;
  }
}
