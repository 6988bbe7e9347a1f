/**
 * Failed sign-ins, throttled per user name and per client address, so a password cannot be
 * guessed at request speed. The rule is a pure function over the times of recent attempts; the
 * tracker around it keeps those times in memory (bounded) with the clock injected.
 */

export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
}

const MINUTE = 60 * 1000;
/** 5 wrong passwords per user name in 15 minutes. */
export const PER_USER: ThrottleRule = { maxFailures: 5, windowMs: 15 * MINUTE };
/** An address may try several user names (a shared office), but not spray them. */
export const PER_ADDRESS: ThrottleRule = { maxFailures: 30, windowMs: 15 * MINUTE };
/**
 * Tracked user names and addresses together; past it the least recently seen are forgotten, but
 * never one still locked out (it is dropped when its window ends): filling the tracker with other
 * names must not unlock a name under attack.
 */
export const MAX_TRACKED = 10_000;

export type Verdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Whether another attempt is allowed after `failures` (their times, oldest first) at `now`: only
 * failures inside the window count, and a locked caller may try again when the oldest counted
 * one leaves the window.
 */
export function throttleVerdict(failures: readonly number[], now: number, rule: ThrottleRule): Verdict {
  const recent = failures.filter((at) => at > now - rule.windowMs);
  if (recent.length < rule.maxFailures) return { allowed: true };
  return { allowed: false, retryAfterMs: recent[recent.length - rule.maxFailures]! + rule.windowMs - now };
}

export type SignInAttempt = { allowed: true } | { allowed: false; retryAfterSeconds: number; scope: 'user' | 'address' };

export class SignInThrottle {
  /** key → failure times, oldest first, at most the rule's maximum; Map order is recency of use. */
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => Date,
    private readonly rules = { user: PER_USER, address: PER_ADDRESS, maxTracked: MAX_TRACKED },
  ) {}

  /**
   * Before checking a password: refuses while either budget is spent, else counts the attempt as
   * a failure straight away, so parallel guesses cannot all slip in while the first is hashed.
   */
  begin(username: string, address: string): SignInAttempt {
    const now = this.now().getTime();
    const keys = { user: userKey(username), address: addressKey(address) };
    for (const scope of ['user', 'address'] as const) {
      const verdict = throttleVerdict(this.failures.get(keys[scope]) ?? [], now, this.rules[scope]);
      if (!verdict.allowed) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)), scope };
    }
    this.record(keys.user, now, this.rules.user);
    this.record(keys.address, now, this.rules.address);
    if (this.failures.size > this.rules.maxTracked) this.forgetOpenEntries(now, [keys.user, keys.address]);
    return { allowed: true };
  }

  /** The password was right: the user name's count starts again; the address keeps its other failures. */
  succeeded(username: string, address: string): void {
    this.failures.delete(userKey(username));
    this.failures.get(addressKey(address))?.pop();
  }

  /** How many user names and addresses are tracked (for tests of the bound). */
  get tracked(): number {
    return this.failures.size;
  }

  private record(key: string, now: number, rule: ThrottleRule): void {
    const kept = (this.failures.get(key) ?? []).filter((at) => at > now - rule.windowMs);
    kept.push(now);
    if (kept.length > rule.maxFailures) kept.splice(0, kept.length - rule.maxFailures);
    this.failures.delete(key);
    this.failures.set(key, kept);
  }

  /**
   * Forgets the least recently used entries that lock nothing now until the bound holds again.
   * Locked entries stay: past the bound only they remain, each bought with a full budget of
   * failures that the address's own budget also paid for, and each leaves when its window ends.
   */
  private forgetOpenEntries(now: number, justRecorded: readonly string[]): void {
    for (const [key, times] of this.failures) {
      if (this.failures.size <= this.rules.maxTracked) return;
      // The attempt being counted keeps its own entries, or a new name's failures would never add up.
      if (justRecorded.includes(key)) continue;
      const rule = key.startsWith('user:') ? this.rules.user : this.rules.address;
      if (throttleVerdict(times, now, rule).allowed) this.failures.delete(key);
    }
  }
}

/**
 * One budget per client: every loopback address (127.0.0.0/8, ::1, and IPv4 as ::ffff:a.b.c.d) is
 * the same computer, so changing among them must not buy fresh attempts; an IPv4 address counts the
 * same written either way.
 */
export function addressKey(address: string): string {
  const lower = address.toLowerCase();
  const ipv4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower)?.[1];
  if (ipv4?.startsWith('127.') || lower === '::1' || lower === '0:0:0:0:0:0:0:1') return 'address:loopback';
  return `address:${ipv4 ?? lower}`;
}

/** User names compare as the store does, but "Demo" and "demo" share one budget. */
function userKey(username: string): string {
  return `user:${username.normalize('NFC').toLowerCase()}`;
}
