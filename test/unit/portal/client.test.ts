import { PortalClient } from '../../../core/portal/client';
import { normalisePortalUrl, parseRetryAfter, PortalError } from '../../../core/portal/errors';
import { DEMO_PARTNER } from '../../../portal-sandbox/seed';
import { startFixedAnswerPortal, startWebSite, unusedLoopbackUrl } from '../../support/misbehaving-portal';
import { useSandboxCores } from '../../support/sandbox-cores';
import { recordingFetch, unredeemedCodes } from '../../support/sandbox-portal';
import { rejectionOf } from '../../support/rejection';

const NOW = new Date('2026-11-23T12:00:00Z');

const failure = (promise: Promise<unknown>) => rejectionOf(promise, PortalError);

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 5 ', 5_000],
    ['Mon, 23 Nov 2026 12:00:30 GMT', 30_000],
    ['Mon, 23 Nov 2026 11:00:00 GMT', 0], // in the past: now
    ['soon', null],
    ['-5', null],
    ['1.5', null],
    ['', null],
    [null, null],
  ])('%j → %j ms', (header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });

  it("measures an HTTP date from the response Date header, whatever this computer's clock says", () => {
    const header = 'Mon, 23 Nov 2026 12:00:30 GMT';
    const serverDate = 'Mon, 23 Nov 2026 12:00:00 GMT';
    const dayAhead = new Date(NOW.getTime() + 86_400_000);
    const dayBehind = new Date(NOW.getTime() - 86_400_000);
    expect(parseRetryAfter(header, dayAhead, serverDate)).toBe(30_000);
    expect(parseRetryAfter(header, dayBehind, serverDate)).toBe(30_000);
  });
});

