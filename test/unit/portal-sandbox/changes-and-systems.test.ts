import {
  changesResponse,
  errorBody,
  systemKeysResponse,
  systemUpsertResponse,
  authCodeLookupResponse,
} from '../../../core/portal-api/schemas';
import { DEMO_COUNTS } from '../../../portal-sandbox/seed';
import { useSandboxCores } from '../../support/sandbox-cores';
import { unredeemedCodes } from '../../support/sandbox-portal';

describe('sandbox portal: change feed and systems', () => {
  const { portal } = useSandboxCores({ scope: 'all', enableFaults: true });
  let token: string;
  const changes = async (query: string) => {
    const res = await portal.call('GET', `/api/v1/changes?${query}`, { token });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const readAll = async (cursor = 0, limit = 40) => {
    const seen: ReturnType<typeof changesResponse.parse>['changes'] = [];
    for (;;) {
      const page = changesResponse.parse((await changes(`cursor=${cursor}&limit=${limit}`)).body);
      seen.push(...page.changes);
      cursor = page.nextCursor;
      if (!page.hasMore) return { seen, cursor };
    }
  };

  beforeAll(async () => {
    token = await portal.login();
  });

  it('pages through SKUs, systems and keys in seq order; the last cursor returns nothing more', async () => {
    const { seen, cursor } = await readAll();
    const count = (entity: string) => seen.filter((c) => c.entity === entity).length;
    expect(count('system')).toBe(DEMO_COUNTS.systems);
    expect(count('featureKey')).toBe(DEMO_COUNTS.redeemedKeys);
    expect(count('sku')).toBeGreaterThanOrEqual(5);
    const seqs = seen.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const tail = changesResponse.parse((await changes(`cursor=${cursor}`)).body);
    expect(tail).toEqual({ changes: [], nextCursor: cursor, hasMore: false, latestSeq: cursor });
  });

  it('appends the system and the key when a code is redeemed, after the cursor the client holds', async () => {
    const { cursor } = await readAll();
    const [code] = await unredeemedCodes(portal);
    await portal.call('POST', '/api/v1/redemptions', {
      token,
      key: 'feed-key-0001',
      body: { mac: '000ADDABCDEF', systemName: 'Lab', authCodes: [code!.code] },
    });
    const page = changesResponse.parse((await changes(`cursor=${cursor}`)).body);
    expect(page.changes.map((c) => [c.entity, c.id, c.op])).toEqual([
      ['system', '000ADDABCDEF', 'upsert'],
      ['featureKey', code!.code, 'upsert'],
    ]);
    expect(page.changes[0]!.data).toEqual({ mac: '000ADDABCDEF', serial: null, name: 'Lab', customer: null });
  });

  it('adds and renames systems idempotently and appends a change for each', async () => {
    const { cursor } = await readAll();
    const add = await portal.call('POST', '/api/v1/systems', {
      token,
      key: 'system-key-0001',
      body: { mac: '00-0a-dd-77-00-01', systemName: 'Annex' },
    });
    expect(add.status).toBe(201);
    expect(systemUpsertResponse.parse(await add.json())).toEqual({
      system: { mac: '000ADD770001', serial: null, name: 'Annex', customer: null },
      created: true,
    });
    const replay = await portal.call('POST', '/api/v1/systems', {
      token,
      key: 'system-key-0001',
      body: { mac: '000ADD770001', systemName: 'Annex' },
    });
    expect(replay.status).toBe(201);
    const rename = await portal.call('POST', '/api/v1/systems', {
      token,
      key: 'system-key-0002',
      body: { mac: '770001', systemName: 'Annex 2' },
    });
    expect(systemUpsertResponse.parse(await rename.json())).toMatchObject({ system: { name: 'Annex 2' }, created: false });
    const page = changesResponse.parse((await changes(`cursor=${cursor}`)).body);
    expect(page.changes.map((c) => (c.data as { name: string }).name)).toEqual(['Annex', 'Annex 2']);

    const keys = await portal.call('GET', '/api/v1/systems/00:0A:DD:77:00:01/keys', { token });
    expect(systemKeysResponse.parse(await keys.json())).toEqual({
      system: { mac: '000ADD770001', serial: null, name: 'Annex 2', customer: null },
      keys: [],
    });
  });

  it('adds a system without a name (v1.2); a missing name never renames; an empty one is refused', async () => {
    const { cursor } = await readAll();
    const add = await portal.call('POST', '/api/v1/systems', { token, key: 'system-key-nameless-1', body: { mac: '00:0A:DD:77:00:0A' } });
    expect(add.status).toBe(201);
    expect(systemUpsertResponse.parse(await add.json())).toEqual({
      system: { mac: '000ADD77000A', serial: null, name: null, customer: null },
      created: true,
    });
    const replay = await portal.call('POST', '/api/v1/systems', { token, key: 'system-key-nameless-1', body: { mac: '000ADD77000A' } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');

    const named = await portal.call('POST', '/api/v1/systems', {
      token,
      key: 'system-key-nameless-2',
      body: { mac: '77000A', systemName: 'Loading dock' },
    });
    expect(named.status).toBe(200);
    // Known and named: without a name it is left as it is, and nothing is appended to the feed.
    const again = await portal.call('POST', '/api/v1/systems', { token, key: 'system-key-nameless-3', body: { mac: '000ADD77000A' } });
    expect(again.status).toBe(200);
    expect(systemUpsertResponse.parse(await again.json())).toEqual({
      system: { mac: '000ADD77000A', serial: null, name: 'Loading dock', customer: null },
      created: false,
    });
    const page = changesResponse.parse((await changes(`cursor=${cursor}`)).body);
    expect(page.changes.map((c) => [c.id, (c.data as { name: string | null }).name])).toEqual([
      ['000ADD77000A', null],
      ['000ADD77000A', 'Loading dock'],
    ]);

    const empty = await portal.call('POST', '/api/v1/systems', {
      token,
      key: 'system-key-nameless-4',
      body: { mac: '000ADD77000A', systemName: '   ' },
    });
    expect(empty.status).toBe(400);
    expect(errorBody.parse(await empty.json()).error).toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('systemName'),
    });
  });

  it('answers a clear 404 for an unknown system and 400 for a malformed MAC', async () => {
    const unknown = await portal.call('GET', '/api/v1/systems/000ADD999999/keys', { token });
    expect(unknown.status).toBe(404);
    expect(errorBody.parse(await unknown.json()).error.message).toContain('There is no system 00:0A:DD:99:99:99 in your account');
    const bad = await portal.call('GET', '/api/v1/systems/xyz/keys', { token });
    expect(bad.status).toBe(400);
    expect(errorBody.parse(await bad.json()).error.code).toBe('invalid_mac');
  });

  it('previews an auth code: unredeemed, redeemed with its MAC, 404 unknown, 400 malformed', async () => {
    const [code] = await unredeemedCodes(portal);
    const preview = authCodeLookupResponse.parse(
      await (await portal.call('GET', `/api/v1/auth-codes/${code!.code.toLowerCase()}`, { token })).json(),
    );
    expect(preview).toMatchObject({ code: code!.code, status: 'unredeemed', sku: code!.sku });
    expect(preview.mac).toBeUndefined();
    expect((await portal.call('GET', '/api/v1/auth-codes/AAAAAA-AAAAAA-AAAAAA-AAAAAA', { token })).status).toBe(404);
    const malformed = await portal.call('GET', '/api/v1/auth-codes/AB%24', { token });
    expect(malformed.status).toBe(400);
    expect(errorBody.parse(await malformed.json()).error.message).toContain('"$" (character 3) is not allowed');
  });

  it('refuses a malformed cursor or limit with 400', async () => {
    expect((await changes('cursor=-1')).status).toBe(400);
    expect((await changes('limit=0')).status).toBe(400);
    expect((await changes('limit=abc')).status).toBe(400);
  });

  it('answers 410 cursor_expired for a cursor older than the compacted log; cursor 0 still gives a full snapshot', async () => {
    const { cursor: before } = await readAll();
    await portal.call('POST', '/api/v1/systems', { token, key: 'system-key-0003', body: { mac: '770001', systemName: 'Annex 3' } });
    const compacted = (await (await fetch(`${portal.url}/sandbox/compact-changes`, { method: 'POST' })).json()) as {
      removed: number;
      oldestCursor: number;
    };
    expect(compacted.removed).toBeGreaterThan(0);
    const expired = await changes(`cursor=${before}`);
    expect(expired.status).toBe(410);
    expect(errorBody.parse(expired.body).error.code).toBe('cursor_expired');

    const { seen, cursor } = await readAll(0, 1000);
    expect(cursor).toBe(compacted.oldestCursor);
    const annex = seen.filter((c) => c.entity === 'system' && c.id === '000ADD770001');
    expect(annex.map((c) => (c.data as { name: string }).name)).toEqual(['Annex 3']);
    expect(seen.filter((c) => c.entity === 'featureKey')).toHaveLength(DEMO_COUNTS.redeemedKeys + 1);
    expect((await changes(`cursor=${cursor}`)).status).toBe(200);
  });

  it('answers 410 for a cursor beyond the log (the sandbox was reset)', async () => {
    const res = await changes('cursor=99999999');
    expect(res.status).toBe(410);
    expect(errorBody.parse(res.body).error.message).toContain('newer than');
  });
});
