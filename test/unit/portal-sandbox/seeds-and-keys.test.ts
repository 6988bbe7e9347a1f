import Database from 'better-sqlite3';
import { featureKey as featureKeySchema, redemptionResponse } from '../../../core/portal-api/schemas';
import { FEATURE_KEY_ALPHABET, generateFeatureKey } from '../../../portal-sandbox/feature-key';
import { DEMO_COUNTS } from '../../../portal-sandbox/seed';
import { startTestPortal, unredeemedCodes, type TestPortal } from '../../support/sandbox-portal';

function counts(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const one = (sql: string) => (db.prepare(sql).pluck().get() as number) ?? 0;
    return {
      systems: one('SELECT count(*) FROM systems'),
      keys: one('SELECT count(*) FROM feature_keys'),
      unredeemed: one('SELECT count(*) FROM auth_codes WHERE code NOT IN (SELECT auth_code FROM feature_keys)'),
      skus: one('SELECT count(*) FROM skus'),
      distributors: one('SELECT count(DISTINCT distributor) FROM auth_codes'),
      keysOnBusiestSystem: one('SELECT max(n) FROM (SELECT count(*) AS n FROM feature_keys GROUP BY mac)'),
      macsWithoutVendorPrefix: one("SELECT count(*) FROM systems WHERE mac NOT LIKE '000ADD%'"),
      keysStartingWith$: one("SELECT count(*) FROM feature_keys WHERE feature_key LIKE '$%'"),
      keysStartingWithAmp: one("SELECT count(*) FROM feature_keys WHERE feature_key LIKE '&%'"),
      oldest: db.prepare('SELECT min(redeemed_at) FROM feature_keys').pluck().get() as string,
      featureKeyChanges: one("SELECT count(*) FROM changes WHERE entity = 'featureKey'"),
      journalMode: db.pragma('journal_mode', { simple: true }),
    };
  } finally {
    db.close();
  }
}

describe('feature keys', () => {
  it('are 6 groups of 4 from [A-Za-z0-9$&], the same for the same code, MAC and secret', () => {
    const key = generateFeatureKey('secret', '43XC98-68WTGB-CWMH53-YS4RA9', '000ADD023F8F');
    expect(key).toMatch(/^[A-Za-z0-9$&]{4}(-[A-Za-z0-9$&]{4}){5}$/);
    expect(generateFeatureKey('secret', '43XC98-68WTGB-CWMH53-YS4RA9', '000ADD023F8F')).toBe(key);
    expect(generateFeatureKey('other', '43XC98-68WTGB-CWMH53-YS4RA9', '000ADD023F8F')).not.toBe(key);
    expect(generateFeatureKey('secret', '43XC98-68WTGB-CWMH53-YS4RA9', '000ADD023F90')).not.toBe(key);
    expect(FEATURE_KEY_ALPHABET).toHaveLength(64);
  });

  it('use every symbol of the alphabet, punctuation included', () => {
    const used = new Set<string>();
    for (let i = 0; i < 400; i++) for (const ch of generateFeatureKey('s', `CODE${i}`, '000ADD000001').replace(/-/g, '')) used.add(ch);
    expect(used.size).toBe(64);
  });
});

describe('sandbox portal: seeds', () => {
  let portal: TestPortal | undefined;
  afterEach(async () => {
    await portal?.close();
    portal = undefined;
  });

  it('demo: 25 systems, 150 keys over the last months, 40 unredeemed codes, keys starting with $ and &, and demo / demo logs in', async () => {
    portal = await startTestPortal({ seed: 'demo' });
    expect(portal.seeded).toMatchObject({ systems: 25, redeemedKeys: 150, unredeemedCodes: 40 });
    await expect(portal.login('demo', 'demo')).resolves.toEqual(expect.any(String));
    const c = counts(portal.dataFile);
    expect(c).toMatchObject({
      systems: DEMO_COUNTS.systems,
      keys: DEMO_COUNTS.redeemedKeys,
      unredeemed: DEMO_COUNTS.unredeemedCodes,
      macsWithoutVendorPrefix: 0,
      featureKeyChanges: DEMO_COUNTS.redeemedKeys,
    });
    expect(c.skus).toBeGreaterThanOrEqual(5);
    expect(c.distributors).toBeGreaterThanOrEqual(3);
    expect(c.keysOnBusiestSystem).toBeGreaterThan(1);
    expect(c.keysStartingWith$).toBeGreaterThan(0);
    expect(c.keysStartingWithAmp).toBeGreaterThan(0);
    expect(Date.now() - Date.parse(c.oldest)).toBeGreaterThan(60 * 24 * 3600 * 1000);
    const sample = await unredeemedCodes(portal);
    expect(sample).toHaveLength(40);
    expect(new Set(sample.map((s) => s.sku)).size).toBeGreaterThanOrEqual(5);
  });

  it('demo is deterministic: two fresh demo portals have the same codes and give the same key for the same code and MAC', async () => {
    const redeemFirst = async (p: TestPortal) => {
      const token = await p.login();
      const [code] = await unredeemedCodes(p);
      const res = await p.call('POST', '/api/v1/redemptions', {
        token,
        key: 'determinism-1',
        body: { mac: '023f8f', authCodes: [code!.code] },
      });
      return redemptionResponse.parse(await res.json()).results[0]!;
    };
    const first = await startTestPortal({ seed: 'demo' });
    const second = await startTestPortal({ seed: 'demo' });
    try {
      const [a, b] = [await redeemFirst(first), await redeemFirst(second)];
      expect(a.status).toBe('redeemed');
      expect(b).toMatchObject({ authCode: a.authCode, featureKey: a.featureKey });
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('keeps its secret across restarts: a key looked up after a restart is the one generated before it', async () => {
    portal = await startTestPortal({ seed: 'demo', secret: 'restart-secret' });
    const dataDir = portal.dataDir;
    let token = await portal.login();
    const [code] = await unredeemedCodes(portal);
    const res = await portal.call('POST', '/api/v1/redemptions', {
      token,
      key: 'restart-key-1',
      body: { mac: '000ADD010203', authCodes: [code!.code] },
    });
    const before = redemptionResponse.parse(await res.json()).results[0]!.featureKey;
    expect(before).toBe(generateFeatureKey('restart-secret', code!.code, '000ADD010203'));
    await portal.close();

    portal = await startTestPortal({ dataDir, seed: 'demo' });
    expect(portal.seeded).toBeNull();
    token = await portal.login();
    const keys = (await (await portal.call('GET', '/api/v1/systems/010203/keys', { token })).json()) as { keys: { featureKey: string }[] };
    expect(keys.keys.map((k) => k.featureKey)).toEqual([before]);
  });

  it('N: N redeemed keys over N/5 systems, every key valid for the schema', async () => {
    portal = await startTestPortal({ seed: 2000 });
    expect(portal.seeded).toMatchObject({ systems: 400, redeemedKeys: 2000 });
    const c = counts(portal.dataFile);
    // Seeded through a rollback journal for speed, served in WAL again.
    expect(c).toMatchObject({ systems: 400, keys: 2000, keysOnBusiestSystem: 5, featureKeyChanges: 2000, journalMode: 'wal' });
    const token = await portal.login('demo', 'demo');
    const page = (await (await portal.call('GET', '/api/v1/changes?cursor=0&limit=10000', { token })).json()) as {
      changes: { entity: string; data: unknown }[];
    };
    const keys = page.changes.filter((ch) => ch.entity === 'featureKey');
    expect(keys).toHaveLength(2000);
    for (const key of keys) featureKeySchema.parse(key.data);
  });
});
