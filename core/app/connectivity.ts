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
 * connection, DNS failure or time-out as offline. Checks on start, on an interval and on demand.
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
    const next: OnlineState = { online, portalUrl, checkedAt: this.options.now().toISOString() };
    const changed = next.online !== this.current.online || next.portalUrl !== this.current.portalUrl;
    this.current = next;
    if (changed) this.options.onChange(this.state());
    return this.state();
  }
}
