/**
 * The process the outbox crash test kills (test/support/outbox-crash-run.ts bundles it with
 * esbuild and runs it with Node). It is the real core on a real data directory: it signs in
 * unless a token is stored, queues every planned redemption not queued yet, then pushes and
 * syncs until nothing is pending or in doubt, and prints one JSON line with the outbox summary.
 * Started again on whatever a SIGKILL left behind, it carries on from there.
 *
 * It reports where it is as marker lines (`@name arg…`, see `Marker`) written synchronously, so
 * the parent can kill it right after a given point and tell afterwards where the kill landed.
 * TEMP triggers on its own connection (nothing is added to the database file) mark three
 * transactions from inside, and with `txPauseMs` widen them with a pause: the enqueue
 * transaction, the one that records the portal's answer, and a pull page with its cursor.
 *
 *   node outbox-child.mjs --data-dir DIR --portal URL --plan FILE.json --config JSON
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createApiClient } from '../../core/api/client';
import type { Events } from '../../core/api/contract';
import { createInProcessTransport } from '../../core/rpc/transport/in-process';
import { createCore, type Core } from '../../core/core';
import type { Db } from '../../core/db/database';
import { compactAuthCode } from '../../core/domain/auth-code';
import { JsonFileSettingsStore } from '../../core/settings/store';
import type { OutboxCounts, OutboxStatus } from '../../core/sync/contract';

/** One redemption of the plan: a compact MAC and canonical dashed codes. */
export interface PlannedRedemption {
  mac: string;
  systemName: string;
  authCodes: string[];
}

export interface OutboxChildConfig {
  /** `submit`: each through `redeem.submit` (queue, then wait for the push); `enqueue`: queue all
   * through the outbox store, each followed by a push that is not waited for. */
  mode: 'submit' | 'enqueue';
  /** Pause (ms) inside these marked transactions. */
  txPauseMs: Partial<Record<TransactionMarker, number>>;
  /** Changes per /changes request (small, so a pull has several pages). */
  pageSize: number;
  portalTimeoutMs: number;
  /** Wait after a failed push or sync before the next. */
  retryMs: number;
  /** Gives up (exit 3, outbox on stderr) after this long. */
  deadlineMs: number;
  /** For the harness's own test: this marker is written under another name, as a renamed or
   * mistyped marker would be, so no kill planned at it can land. */
  misnamedMarker?: MarkerName;
}

/**
 * Marker lines, in the order things happen:
 * `@boot pending inDoubt` (core open, in-flight operations already turned in doubt),
 * `@login`, `@enqueue_tx plannedIndex` (inside the enqueue transaction),
 * `@<status> id attempts CODE,CODE` after every committed outbox change (pending, in_flight,
 * in_doubt, done, needs_attention), `@answer_tx id` (inside the transaction recording the
 * portal's answer), `@pull applied` (a pull started or applied a page), `@pull_page_tx cursor`
 * (inside a page's transaction), `@retry reason`, `@queued_all`, `@settled` (everything answered;
 * the child then waits for a line on stdin before it closes the core and exits, so the parent can
 * hold it while a planned kill is still on its way), then the final JSON line.
 */
export type MarkerName = 'boot' | 'login' | TransactionMarker | OutboxStatus | 'pull' | 'retry' | 'queued_all' | 'settled';
export type TransactionMarker = 'enqueue_tx' | 'answer_tx' | 'pull_page_tx';

export interface OutboxChildSummary {
  final: true;
  counts: OutboxCounts;
  operations: { id: number; status: OutboxStatus; attempts: number; authCodes: string[] }[];
}

/** The planned redemption being queued, for the `enqueue_tx` marker. */
let currentPlanIndex = -1;

let misnamedMarker: MarkerName | undefined;

