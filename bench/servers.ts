/**
 * Servers benchmark: `npm run bench -- servers [--servers N] [--json]`.
 * Builds a cache of N servers (default 100,000; bench/lib/server-cache.ts) in a temporary FieldKey
 * database, then measures `servers.list` through the API in-process: the first page (100 rows)
 * with its count, for every sort column both ways, under the default filter, a model + status
 * filter, a date range, a Contains search (company text, a MAC fragment in colon form) and the
 * hidden servers. Prints each column's median and `servers_filter_ms_median`, the slowest
 * column's median (target ≤ 50 ms); also page 300 reached by cursor and the export of a filter.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE_NAME } from '../core/core';
import { formatMac } from '../core/domain/mac';
import { SERVER_SORT_COLUMNS } from '../core/servers/contract';
import { buildServerCache } from './lib/server-cache';
import { timedCore } from './lib/timed-core';
import { figure, median } from './report';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const serverCount = option('--servers', 100_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-bench-servers-'));
  try {
    console.log(`Building a cache of ${serverCount.toLocaleString('en')} servers…`);
    const cache = buildServerCache({ file: path.join(dir, DATABASE_FILE_NAME), servers: serverCount });
    const { sample } = cache;
    cache.db.close();
    figure('servers_cache_insert_s', cache.insertMs / 1000, 's');

    const { core, invoke, time: timed, medianOf } = timedCore(dir);

    try {
      const filters: [string, Record<string, unknown>][] = [
        ['all shown', {}],
        ['Connect 731 + Registered', { model: 'Connect 731', status: 'registered' }],
        ['added in one month', { from: '2025-06-01', to: '2025-06-30' }],
        ['contains company', { contains: sample.company.split(' ')[0] }],
        ['contains rare company', { by: 'company', contains: sample.company }],
        ['contains MAC fragment', { contains: formatMac(sample.mac).slice(9, 17) }],
        ['hidden', { hidden: true }],
      ];
      const perColumn: number[] = [];
      const worst: { label: string; ms: number } = { label: '', ms: 0 };
      for (const sort of SERVER_SORT_COLUMNS) {
        const times: number[] = [];
        for (const direction of ['asc', 'desc'] as const) {
          for (const [label, filter] of filters) {
            const { ms, result } = await medianOf('servers.list', { filter: { ...filter, sort, direction }, limit: 100 }, 5);
            times.push(ms);
            if (ms > worst.ms) Object.assign(worst, { label: `${label}, ${sort} ${direction} (${result.total.count} servers)`, ms });
            if (process.argv.includes('--verbose'))
              console.log(`  ${sort} ${direction}, ${label}: ${ms.toFixed(2)} ms (${result.total.count})`);
          }
        }
        const columnMedian = median(times);
        perColumn.push(columnMedian);
        console.log(`  ${sort}: median ${columnMedian.toFixed(2)} ms, slowest ${Math.max(...times).toFixed(2)} ms`);
      }
      console.log(`  slowest single case: ${worst.label}: ${worst.ms.toFixed(2)} ms`);
      figure('servers_filter_ms_median', Math.max(...perColumn), 'ms', '≤ 50 ms (the slowest column)');

      // Page 300 by cursor against page 1 (all shown servers, newest first).
      const all = { filter: { sort: 'company', direction: 'asc' }, limit: 100 };
      const page1 = await medianOf('servers.list', all);
      let after: string | null = null;
      for (let i = 0; i < 299; i++) after = (await invoke('servers.list', { ...all, after })).nextCursor;
      const page300 = await medianOf('servers.list', { ...all, after });
      figure('servers_page_1_ms', page1.ms, 'ms');
      figure('servers_page_300_ms', page300.ms, 'ms', 'about page 1');

      const exported = await timed('servers.export', { filter: { model: 'Connect 731' } });
      figure('servers_export_s', exported.ms / 1000, 's');
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
