/**
 * The process the bulk crash test kills (test/support/bulk-crash-run.ts bundles it with esbuild
 * and runs it with Node). It is the real core on a real data directory: it signs in unless a token
 * is stored, makes a job from the bulk file unless one exists, starts it if it is a draft, then
 * pushes and syncs until the job is completed, and prints one JSON line with the job's summary.
 * Started again on whatever a SIGKILL left behind, it carries on from there.
 *
 * Marker lines (`@name arg…`, written synchronously) say where it is: `@boot`, `@login`,
 * `@created jobId`, `@started jobId`, `@answered operationId status` after every committed answer
 * of a redemption, `@bulk state answered/operations` on every `bulk.changed`, `@retry reason`,
 * `@completed`, then the final JSON line.
 *
 *   node bulk-child.mjs --data-dir DIR --portal URL --file FILE.csv
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createApiClient } from '../../core/api/client';
import type { Events } from '../../core/api/contract';
import { createInProcessTransport } from '../../core/rpc/transport/in-process';
import type { BulkJobSummary } from '../../core/bulk/contract';
import { createCore } from '../../core/core';
import { JsonFileSettingsStore } from '../../core/settings/store';

export interface BulkChildSummary {
  final: true;
  job: BulkJobSummary;
}

const RETRY_MS = 200;
const DEADLINE_MS = 60_000;

const mark = (name: string, ...args: (string | number)[]) => fs.writeSync(1, `@${[name, ...args].join(' ')}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, portal: { type: 'string' }, file: { type: 'string' } },
    strict: true,
  });
  const dataDir = values['data-dir'];
  const file = values.file;
  if (!dataDir || !values.portal || !file) throw new Error('Usage: bulk-child --data-dir DIR --portal URL --file FILE.csv');
  const deadline = Date.now() + DEADLINE_MS;
  const core = createCore({
    version: '0.0.0-bulk-crash-test',
    dataDir,
    host: 'browser',
    settingsStore: new JsonFileSettingsStore(path.join(dataDir, 'settings.json')),
    portalUrlOverride: values.portal,
    portalTimeoutMs: 10_000,
  });
  core.events.subscribe((name, payload) => {
    if (name === 'sync.outbox') {
      const { operation } = payload as Events['sync.outbox'];
      if (operation?.kind === 'redemption' && (operation.status === 'done' || operation.status === 'needs_attention'))
        mark('answered', operation.id, operation.status);
    } else if (name === 'bulk.changed') {
      const { state, progress } = payload as Events['bulk.changed'];
      mark('bulk', state, `${progress.operationsAnswered}/${progress.operations}`);
    }
  });
  mark('boot');
  const api = createApiClient(createInProcessTransport(core.server));
  const giveUpIfLate = (what: string) => {
    if (Date.now() < deadline) return;
    process.stderr.write(`bulk-child: gave up after ${DEADLINE_MS} ms ${what}\n`);
    process.exit(3);
  };

  while (!(await api.invoke('session.status')).loggedIn) {
    giveUpIfLate('signing in');
    mark('login');
    try {
      await api.invoke('session.login', { username: 'demo', password: 'demo' });
    } catch (err) {
      mark('retry', 'login', JSON.stringify((err as Error).message));
      await sleep(RETRY_MS);
    }
  }

  let job = (await api.invoke('bulk.list', {})).jobs[0];
  if (!job) {
    job = await api.invoke('bulk.createFromFile', { fileName: path.basename(file), bytes: fs.readFileSync(file) });
    mark('created', job.id);
  }
  if (job.state === 'draft') {
    job = await api.invoke('bulk.start', { jobId: job.id });
    mark('started', job.id);
  }

  for (;;) {
    giveUpIfLate('finishing the job');
    const push = await core.sync.pushNow();
    job = (await api.invoke('bulk.list', {})).jobs.find((j) => j.id === job!.id)!;
    if (job.state === 'completed') break;
    mark('retry', 'push', JSON.stringify(push.stoppedBy?.message ?? job.waitingFor?.message ?? ''));
    await sleep(RETRY_MS);
  }
  mark('completed');
  const summary: BulkChildSummary = { final: true, job };
  core.close();
  fs.writeSync(1, `${JSON.stringify(summary)}\n`);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`bulk-child failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
