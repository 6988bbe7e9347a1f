import Database from 'better-sqlite3';
import { errorBody, redemptionResponse, MAX_REQUEST_BODY_BYTES } from '../../../core/portal-api/schemas';
import { hashPassword } from '../../../portal-sandbox/passwords';
import { useSandboxCores } from '../../support/sandbox-cores';
import { unredeemedCodes } from '../../support/sandbox-portal';

const MAC = '00:0A:DD:02:3F:8F';

describe('sandbox portal: redemptions', () => {
  const { portal } = useSandboxCores({ scope: 'all' });
  let token: string;
  let codes: string[];
  let nextKey = 0;
  const newKey = () => `test-key-${String(++nextKey).padStart(4, '0')}`;
  const take = () => codes.shift()!;
  const redeem = (body: unknown, key = newKey()) => portal.call('POST', '/api/v1/redemptions', { token, key, body });
  const redeemedCount = async (code: string) => {
    const res = await portal.call('GET', `/api/v1/auth-codes/${code}`, { token });
    return ((await res.json()) as { status: string }).status;
  };

  beforeAll(async () => {
    token = await portal.login();
    codes = (await unredeemedCodes(portal)).map((c) => c.code);
  });

  it('redeems a code once; a second request with another key gets already_redeemed with the MAC it went to', async () => {
    const code = take();
    const first = redemptionResponse.parse(await (await redeem({ mac: MAC, authCodes: [code.toLowerCase().replace(/-/g, '')] })).json());
    expect(first.results[0]).toMatchObject({ authCode: code, status: 'redeemed', mac: '000ADD023F8F' });
    expect(first.results[0]!.featureKey).toMatch(/^[A-Za-z0-9$&]{4}(-[A-Za-z0-9$&]{4}){5}$/);

    const second = redemptionResponse.parse(await (await redeem({ mac: '000ADD111111', authCodes: [code] })).json());
    expect(second.results[0]).toMatchObject({ authCode: code, status: 'already_redeemed', mac: '000ADD023F8F' });
    expect(second.results[0]!.message).toContain('00:0A:DD:02:3F:8F');
    expect(await redeemedCount(code)).toBe('redeemed');
  });

  it('replays the stored response byte for byte for the same key and body, without redeeming again', async () => {
    const code = take();
    const key = newKey();
    const body = { mac: MAC, systemName: 'Front desk', authCodes: [code] };
    const first = await redeem(body, key);
    const firstText = await first.text();
    const before = await changesCount();
    const again = await redeem(body, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(firstText);
    expect(await changesCount()).toBe(before);
    expect(redemptionResponse.parse(JSON.parse(firstText)).results[0]!.status).toBe('redeemed');
  });

  it('answers 422 when a key is reused with a different body', async () => {
    const key = newKey();
    await redeem({ mac: MAC, authCodes: [take()] }, key);
    const res = await redeem({ mac: MAC, authCodes: [take()] }, key);
    expect(res.status).toBe(422);
    expect(errorBody.parse(await res.json()).error.code).toBe('idempotency_mismatch');
  });

  it('answers 409 while the first request with the same key is still running', async () => {
    const held = portal.faults.hold({ method: 'POST', path: '/api/v1/redemptions' });
    const key = newKey();
    const body = { mac: MAC, authCodes: [take()] };
    const first = redeem(body, key);
    await held.reached;
    const second = await redeem(body, key);
    expect(second.status).toBe(409);
    expect(errorBody.parse(await second.json()).error.code).toBe('in_progress');
    held.release();
    const firstRes = await first;
    expect(firstRes.status).toBe(200);
    // Once the first has finished, the same request replays its answer.
    const third = await redeem(body, key);
    expect(third.status).toBe(200);
    expect(await third.text()).toBe(await firstRes.text());
  });

  it('refuses a malformed MAC with 400 invalid_mac naming the problem, redeeming nothing', async () => {
    const code = take();
    const res = await redeem({ mac: '00:0A:DD:02:3F', authCodes: [code] });
    expect(res.status).toBe(400);
    expect(errorBody.parse(await res.json()).error).toEqual({
      code: 'invalid_mac',
      message: 'A MAC address has 12 hex digits (or the last 6, after the vendor prefix 00:0A:DD); this has 10.',
    });
    const letters = await redeem({ mac: '00:0A:DG:02:3F:8F', authCodes: [code] });
    expect(errorBody.parse(await letters.json()).error.message).toContain('"G" (character 8) is not allowed');
    expect(await redeemedCount(code)).toBe('unredeemed');
  });

  it('judges each code on its own: invalid with the parser message, not_found, already_redeemed, redeemed', async () => {
    const fresh = take();
    const used = take();
    await redeem({ mac: MAC, authCodes: [used] });
    const res = await redeem({
      mac: '0a.dd44.5566',
      serial: 'SN-1',
      authCodes: ['43XC98-68WTGB-CWMH53-YS4RA', 'ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZZ', used, fresh],
    });
    expect(res.status).toBe(400);
    const ok = await redeem({
      mac: '000a.dd44.5566',
      serial: 'SN-1',
      authCodes: ['43XC98-68WTGB-CWMH53-YS4RA', 'ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZZ', used, fresh],
    });
    const { results } = redemptionResponse.parse(await ok.json());
    expect(results.map((r) => r.status)).toEqual(['invalid', 'not_found', 'already_redeemed', 'redeemed']);
    expect(results[0]!.message).toBe('Group 4 has 5 characters; each of the four groups has 6 (the code has 23 of 24).');
    expect(results[2]!.mac).toBe('000ADD023F8F');
    expect(results[3]!.mac).toBe('000ADD445566');
    // Redeeming added the system, with its serial, to the partner's view.
    const keys = await portal.call('GET', '/api/v1/systems/445566/keys', { token });
    const system = (await keys.json()) as { system: { serial: string }; keys: { authCode: string }[] };
    expect(system.system.serial).toBe('SN-1');
    expect(system.keys.map((k) => k.authCode)).toEqual([fresh]);
  });

  it('lets exactly one of eight concurrent clients redeem the same code', async () => {
    const code = take();
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        redeem({ mac: `000ADD0000${String(i).padStart(2, '0')}`, authCodes: [code] }).then((r) => r.json()),
      ),
    );
    const statuses = responses.map((r) => redemptionResponse.parse(r).results[0]!.status).sort();
    expect(statuses).toEqual([
      'already_redeemed',
      'already_redeemed',
      'already_redeemed',
      'already_redeemed',
      'already_redeemed',
      'already_redeemed',
      'already_redeemed',
      'redeemed',
    ]);
  });

  it('commits, cuts the connection, and replays the stored result to a retry with the same key', async () => {
    const code = take();
    const key = newKey();
    const body = { mac: MAC, authCodes: [code] };
    portal.faults.arm({ kind: 'cut_after_commit', count: 1 });
    await expect(redeem(body, key)).rejects.toThrow();
    expect(await redeemedCount(code)).toBe('redeemed');
    const retry = await redeem(body, key);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(redemptionResponse.parse(await retry.json()).results[0]).toMatchObject({ authCode: code, status: 'redeemed' });
  });

  it('answers 503 and 429 with Retry-After, then serves normally', async () => {
    portal.faults.arm({ kind: 'unavailable', count: 1, retryAfterSeconds: 7 });
    portal.faults.arm({ kind: 'rate_limit', count: 1, retryAfterSeconds: 3 });
    const down = await portal.call('GET', '/api/v1/changes?limit=1', { token });
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('7');
    expect(errorBody.parse(await down.json()).error.code).toBe('unavailable');
    const limited = await portal.call('GET', '/api/v1/changes?limit=1', { token });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(errorBody.parse(await limited.json()).error.code).toBe('rate_limited');
    expect((await portal.call('GET', '/api/v1/changes?limit=1', { token })).status).toBe(200);
  });

  it('hangs a request without answering (the client times out)', async () => {
    portal.faults.arm({ kind: 'hang', count: 1 });
    await expect(
      fetch(`${portal.url}/api/v1/changes`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect((await portal.call('GET', '/api/v1/changes?limit=1', { token })).status).toBe(200);
  });

  it('refuses a body over the limit with 413, and a missing Idempotency-Key with 400', async () => {
    const big = await portal.call('POST', '/api/v1/redemptions', { token, key: newKey(), rawBody: 'x'.repeat(MAX_REQUEST_BODY_BYTES + 1) });
    expect(big.status).toBe(413);
    expect(errorBody.parse(await big.json()).error.code).toBe('too_large');
    const noKey = await portal.call('POST', '/api/v1/redemptions', { token, body: { mac: MAC, authCodes: [codes[0]] } });
    expect(noKey.status).toBe(400);
    expect(errorBody.parse(await noKey.json()).error.message).toContain('Idempotency-Key');
  });

  it('scopes Idempotency-Keys per partner: another partner reusing a key makes a new request', async () => {
    // A second partner, added straight into the sandbox's database (WAL allows a second writer).
    const db = new Database(portal.dataFile);
    const { salt, hash } = await hashPassword('Second2026x');
    db.prepare(
      "INSERT INTO partners (id, username, name, password_salt, password_hash) VALUES ('partner-2', 'second', 'Second Ltd', ?, ?)",
    ).run(salt, hash);
    db.close();
    const otherToken = await portal.login('second', 'Second2026x');
    const key = newKey();
    const mine = await redeem({ mac: MAC, authCodes: [take()] }, key);
    const theirs = await portal.call('POST', '/api/v1/redemptions', {
      token: otherToken,
      key,
      body: { mac: '000ADD222222', authCodes: [take()] },
    });
    expect(mine.status).toBe(200);
    expect(theirs.status).toBe(200);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(redemptionResponse.parse(await theirs.json()).results[0]).toMatchObject({ status: 'redeemed', mac: '000ADD222222' });
  });

  it('answers 401 without a token before looking at the request', async () => {
    const res = await portal.call('POST', '/api/v1/redemptions', { key: newKey(), body: { mac: MAC, authCodes: [codes[0]] } });
    expect(res.status).toBe(401);
  });

  async function changesCount(): Promise<number> {
    const res = await portal.call('GET', '/api/v1/changes?limit=10000', { token });
    return ((await res.json()) as { changes: unknown[] }).changes.length;
  }
});
