/**
 * The search index and the pull, against the real sandbox portal: a first full sync builds the
 * index once at the end; an incremental change is searchable at once; a cut-short first sync is
 * finished by the next pull.
 */
import type { KeyPage } from '../../../core/keys/contract';
import type { SearchResults } from '../../../core/search/contract';
import { useSandboxCores } from '../../support/sandbox-cores';
import { unredeemedCodes } from '../../support/sandbox-portal';
import type { SyncTestCore } from '../../support/sync-core';

describe('sync and the search index', () => {
  const { portal, core } = useSandboxCores();
  let app: SyncTestCore;

  beforeEach(async () => {
    app = core({ pageSize: 40 });
    await app.client.invoke('app.checkOnline');
  });

  const deferred = () => app.core.db.prepare('SELECT deferred FROM search_index').pluck().get();
  const list = (contains: string) => app.core.server.dispatch('keys.list', { filter: { contains, from: null } }) as Promise<KeyPage>;

  it('a first full sync leaves the index built (deferred = 0) and search finds the synced keys and systems', async () => {
    const changed: string[] = [];
    app.client.on('keys.changed', ({ reason }) => changed.push(reason));
    await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
    const first = await app.client.invoke('sync.now');
    expect(first.ok).toBe(true);
    // The index is built in the background after the sync, a chunk at a time.
    await app.core.sync.buildSearchIndex();
    expect(deferred()).toBe(0);
    const key = app.core.db.prepare('SELECT auth_code, feature_key, mac FROM feature_keys LIMIT 1').get() as {
      auth_code: string;
      feature_key: string;
      mac: string;
    };
    const byKey = await list(key.feature_key.slice(5, 14));
    expect(byKey.rows.map((r) => r.featureKey)).toContain(key.feature_key);
    expect(byKey.note).toBeNull();
    const byCode = await list(`${key.auth_code.slice(0, 6)}-${key.auth_code.slice(6, 10)}`);
    expect(byCode.rows.map((r) => r.authCode.replaceAll('-', ''))).toContain(key.auth_code);
    const search = (await app.core.server.dispatch('search.all', { query: key.mac.slice(6) })) as SearchResults;
    expect(search.systems[0]?.mac).toBe(key.mac);
    expect(app.core.db.prepare("INSERT INTO feature_keys_fts (feature_keys_fts) VALUES ('integrity-check')").run()).toBeDefined();
    expect(changed).toContain('sync');
  });

  it('an incremental change is searchable at once', async () => {
    await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
    await app.client.invoke('sync.now');
    await app.core.sync.buildSearchIndex();
    const [code] = await unredeemedCodes(portal);
    const token = await portal.login();
    const res = await portal.call('POST', '/api/v1/redemptions', {
      token,
      key: `test-${code!.code}`,
      body: { mac: '000ADDABC001', systemName: 'Quayside Lab', authCodes: [code!.code] },
    });
    expect(res.status).toBe(200);
    const again = await app.client.invoke('sync.now');
    expect(again.ok).toBe(true);
    expect(deferred()).toBe(0);
    const page = await list('quayside');
    expect(page.rows.map((r) => r.authCode)).toEqual([code!.code]);
    expect(page.rows[0]!.redeemedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(page.rows[0]!.origin).toBe('portal');
  });

  it('a first sync cut short leaves the index deferred, search still answers with a note, and the next pull builds it', async () => {
    await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
    await app.client.invoke('sync.now');
    await app.core.sync.buildSearchIndex();
    // As a crash in the middle of a first sync leaves it: frontiers at 0, index emptied.
    app.core.db.exec(`UPDATE search_index SET keys_indexed_to = 0, systems_indexed_to = 0;
      INSERT INTO feature_keys_fts (feature_keys_fts) VALUES ('delete-all');
      INSERT INTO systems_fts (systems_fts) VALUES ('delete-all');`);
    const name = app.core.db.prepare('SELECT name FROM systems WHERE name IS NOT NULL LIMIT 1').pluck().get() as string;
    const during = await list(name);
    expect(during.rows.length).toBeGreaterThan(0);
    expect(during.note?.message).toMatch(/incomplete/);
    expect((await app.client.invoke('sync.now')).ok).toBe(true);
    await app.core.sync.buildSearchIndex();
    expect(deferred()).toBe(0);
    const after = await list(name);
    expect(after.note).toBeNull();
    expect(after.rows.map((r) => r.authCode)).toEqual(during.rows.map((r) => r.authCode));
  });
});