const mark = (name: MarkerName, ...args: (string | number)[]) =>
  fs.writeSync(1, `@${[name === misnamedMarker ? `${name}_misnamed` : name, ...args].join(' ')}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      portal: { type: 'string' },
      plan: { type: 'string' },
      config: { type: 'string' },
    },
    strict: true,
  });
  if (!values['data-dir'] || !values.portal || !values.plan || !values.config) {
    throw new Error('Usage: outbox-child --data-dir DIR --portal URL --plan FILE.json --config JSON');
  }
  const dataDir = values['data-dir'];
  const config = JSON.parse(values.config) as OutboxChildConfig;
  misnamedMarker = config.misnamedMarker;
  const plan = JSON.parse(fs.readFileSync(values.plan, 'utf8')) as PlannedRedemption[];
  const deadline = Date.now() + config.deadlineMs;

  const core = createCore({
    version: '0.0.0-crash-test',
    dataDir,
    host: 'browser',
    settingsStore: new JsonFileSettingsStore(path.join(dataDir, 'settings.json')),
    portalUrlOverride: values.portal,
    portalTimeoutMs: config.portalTimeoutMs,
    syncPageSize: config.pageSize,
  });
  markTransactions(core.db, config.txPauseMs);
  const booted = core.outbox.counts();
  mark('boot', booted.pending, booted.inDoubt);
  core.events.subscribe((name, payload) => {
    if (name === 'sync.outbox') {
      const { operation } = payload as Events['sync.outbox'];
      if (operation?.kind === 'redemption') mark(operation.status, operation.id, operation.attempts, operation.request.authCodes.join(','));
    } else if (name === 'sync.progress') {
      mark('pull', (payload as Events['sync.progress']).applied);
    }
  });
  const api = createApiClient(createInProcessTransport(core.server));
  const portalUrl = core.sync.getState().portalUrl;
  if (!portalUrl) throw new Error(`The portal URL ${values.portal} was not accepted.`);

  const giveUpIfLate = (what: string) => {
    if (Date.now() < deadline) return;
    process.stderr.write(`outbox-child: gave up after ${config.deadlineMs} ms ${what}; outbox: ${JSON.stringify(summary(core))}\n`);
    process.exit(3);
  };

  while (!(await api.invoke('session.status')).loggedIn) {
    giveUpIfLate('signing in');
    mark('login');
    try {
      await api.invoke('session.login', { username: 'demo', password: 'demo' });
    } catch (err) {
      mark('retry', 'login', JSON.stringify((err as Error).message));
      await sleep(config.retryMs);
    }
  }

  // Queued earlier (each enqueue is one transaction: all of a redemption's codes or none).
  const queued = new Set(
    (core.db.prepare("SELECT payload FROM outbox WHERE kind = 'redemption'").pluck().all() as string[]).flatMap((payload) =>
      (JSON.parse(payload) as { authCodes: string[] }).authCodes.map(compactAuthCode),
    ),
  );
  for (const [index, redemption] of plan.entries()) {
    const found = redemption.authCodes.filter((code) => queued.has(compactAuthCode(code))).length;
    if (found === redemption.authCodes.length) continue;
    if (found > 0)
      throw new Error(`Planned redemption ${index} is only partly in the outbox: ${found} of ${redemption.authCodes.length} codes.`);
    currentPlanIndex = index;
    if (config.mode === 'submit') {
      await api.invoke('redeem.submit', { mac: redemption.mac, systemName: redemption.systemName, authCodes: redemption.authCodes });
    } else {
      core.outbox.enqueueRedemption({
        portalUrl,
        request: { mac: redemption.mac, serial: null, systemName: redemption.systemName, authCodes: redemption.authCodes },
        now: new Date(),
      });
      void core.sync.pushNow();
    }
  }
  mark('queued_all');

  // Push, then a sync run (push again, pull), until the portal has answered everything.
  for (;;) {
    giveUpIfLate('settling the outbox');
    const push = await core.sync.pushNow();
    if (!push.ok) {
      mark('retry', 'push', JSON.stringify(push.stoppedBy?.message ?? ''));
      await sleep(config.retryMs);
      continue;
    }
    const run = await core.sync.syncNow();
    const counts = core.outbox.counts();
    if (run.ok && counts.pending === 0 && counts.inDoubt === 0) break;
    mark('retry', 'sync', JSON.stringify(run.state.lastError?.message ?? ''));
    await sleep(config.retryMs);
  }

  const result = summary(core);
  mark('settled');
  await new Promise<void>((resolve) => {
    process.stdin.once('data', () => resolve());
    process.stdin.once('end', () => resolve());
  });
  core.close();
  fs.writeSync(1, `${JSON.stringify(result)}\n`);
  process.exit(0);
}

function summary(core: Core): OutboxChildSummary {
  const all: OutboxStatus[] = ['pending', 'in_flight', 'in_doubt', 'done', 'needs_attention', 'dismissed'];
  return {
    final: true,
    counts: core.outbox.counts(),
    operations: core.outbox
      .list(all, 100_000)
      .reverse()
      .map((o) => ({ id: o.id, status: o.status, attempts: o.attempts, authCodes: o.kind === 'redemption' ? o.request.authCodes : [] })),
  };
}

/** TEMP triggers (this connection only) that mark, and pause if asked, inside three transactions. */
function markTransactions(db: Db, pauseMs: OutboxChildConfig['txPauseMs']): void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  db.function('fk_crash_point', { varargs: true, deterministic: false }, (name: unknown, detail: unknown) => {
    const marker = name as TransactionMarker;
    mark(marker, marker === 'enqueue_tx' ? currentPlanIndex : String(detail));
    const pause = pauseMs[marker] ?? 0;
    if (pause > 0) Atomics.wait(cell, 0, 0, pause); // blocks the whole process, as a slow disk would
    return null;
  });
  db.exec(`
    CREATE TEMP TRIGGER crash_enqueue AFTER INSERT ON main.outbox
      BEGIN SELECT fk_crash_point('enqueue_tx', new.id); END;
    CREATE TEMP TRIGGER crash_answer AFTER UPDATE OF status ON main.outbox
      WHEN old.status = 'in_flight' AND new.status IN ('done', 'needs_attention')
      BEGIN SELECT fk_crash_point('answer_tx', new.id); END;
    CREATE TEMP TRIGGER crash_pull_page_insert AFTER INSERT ON main.sync_state WHEN new.name = 'cursor'
      BEGIN SELECT fk_crash_point('pull_page_tx', new.value); END;
    CREATE TEMP TRIGGER crash_pull_page_update AFTER UPDATE ON main.sync_state WHEN new.name = 'cursor'
      BEGIN SELECT fk_crash_point('pull_page_tx', new.value); END;
  `);
}

main().catch((err: unknown) => {
  process.stderr.write(`outbox-child failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
