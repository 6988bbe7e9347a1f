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

/** Which requests a hold stops: the method and the pathname (with /api/v1), exactly or by pattern. */
export interface HoldSpec {
  method: string;
  path: string | RegExp;
}

/** A request held in the sandbox: `reached` once it is held, `release()` lets it go on. */
export interface Hold {
  reached: Promise<void>;
  release(): void;
}

/** What the request pipeline gets for a held request: wait() marks it reached and waits for its release. */
export interface TakenHold {
  wait(): Promise<void>;
}

interface ArmedHold {
  spec: HoldSpec;
  reached: () => void;
  released: Promise<void>;
  release: () => void;
}

export const FAULT_KINDS: readonly FaultKind[] = ['unavailable', 'rate_limit', 'hang', 'cut_after_commit', 'slow'];

export class FaultSwitches {
  private queue: (ActiveFault & { remaining: number })[] = [];
  private holds: ArmedHold[] = [];
  private taken = new Set<ArmedHold>();
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

  /** Clears the faults and the holds; a request still held goes on. */
  clear(): void {
    this.queue = [];
    for (const held of [...this.holds, ...this.taken]) held.release();
    this.holds = [];
  }

  /**
   * Holds the next request matching `spec` where the slow fault would wait (for a write, after
   * its Idempotency-Key is claimed), until `release()`: a test races a second request against it
   * without guessing at timings. In-process only; `clear()` lets go of every hold.
   */
  hold(spec: HoldSpec): Hold {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const armed: ArmedHold = { spec, reached, released, release: () => undefined };
    armed.release = () => {
      this.holds = this.holds.filter((h) => h !== armed);
      this.taken.delete(armed);
      release();
    };
    this.holds.push(armed);
    return { reached: reachedPromise, release: armed.release };
  }

  /** Takes the hold (if any) armed for a request with this method and pathname, as it reaches the pause. */
  takeHold(method: string, pathname: string): TakenHold | null {
    const index = this.holds.findIndex(
      ({ spec }) =>
        spec.method.toUpperCase() === method.toUpperCase() &&
        (typeof spec.path === 'string' ? spec.path === pathname : spec.path.test(pathname)),
    );
    if (index < 0) return null;
    const [armed] = this.holds.splice(index, 1) as [ArmedHold];
    this.taken.add(armed);
    return {
      wait() {
        armed.reached();
        return armed.released;
      },
    };
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
