import type { OnlineState } from './contract';

export interface ConnectivityOptions {
  /** The portal to check; null when none is configured (always offline). */
  portalUrl: () => string | null;
  intervalSeconds: () => number;
  fetch: typeof fetch;
  now: () => Date;
  onChange: (state: OnlineState) => void;
  timeoutMs?: number;
}

/**
 * Knows whether the portal can be reached: any HTTP answer from it counts as online, a refused
 * connection, DNS failure or time-out as offline. Checks on start, on an interval and on demand,
 * and learns from every request the core makes to the portal (`observe`, fed by `observingFetch`),
 * so a failed sync, redemption or lookup shows at once rather than at the next check.
 */
export class ConnectivityMonitor {
  private current: OnlineState;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<OnlineState> | undefined;
  private stopped = true;

  constructor(private readonly options: ConnectivityOptions) {
    this.current = { online: false, portalUrl: options.portalUrl(), checkedAt: null };
  }

  state(): OnlineState {
    return { ...this.current };
  }

  start(): void {
    this.stopped = false;
    void this.check();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Checks now; concurrent callers share one request. */
  check(): Promise<OnlineState> {
    this.inFlight ??= this.probe().finally(() => {
      this.inFlight = undefined;
      this.schedule();
    });
    return this.inFlight;
  }

  /**
   * What a request to `requestUrl` just showed: `reached` when the portal answered (any status),
   * not when the connection failed or timed out. Requests to another portal (signing in with an
   * address not yet saved) say nothing about this one.
   */
  observe(requestUrl: string, reached: boolean): void {
    const portalUrl = this.options.portalUrl();
    if (!portalUrl || this.stopped || !sameOrigin(portalUrl, requestUrl)) return;
    this.update({ online: reached, portalUrl, checkedAt: this.options.now().toISOString() });
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.check(), this.options.intervalSeconds() * 1000);
    this.timer.unref?.();
  }

  private async probe(): Promise<OnlineState> {
    const portalUrl = this.options.portalUrl();
    let online = false;
    if (portalUrl) {
      try {
        const response = await this.options.fetch(portalUrl, {
          method: 'GET',
          redirect: 'manual',
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
        });
        await response.body?.cancel();
        online = true;
      } catch {
        online = false;
      }
    }
    this.update({ online, portalUrl, checkedAt: this.options.now().toISOString() });
    return this.state();
  }

  private update(next: OnlineState): void {
    const changed = next.online !== this.current.online || next.portalUrl !== this.current.portalUrl;
    this.current = next;
    if (changed) this.options.onChange(this.state());
  }
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/**
 * `fetch` that tells `report` whether each request reached its server: an answer (any status) did;
 * a refused connection, a DNS failure or a time-out did not. A request aborted by its caller for
 * another reason than a time-out says nothing.
 */
export function observingFetch(fetchImpl: typeof fetch, report: (url: string, reached: boolean) => void): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    try {
      const response = await fetchImpl(input, init);
      report(url, true);
      return response;
    } catch (err) {
      const reason: unknown = init?.signal?.aborted ? init.signal.reason : undefined;
      const cancelled = reason !== undefined && (reason as Error)?.name !== 'TimeoutError';
      if (!cancelled) report(url, false);
      throw err;
    }
  };
}
