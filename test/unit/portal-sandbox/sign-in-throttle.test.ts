import { addressKey, SignInThrottle, throttleVerdict, type ThrottleRule } from '../../../portal-sandbox/sign-in-throttle';

const MIN = 60 * 1000;
const rule: ThrottleRule = { maxFailures: 3, windowMs: 10 * MIN };

describe('throttleVerdict: failures inside the window, up to the maximum', () => {
  it.each<[string, number[], number, ReturnType<typeof throttleVerdict>]>([
    ['no failures', [], 0, { allowed: true }],
    ['fewer than the maximum', [0, 1 * MIN], 2 * MIN, { allowed: true }],
    ['the maximum inside the window', [0, 1 * MIN, 2 * MIN], 3 * MIN, { allowed: false, retryAfterMs: 7 * MIN }],
    [
      'locked until the oldest counted failure leaves the window',
      [0, 1 * MIN, 2 * MIN],
      9 * MIN,
      { allowed: false, retryAfterMs: 1 * MIN },
    ],
    ['open again once it has left', [0, 1 * MIN, 2 * MIN], 10 * MIN, { allowed: true }],
    [
      'more than the maximum: the oldest that still locks',
      [0, 1 * MIN, 2 * MIN, 3 * MIN],
      10 * MIN + 1,
      { allowed: false, retryAfterMs: 1 * MIN - 1 },
    ],
    ['old failures do not count', [-20 * MIN, -15 * MIN, 0], 1 * MIN, { allowed: true }],
  ])('%s', (_, failures, now, verdict) => {
    expect(throttleVerdict(failures, now, rule)).toEqual(verdict);
  });
});

describe('SignInThrottle (clock injected)', () => {
  let clock = 0;
  const make = (maxTracked = 100) =>
    new SignInThrottle(() => new Date(clock), { user: rule, address: { maxFailures: 5, windowMs: 10 * MIN }, maxTracked });
  beforeEach(() => {
    clock = Date.parse('2026-03-01T09:00:00Z');
  });

  it('locks a user name after its budget, in seconds until it opens; case does not matter', () => {
    const throttle = make();
    for (let i = 0; i < 3; i++) expect(throttle.begin(i === 1 ? 'Demo' : 'demo', `10.0.0.${i}`)).toEqual({ allowed: true });
    expect(throttle.begin('demo', '10.0.0.9')).toEqual({ allowed: false, retryAfterSeconds: 600, scope: 'user' });
    clock += 10 * MIN;
    expect(throttle.begin('demo', '10.0.0.9').allowed).toBe(true);
  });

  it('a success resets the user name, not the address', () => {
    const throttle = make();
    throttle.begin('demo', 'a');
    throttle.begin('demo', 'a');
    throttle.begin('demo', 'a');
    throttle.succeeded('demo', 'a');
    expect(throttle.begin('demo', 'a').allowed).toBe(true);
    // The address counts two earlier failures and two since: one more fills its budget of 5.
    throttle.begin('other', 'a');
    throttle.begin('other', 'a');
    expect(throttle.begin('third', 'a')).toMatchObject({ allowed: false, scope: 'address' });
  });

  it('an address spraying user names is locked by its own budget', () => {
    const throttle = make();
    for (let i = 0; i < 5; i++) expect(throttle.begin(`user${i}`, 'a').allowed).toBe(true);
    expect(throttle.begin('user99', 'a')).toMatchObject({ allowed: false, scope: 'address' });
    expect(throttle.begin('user99', 'b').allowed).toBe(true);
  });

  it('tracks at most maxTracked entries, forgetting the least recently used', () => {
    const throttle = make(10);
    for (let i = 0; i < 100; i++) throttle.begin(`user${i}`, `10.0.${i}.1`);
    expect(throttle.tracked).toBe(10);
  });
});

describe('SignInThrottle: a locked-out name stays locked, whatever fills the tracker', () => {
  let clock = Date.parse('2026-03-01T09:00:00Z');
  const make = (maxTracked: number) =>
    new SignInThrottle(() => new Date(clock), { user: rule, address: { maxFailures: 1000, windowMs: 10 * MIN }, maxTracked });

  it('other names filling the tracker do not unlock it until its window ends; then it is forgotten', () => {
    const throttle = make(10);
    for (let i = 0; i < 3; i++) throttle.begin('victim', '10.0.0.1');
    expect(throttle.begin('victim', '10.0.0.1')).toMatchObject({ allowed: false, scope: 'user' });
    // Hundreds of other names, from other addresses, each tried once.
    for (let i = 0; i < 500; i++) throttle.begin(`filler${i}`, `10.1.${i >> 8}.${i & 255}`);
    expect(throttle.begin('victim', '10.0.0.2')).toMatchObject({ allowed: false, scope: 'user' });
    expect(throttle.tracked).toBeLessThanOrEqual(10);

    clock += 10 * MIN;
    expect(throttle.begin('victim', '10.0.0.2').allowed).toBe(true);
  });

  it('past the bound only locked entries remain, and they leave once their window has passed', () => {
    const throttle = make(4);
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) for (let i = 0; i < 3; i++) throttle.begin(name, '10.0.0.1');
    // Six locked names (and the address) over a bound of four: none forgotten.
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) expect(throttle.begin(name, '10.0.0.9')).toMatchObject({ allowed: false });
    expect(throttle.tracked).toBe(7);
    clock += 10 * MIN;
    throttle.begin('g', '10.0.0.9');
    expect(throttle.tracked).toBeLessThanOrEqual(4);
    expect(throttle.begin('a', '10.0.0.9').allowed).toBe(true);
  });
});

describe('SignInThrottle: loopback addresses are one client', () => {
  const clock = Date.parse('2026-03-01T09:00:00Z');

  it.each([
    ['127.0.0.1', 'address:loopback'],
    ['127.8.9.10', 'address:loopback'],
    ['::1', 'address:loopback'],
    ['::ffff:127.0.0.1', 'address:loopback'],
    ['::FFFF:127.1.2.3', 'address:loopback'],
    ['10.0.0.1', 'address:10.0.0.1'],
    ['::ffff:10.0.0.1', 'address:10.0.0.1'],
    ['128.0.0.1', 'address:128.0.0.1'],
    ['fe80::1', 'address:fe80::1'],
  ])('%s → %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });

  it('cycling through loopback addresses spends one budget', () => {
    const throttle = new SignInThrottle(() => new Date(clock), {
      user: rule,
      address: { maxFailures: 4, windowMs: 10 * MIN },
      maxTracked: 100,
    });
    const loopbacks = ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.0.0.2'];
    for (const [i, address] of loopbacks.entries()) expect(throttle.begin(`user${i}`, address).allowed).toBe(true);
    expect(throttle.begin('user9', '127.0.0.3')).toMatchObject({ allowed: false, scope: 'address' });
    expect(throttle.begin('user9', '10.0.0.1').allowed).toBe(true);
  });
});
