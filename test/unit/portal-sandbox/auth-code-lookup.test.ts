import Database from 'better-sqlite3';
import { PortalClient } from '../../../core/portal/client';
import { PortalError } from '../../../core/portal/errors';
import { authCodeBatchLookupResponse, errorBody, MAX_CODES_PER_LOOKUP, redemptionResponse } from '../../../core/portal-api/schemas';
import { BATCH_LOOKUP_SQL } from '../../../portal-sandbox/store-codes';
import { useSandboxCores } from '../../support/sandbox-cores';
import { unredeemedCodes } from '../../support/sandbox-portal';

const MAC = '000ADD023F8F';

/** POST /api/v1/auth-codes/lookup (v1.3) over real HTTP, raw and through the app's PortalClient. */
describe('sandbox portal: batch look-up of auth codes', () => {
  const { portal } = useSandboxCores({ scope: 'all' });
  let token: string;
  let codes: { code: string; sku: string }[];
  let redeemed: string;
  let client: PortalClient;
  const lookup = (body: unknown, withToken = true) =>
    portal.call('POST', '/api/v1/auth-codes/lookup', { ...(withToken ? { token } : {}), body });

  beforeAll(async () => {
    token = await portal.login();
    codes = await unredeemedCodes(portal);
    redeemed = codes.pop()!.code;
    const res = await portal.call('POST', '/api/v1/redemptions', {
      token,
      key: 'lookup-test-0001',
      body: { mac: MAC, authCodes: [redeemed] },
    });
    expect(redemptionResponse.parse(await res.json()).results[0]!.status).toBe('redeemed');
    client = new PortalClient({ portalUrl: portal.url, fetch, now: () => new Date(), token: () => token });
  });

  it('judges each code on its own and answers in request order: unredeemed, redeemed, not_found, invalid', async () => {
    const fresh = codes[0]!;
    const typed = [
      redeemed.toLowerCase().replace(/-/g, ''),
      'ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZZ',
      '43XC98-68WTGB-CWMH53-YS4RA',
      ` ${fresh.code.toLowerCase().replace(/-/g, ' ')} `,
      'hello!',
    ];
    const res = await lookup({ codes: typed });
    expect(res.status).toBe(200);
    const { results } = authCodeBatchLookupResponse.parse(await res.json());
    expect(results.map((r) => r.status)).toEqual(['redeemed', 'not_found', 'invalid', 'unredeemed', 'invalid']);
    expect(results[0]).toMatchObject({ code: redeemed, status: 'redeemed', mac: MAC });
    expect(results[0]!.redeemedAt).toMatch(/Z$/);
    expect(results[0]!.sku).toBeTruthy();
    expect(results[1]).toMatchObject({ code: 'ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZZ', status: 'not_found' });
    expect(results[1]!.message).toContain('ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZZ');
    // Malformed: the code as sent, and the parser's precise message.
    expect(results[2]).toEqual({
      code: '43XC98-68WTGB-CWMH53-YS4RA',
      status: 'invalid',
      message: 'Group 4 has 5 characters; each of the four groups has 6 (the code has 23 of 24).',
    });
    expect(results[3]).toMatchObject({ code: fresh.code, status: 'unredeemed', sku: fresh.sku });
    expect(results[3]).not.toHaveProperty('mac');
    expect(results[4]!.message).toContain('"!"');
  });

  it('answers a code sent twice twice, and keeps the order of a full batch of 500', async () => {
    const known = codes.map((c) => c.code);
    const batch = Array.from({ length: MAX_CODES_PER_LOOKUP }, (_, i) =>
      i % 3 === 0 ? known[i % known.length]! : `Q${String(i).padStart(4, '0')}A-AAAAAA-AAAAAA-AAAAAA`,
    );
    const { results } = authCodeBatchLookupResponse.parse(await (await lookup({ codes: batch })).json());
    expect(results).toHaveLength(MAX_CODES_PER_LOOKUP);
    expect(results.map((r) => r.code)).toEqual(batch);
    expect(results.map((r) => r.status)).toEqual(batch.map((_, i) => (i % 3 === 0 ? 'unredeemed' : 'not_found')));
  });

  it('refuses 501 codes whole with 413 too_large, an empty list and a non-list with 400', async () => {
    const tooMany = await lookup({ codes: Array.from({ length: MAX_CODES_PER_LOOKUP + 1 }, () => codes[0]!.code) });
    expect(tooMany.status).toBe(413);
    const body = errorBody.parse(await tooMany.json());
    expect(body.error.code).toBe('too_large');
    expect(body.error.message).toContain('501');
    for (const bad of [{ codes: [] }, { codes: 'ABC' }, {}, { codes: ['x'], extra: 1 }, { codes: ['x'.repeat(101)] }]) {
      const res = await lookup(bad);
      expect(res.status).toBe(400);
      expect(errorBody.parse(await res.json()).error.code).toBe('bad_request');
    }
  });

  it('answers 401 without a token, and GET on the path is a single look-up of "lookup" (a malformed code)', async () => {
    expect((await lookup({ codes: [codes[0]!.code] }, false)).status).toBe(401);
    expect((await portal.call('GET', '/api/v1/auth-codes/lookup', { token })).status).toBe(400);
  });

  it('reads every code in one query through the primary key', () => {
    const db = new Database(portal.dataFile, { readonly: true });
    try {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${BATCH_LOOKUP_SQL}`).all('[]') as { detail: string }[]).map((p) => p.detail);
      expect(plan.some((d) => /SEARCH c USING (PRIMARY KEY|INDEX sqlite_autoindex_auth_codes)/.test(d))).toBe(true);
      expect(plan.some((d) => /SCAN c\b/.test(d))).toBe(false);
    } finally {
      db.close();
    }
  });

  it('through the PortalClient: results validated and in order; a refusal is a rejected PortalError, never in doubt', async () => {
    const fresh = codes[1]!;
    const answer = await client.lookupAuthCodes([fresh.code.toLowerCase(), redeemed, 'nope']);
    expect(answer.results.map((r) => [r.code, r.status])).toEqual([
      [fresh.code, 'unredeemed'],
      [redeemed, 'redeemed'],
      ['nope', 'invalid'],
    ]);
    const full = await client.lookupAuthCodes(Array.from({ length: MAX_CODES_PER_LOOKUP }, () => fresh.code));
    expect(full.results).toHaveLength(MAX_CODES_PER_LOOKUP);
    const refused = await client.lookupAuthCodes(Array.from({ length: MAX_CODES_PER_LOOKUP + 1 }, () => fresh.code)).catch((e) => e);
    expect(refused).toBeInstanceOf(PortalError);
    expect(refused).toMatchObject({ kind: 'rejected', status: 413, code: 'too_large' });
  });

  it('through the PortalClient: a time-out of the look-up is not in doubt (it only reads)', async () => {
    portal.faults.arm({ kind: 'hang', count: 1 });
    const slow = new PortalClient({ portalUrl: portal.url, fetch, now: () => new Date(), token: () => token, timeoutMs: 300 });
    const err = await slow.lookupAuthCodes([codes[0]!.code]).catch((e) => e);
    portal.faults.clear();
    expect(err).toBeInstanceOf(PortalError);
    expect(err).toMatchObject({ kind: 'timeout', inDoubt: false });
  });
});
