/**
 * Keys benchmark: `npm run bench -- keys [--keys N] [--json]`.
 * Builds a cache of N feature keys (default 1,000,000) over N/5 systems straight into a temporary
 * FieldKey database (the app's migrations; rows written with the search index deferred, then the
 * index built in one pass, as a first sync does), then measures through the API in-process:
 * Quick Lookup by MAC, Contains searches (first page with its count), the first page of the Keys
 * list for every sort column both ways, page 500 reached by cursor, and search from anywhere.
 * Targets: lookup ≤ 1 ms, contains ≤ 30 ms (medians), first page ≤ 50 ms (the slowest sort).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE_NAME } from '../core/core';
import { KEY_SORT_COLUMNS } from '../core/keys/contract';
import { formatMac } from '../core/domain/mac';
import { timedCore } from './lib/timed-core';
import { buildKeyCache, macOf } from './lib/key-cache';
import { figure, median } from './report';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const keyCount = option('--keys', 1_000_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-bench-keys-'));
  try {
    console.log(`Building a cache of ${keyCount.toLocaleString('en')} keys over ${Math.ceil(keyCount / 5).toLocaleString('en')} systems…`);
    const cache = buildKeyCache({ file: path.join(dir, DATABASE_FILE_NAME), keys: keyCount });
    const { sample, systems } = cache;
    cache.db.close();
    figure('keys_cache_insert_s', cache.insertMs / 1000, 's');
    figure('search_index_build_s', cache.indexMs / 1000, 's');

    const { core, invoke, time, medianOf } = timedCore(dir);

    try {
      // Quick Lookup by MAC, in the formats people type.
      const lookups: number[] = [];
      for (let i = 0; i < 300; i++) {
        const mac = macOf(Math.floor((i * 7919) % systems));
        const typed = i % 3 === 0 ? formatMac(mac) : i % 3 === 1 ? mac.toLowerCase() : mac.slice(6);
        lookups.push((await time('keys.lookup', { mac: typed })).ms);
      }
      figure('lookup_by_mac_ms_median', median(lookups.slice(20)), 'ms', '≤ 1 ms');

      // Contains on all fields, 3+ characters, first page with its count.
      const containsQueries: [string, string][] = [
        ['MAC fragment', formatMac(sample.mac).slice(9, 17)],
        ['code fragment', `${sample.authCode.slice(4, 8)}-${sample.authCode.slice(8, 11)}`],
        ['feature key fragment', sample.featureKey.slice(5, 14)],
        ['system name', sample.systemName],
        ['customer', sample.customer],
        ['rare string', 'Quayside Dental 4211'],
        ['very common string', 'Harbour'],
        ['no match', 'Zeppelin'],
      ];
      const containsTimes: number[] = [];
      for (const [label, contains] of containsQueries) {
        const { ms, result } = await medianOf('keys.list', { filter: { by: 'all', contains, from: null }, limit: 100 });
        containsTimes.push(ms);
        const total = result.total as { count: number; exact: boolean };
        console.log(`  contains ${label} "${contains}": ${ms.toFixed(2)} ms (${total.exact ? '' : '≥ '}${total.count} keys)`);
      }
      figure('contains_search_ms_median', median(containsTimes), 'ms', '≤ 30 ms');

      // First page of the Keys table: the default filter (last month) and a contains, every sort both ways.
      const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
      const filters: [string, Record<string, unknown>][] = [
        ['last month', { from: monthAgo }],
        ['contains "Vantage Clinic"', { from: null, contains: 'Vantage Clinic' }],
      ];
      let slowest = 0;
      for (const [label, filter] of filters) {
        for (const sort of KEY_SORT_COLUMNS) {
          for (const direction of ['asc', 'desc'] as const) {
            const { ms } = await medianOf('keys.list', { filter: { ...filter, sort, direction }, limit: 100 }, 3);
            slowest = Math.max(slowest, ms);
            console.log(`  first page, ${label}, ${sort} ${direction}: ${ms.toFixed(2)} ms`);
          }
        }
      }
      figure('keys_first_page_ms', slowest, 'ms', '≤ 50 ms (the slowest sort)');

      // Page 500 by cursor against page 1 (all keys, newest first, 100 a page).
      const all = { filter: { from: null, sort: 'redeemedAt', direction: 'desc' }, limit: 100 };
      const page1 = await medianOf('keys.list', all, 5);
      let after: string | null = null;
      for (let i = 0; i < 499; i++) after = (await invoke('keys.list', { ...all, after })).nextCursor;
      const page500 = await medianOf('keys.list', { ...all, after }, 5);
      figure('keys_page_1_ms', page1.ms, 'ms');
      figure('keys_page_500_ms', page500.ms, 'ms', 'about page 1');

      // Search from anywhere.
      const searchTimes: number[] = [];
      for (const query of [
        formatMac(sample.mac),
        sample.mac.slice(6),
        '02:3F',
        sample.authCode,
        sample.systemName,
        sample.customer,
        'Harbour',
        'Zeppelin',
        'Al',
      ]) {
        searchTimes.push((await medianOf('search.all', { query, limit: 8 })).ms);
      }
      figure('search_all_ms_median', median(searchTimes), 'ms');
    } finally {
      core.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
