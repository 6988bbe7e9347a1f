import type { ApiClient } from '../../../core/api/client';
import { ApiError } from '../../../core/rpc/errors';
import { isSearchableText } from '../../../core/list-query/search-text';
import { useSandboxCores } from '../../support/sandbox-cores';
import type { SyncTestCore } from '../../support/sync-core';

/**
 * Text no search box can match literally: SQLite reads text only up to a NUL and FTS5 then reports
 * an unterminated string (a 500 before), the others are control characters, a line separator and
 * unpaired UTF-16 halves.
 */
const HOSTILE: [string, string][] = [
  ['NUL', 'a\0b'],
  ['NUL alone', '\0'],
  ['NUL in a MAC', '00:0A\0:DD'],
  ['U+0001', 'ab\x01cd'],
  ['DEL', 'abc\x7f'],
  ['U+0085 (C1)', 'abc\u0085'],
  ['line separator U+2028', 'abc\u2028def'],
  ['lone high surrogate', 'abc\ud800'],
  ['lone low surrogate', '\udc00abc'],
  ['quote and NUL', '"\0"'],
];

/** Every method that searches stored text, with the text put where it searches. */
const SEARCHES: [string, (client: ApiClient, text: string) => Promise<unknown>][] = [
  ['search.all', (client, text) => client.invoke('search.all', { query: text })],
  ['systems.search', (client, text) => client.invoke('systems.search', { query: text })],
  ['keys.list (all fields)', (client, text) => client.invoke('keys.list', { filter: { contains: text } })],
  ['keys.list (by MAC)', (client, text) => client.invoke('keys.list', { filter: { contains: text, by: 'mac' } })],
  ['keys.export', (client, text) => client.invoke('keys.export', { filter: { contains: text } })],
  ['keys.lookup (Quick Lookup)', (client, text) => client.invoke('keys.lookup', { mac: text })],
  ['keys.lookup serial', (client, text) => client.invoke('keys.lookup', { mac: '00:0A:DD:02:3F:8F', serial: text })],
  ['keys.get', (client, text) => client.invoke('keys.get', { authCode: text })],
  ['servers.list', (client, text) => client.invoke('servers.list', { filter: { contains: text } })],
  ['servers.list (by serial)', (client, text) => client.invoke('servers.list', { filter: { contains: text, by: 'serial' } })],
  ['servers.export', (client, text) => client.invoke('servers.export', { filter: { contains: text } })],
  ['servers.sites', (client, text) => client.invoke('servers.sites', { query: text })],
  ['servers.get', (client, text) => client.invoke('servers.get', { mac: text })],
  ['servers.history', (client, text) => client.invoke('servers.history', { mac: text })],
  ['servers.siteHistory', (client, text) => client.invoke('servers.siteHistory', { siteId: text })],
  ['codes.list', (client, text) => client.invoke('codes.list', { filter: { contains: text } })],
  ['codes.list (SKU)', (client, text) => client.invoke('codes.list', { filter: { sku: text } })],
  ['systems.get', (client, text) => client.invoke('systems.get', { mac: text })],
];

describe('control characters and broken Unicode in search text: matched literally or refused as VALIDATION, never INTERNAL', () => {
  const { signedInCore } = useSandboxCores({ scope: 'all' });
  let app: SyncTestCore;

  beforeAll(async () => {
    app = await signedInCore();
    // The cache is filled, so every index is searched for real.
    expect((await app.client.invoke('keys.list', { filter: {} })).rows.length).toBeGreaterThan(0);
  }, 60_000);

  for (const [method, search] of SEARCHES) {
    it.each(HOSTILE)(`${method}: %s`, async (_name, text) => {
      const outcome = await search(app.client, text).then(
        (result) => ({ ok: true as const, result }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      if (outcome.ok) return; // Matched literally (found nothing, or what holds the text).
      expect(outcome.error).toBeInstanceOf(ApiError);
      const error = outcome.error as ApiError;
      expect(error.code, error.message).toBe('VALIDATION');
      // The message names the method and the field the user typed into.
      expect(error.message).toMatch(/^Invalid arguments for [\w.]+: [\w.]+: /);
    });
  }

  it('plain search text still finds what it names, and a refused one says why under its field', async () => {
    const { rows } = await app.client.invoke('keys.list', { filter: {} });
    const code = rows[0]!.authCode;
    const found = await app.client.invoke('keys.list', { filter: { contains: code } });
    expect(found.rows.map((row) => row.authCode)).toContain(code);
    const refused = await app.client.invoke('keys.list', { filter: { contains: `${code}\0` } }).catch((err: ApiError) => err);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).details).toEqual({
      fields: [
        {
          field: 'filter.contains',
          code: 'searchText.unsearchable',
          message: 'Search text cannot contain control characters or broken Unicode.',
        },
      ],
    });
  });
});

describe('isSearchableText', () => {
  it.each([
    ['plain text', 'Front Desk 02:3F', true],
    ['tab, line feed and carriage return (a pasted cell)', '00:0A:DD\t02\r\n', true],
    ['an emoji (a surrogate pair)', 'site \u{1F600}', true],
    ['accents and CJK', 'Zürich 東京', true],
    ['line separator U+2028 (not a control character)', 'a\u2028b', true],
    ['NUL', 'a\0b', false],
    ['U+0001', '\x01', false],
    ['escape', '\x1b[31m', false],
    ['DEL', '\x7f', false],
    ['C1 U+009F', '\u009f', false],
    ['lone high surrogate at the end', 'a\ud83d', false],
    ['lone low surrogate at the start', '\ude00a', false],
    ['two high surrogates', '\ud83d\ud83d', false],
  ])('%s → %s', (_name, text, searchable) => {
    expect(isSearchableText(text)).toBe(searchable);
  });
});