describe('normalisePortalUrl', () => {
  it.each([
    ['https://portal.example.com/', 'https://portal.example.com'],
    ['  http://127.0.0.1:8080  ', 'http://127.0.0.1:8080'],
    ['https://example.com/portal//', 'https://example.com/portal'],
    ['HTTPS://Portal.Example.COM', 'https://portal.example.com'],
  ])('%j → %j', (input, url) => {
    expect(normalisePortalUrl(input)).toEqual({ ok: true, url });
  });

  it.each([
    ['ftp://portal.example.com', /http:\/\/ or https:\/\//],
    ['portal.example.com', /not a web address/],
    ['https://user:pw@portal.example.com', /user name or password/],
  ])('refuses %j', (input, message) => {
    const result = normalisePortalUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('PortalClient (against the sandbox portal, and servers that answer what it never does)', () => {
  const { portal } = useSandboxCores({ enableFaults: true });
  let token: string | null;
  let recorded: ReturnType<typeof recordingFetch>;
  const client = (url = portal.url, timeoutMs = 2000) =>
    new PortalClient({ portalUrl: url, fetch: recorded.fetch, now: () => NOW, token: () => token, timeoutMs, changesTimeoutMs: timeoutMs });
  const logIn = async () => {
    token = (await client().login('demo', 'demo')).token;
  };

  beforeEach(() => {
    recorded = recordingFetch();
    token = null;
  });

  it('logs in and reads the change feed, validated by the shared schemas', async () => {
    const session = await client().login('demo', 'demo');
    expect(session.partner.name).toBe(DEMO_PARTNER.name);
    token = session.token;
    const page = await client().changes(0, 10_000);
    expect(page.changes.length).toBe(page.latestSeq);
    expect(page.changes.at(-1)?.seq).toBe(page.latestSeq);
    expect(page.hasMore).toBe(false);
    expect(recorded.requests.at(-1)).toBe('GET /api/v1/changes?cursor=0&limit=10000');
  });

  it('a wrong password is "unauthorized" with the portal code', async () => {
    const err = await failure(client().login('demo', 'nope'));
    expect(err).toMatchObject({ kind: 'unauthorized', status: 401, code: 'unauthorized' });
  });

  it('without a token it does not even call', async () => {
    const err = await failure(client().changes(0, 10));
    expect(err.kind).toBe('unauthorized');
    expect(recorded.requests).toEqual([]);
  });

  it('a refused connection is "offline" and not in doubt', async () => {
    const url = await unusedLoopbackUrl();
    const err = await failure(client(url).login('demo', 'demo'));
    expect(err.kind).toBe('offline');
    expect(err.inDoubt).toBe(false);
    expect(err.message).toContain(url);
  });

  it('a connection cut during a write (after the portal committed it) is "offline" and in doubt', async () => {
    await logIn();
    const [code] = await unredeemedCodes(portal);
    portal.faults.arm({ kind: 'cut_after_commit' });
    const err = await failure(client().redeem('key-00000001', { mac: '000ADD000001', authCodes: [code!.code] }));
    expect(err.kind).toBe('offline');
    expect(err.inDoubt).toBe(true);
  });

  it('a hang times out ("timeout", in doubt for a write)', async () => {
    portal.faults.arm({ kind: 'hang' });
    const err = await failure(client(portal.url, 200).login('demo', 'demo'));
    expect(err.kind).toBe('timeout');
    expect(err.inDoubt).toBe(true);
  });

  it('503 and 429 are "retry_later" with Retry-After in ms (seconds or HTTP date)', async () => {
    token = 'x';
    portal.faults.arm({ kind: 'unavailable', retryAfterSeconds: 7 });
    expect(await failure(client().changes(0, 10))).toMatchObject({ kind: 'retry_later', status: 503, retryAfterMs: 7000 });
    portal.faults.arm({ kind: 'rate_limit', retryAfterSeconds: 60 });
    expect(await failure(client().changes(0, 10))).toMatchObject({ kind: 'retry_later', status: 429, retryAfterMs: 60_000 });
    const dated = await startFixedAnswerPortal({
      status: 429,
      headers: { 'Retry-After': 'Mon, 23 Nov 2026 12:01:00 GMT', Date: 'Mon, 23 Nov 2026 12:00:00 GMT' },
      body: JSON.stringify({ error: { code: 'rate_limited', message: 'Slow down.' } }),
    });
    try {
      expect(await failure(client(dated.url).changes(0, 10))).toMatchObject({ kind: 'retry_later', retryAfterMs: 60_000 });
    } finally {
      await dated.close();
    }
  });

  it('410 is "cursor_expired"; other 5xx "server"; other 4xx "rejected" with the portal message', async () => {
    await logIn();
    await portal.call('POST', '/sandbox/compact-changes');
    expect((await failure(client().changes(2, 10))).kind).toBe('cursor_expired');
    const failing = await startFixedAnswerPortal({ status: 500 });
    try {
      expect((await failure(client(failing.url).changes(0, 10))).kind).toBe('server');
    } finally {
      await failing.close();
    }
    const rejected = await failure(client().systemKeys('000ADD000001'));
    expect(rejected).toMatchObject({ kind: 'rejected', code: 'not_found', status: 404 });
    expect(rejected.message).toContain('There is no system 00:0A:DD:00:00:01 in your account');
  });

  it('a web site that is not a portal is "not_a_portal", naming the address', async () => {
    const site = await startWebSite();
    try {
      const err = await failure(client(site.url).login('demo', 'demo'));
      expect(err.kind).toBe('not_a_portal');
      expect(err.message).toContain(site.url);
      expect(err.message).toMatch(/does not look like a FieldKey portal/);
    } finally {
      await site.close();
    }
  });

  it('an answer that breaks the schema is "not_a_portal", not half-applied data', async () => {
    token = 'x';
    const broken = await startFixedAnswerPortal({
      status: 200,
      body: JSON.stringify({ changes: [{ seq: 1, entity: 'featureKey' }], nextCursor: 1, hasMore: false }),
    });
    try {
      const err = await failure(client(broken.url).changes(0, 10));
      expect(err.kind).toBe('not_a_portal');
      expect(err.message).toContain('changes');
    } finally {
      await broken.close();
    }
  });

  it('refuses a portal address that is not http(s)', () => {
    expect(() => client('file:///etc/passwd')).toThrow(PortalError);
  });

  it('sends the Idempotency-Key header on redemptions', async () => {
    const seen: Headers[] = [];
    const headersFetch: typeof fetch = async (input, init) => {
      seen.push(new Headers(init?.headers));
      return fetch(input, init);
    };
    token = 't';
    const c = new PortalClient({ portalUrl: portal.url, fetch: headersFetch, now: () => NOW, token: () => token });
    await c.redeem('key-12345678', { mac: '000ADD000001', authCodes: ['AAAAAA-AAAAAA-AAAAAA-AAAAAA'] }).catch(() => undefined);
    expect(seen[0]!.get('idempotency-key')).toBe('key-12345678');
    expect(seen[0]!.get('authorization')).toBe('Bearer t');
  });

  it('adds a system with and without a name, with its Idempotency-Key; a replay gets the same answer', async () => {
    await logIn();
    const bodies: { key: string | null; body: unknown }[] = [];
    const watching: typeof fetch = async (input, init) => {
      bodies.push({ key: new Headers(init?.headers).get('idempotency-key'), body: JSON.parse(String(init?.body)) });
      return fetch(input, init);
    };
    const c = new PortalClient({ portalUrl: portal.url, fetch: watching, now: () => NOW, token: () => token });
    const nameless = await c.upsertSystem('system-key-0001', { mac: '000ADD4B0001' });
    expect(nameless).toEqual({ system: { mac: '000ADD4B0001', serial: null, name: null, customer: null }, created: true });
    expect(await c.upsertSystem('system-key-0001', { mac: '000ADD4B0001' })).toEqual(nameless);
    const named = await c.upsertSystem('system-key-0002', { mac: '000ADD4B0001', systemName: 'Annex' });
    expect(named).toMatchObject({ system: { name: 'Annex' }, created: false });
    expect(bodies).toEqual([
      { key: 'system-key-0001', body: { mac: '000ADD4B0001' } },
      { key: 'system-key-0001', body: { mac: '000ADD4B0001' } },
      { key: 'system-key-0002', body: { mac: '000ADD4B0001', systemName: 'Annex' } },
    ]);
  });
});
