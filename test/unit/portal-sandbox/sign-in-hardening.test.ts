import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../core/db/database';
import { errorBody } from '../../../core/portal-api/schemas';
import { sandboxMigrations } from '../../../portal-sandbox/migrations';
import { scryptPasswords, type PasswordHasher } from '../../../portal-sandbox/passwords';
import { seed } from '../../../portal-sandbox/seed';
import { SandboxStore } from '../../../portal-sandbox/store';
import { useSandboxCores } from '../../support/sandbox-cores';

const MIN = 60 * 1000;
const START = new Date('2026-03-01T09:00:00Z');

describe('sandbox portal: sign-in throttling and hashing', () => {
  let clock = START;
  let clockReads = 0;
  const { portal } = useSandboxCores({
    now: () => {
      clockReads++;
      return clock;
    },
  });
  afterEach(() => {
    clock = START; // for the next test's portal, started before its first line
  });

  const signIn = (username: string, password: string) => portal.call('POST', '/api/v1/session', { body: { username, password } });

  it('the 6th wrong password in 15 minutes gets 429 with Retry-After; the right one is refused too; after the window it works', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn('demo', `wrong${i}`)).status).toBe(401);
    const locked = await signIn('demo', 'wrong5');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe(String(15 * 60));
    expect(errorBody.parse(await locked.json()).error).toEqual({
      code: 'rate_limited',
      message: 'Too many failed sign-ins for this user name. Try again in 15 minutes.',
    });
    expect((await signIn('demo', 'demo')).status).toBe(429);

    clock = new Date(clock.getTime() + 15 * MIN);
    expect((await signIn('demo', 'demo')).status).toBe(200);
  });

  it('a password change with a wrong current password spends the same budget: a stolen session cannot guess past it', async () => {
    const login = await signIn('demo', 'demo');
    const { token } = (await login.json()) as { token: string };
    const change = (current: string) => portal.call('POST', '/api/v1/password', { token, body: { current, next: 'a-new-password-2026' } });
    for (let i = 0; i < 5; i++) expect((await change(`wrong${i}`)).status).toBe(403);
    const locked = await change('demo');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe(String(15 * 60));
    expect(errorBody.parse(await locked.json()).error.message).toBe(
      'Too many failed password checks for this user name. Try again in 15 minutes.',
    );
    expect((await signIn('demo', 'demo')).status).toBe(429);
  });

  it('a success resets the count for the user name', async () => {
    for (let i = 0; i < 4; i++) expect((await signIn('demo', 'wrong')).status).toBe(401);
    expect((await signIn('demo', 'demo')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn('demo', 'wrong')).status).toBe(401);
    expect((await signIn('demo', 'demo')).status).toBe(200);
  });

  it('an address trying many user names is throttled', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await signIn(`guess${i}`, 'password1')).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses[30]).toBe(429);
    // The known user is locked out from here too: the address budget is spent.
    const locked = await signIn('demo', 'demo');
    expect(locked.status).toBe(429);
    expect(errorBody.parse(await locked.json()).error.message).toContain('from this address');
  });

  it('a cheap request answers while 20 sign-ins are being hashed: the event loop is not blocked', async () => {
    const before = clockReads;
    let signInsDone = 0;
    const signIns = Array.from({ length: 20 }, (_, i) =>
      signIn(`someone${i}`, 'wrong').then((res) => {
        signInsDone++;
        return res.status;
      }),
    );
    // The clock is read once per sign-in as it reaches the throttle, just before hashing starts.
    while (clockReads - before < 20) await new Promise((resolve) => setImmediate(resolve));
    const cheap = await portal.call('GET', '/api/v1/no-such-endpoint');
    const doneWhenCheapAnswered = signInsDone;
    expect(cheap.status).toBe(404);
    expect(await Promise.all(signIns)).toEqual(Array(20).fill(401));
    expect(doneWhenCheapAnswered).toBeLessThan(20);
    console.log(`sign-ins finished when the cheap request was answered: ${doneWhenCheapAnswered} of 20`);
  });
});

describe('sandbox store: unknown and known user names take the same path', () => {
  it('both run the password verifier once (a counting wrapper around the real scrypt)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-store-'));
    const now = () => new Date('2026-03-01T09:00:00Z');
    const { db } = openDatabase({ file: path.join(dir, 'sandbox.sqlite'), migrations: sandboxMigrations, now });
    let verifications = 0;
    const counting: PasswordHasher = {
      hash: scryptPasswords.hash,
      matches: (password, stored) => {
        verifications++;
        return scryptPasswords.matches(password, stored);
      },
    };
    try {
      const store = new SandboxStore(db, 'secret', now, 60 * MIN, counting);
      await seed(store, 'demo', 'secret', now());
      await store.login('nobody', 'warm-up'); // makes the dummy hash once
      const timings: Record<string, number> = {};
      for (const [label, username] of [
        ['known user', 'demo'],
        ['unknown user', 'nobody-here'],
      ] as const) {
        verifications = 0;
        const started = performance.now();
        expect(await store.login(username, 'wrong')).toBeNull();
        timings[label] = Math.round(performance.now() - started);
        expect(verifications, label).toBe(1);
      }
      console.log(`wrong password, known vs unknown user name: ${timings['known user']} ms vs ${timings['unknown user']} ms`);
    } finally {
      db.close();
    }
  });
});
