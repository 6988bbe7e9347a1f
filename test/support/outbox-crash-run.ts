/**
 * One run of the outbox crash scenario (issue 3, reliability): a child process with the real
 * core (test/support/outbox-child.ts) queues and syncs a plan of redemptions against a fresh
 * sandbox portal in this process, is killed with SIGKILL at a point chosen by a seeded PRNG,
 * possibly killed again on its next start, then started once more and left to finish. Then:
 * every operation done or needing attention, each planned redemption queued exactly once, each
 * planned code redeemed exactly once on the portal and in the app's cache, the database intact.
 *
 * Used by test/unit/sync/outbox-crash.test.ts (a few runs in `npm test`) and by
 * scripts/soak-outbox.mjs (`npm run soak:outbox`, 100 runs). Plain Node: no vitest here.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { bundleForNode } from '../../scripts/bundle-node.mjs';
import { compactAuthCode } from '../../core/domain/auth-code';
import type { FaultSpec } from '../../portal-sandbox/faults';
import { seededRandom } from '../../portal-sandbox/seeded-random';
import type { MarkerName, OutboxChildConfig, OutboxChildSummary, PlannedRedemption, TransactionMarker } from './outbox-child';
import { redemptionsRecorded, startTestPortal, unredeemedCodes, type TestPortal } from './sandbox-portal';

/** Bundles the child with esbuild into `outDir` (inside the repository, so better-sqlite3 resolves). */
export async function buildOutboxChild(options: { root: string; outDir: string }): Promise<string> {
  const outfile = path.join(options.outDir, 'outbox-child.mjs');
  await bundleForNode({ entry: path.join(options.root, 'test', 'support', 'outbox-child.ts'), outfile });
  return outfile;
}

/**
 * Where the kill lands: a time after the start; a delay after the nth marker of a kind; or
 * (`portal_commit`) a delay after the portal committed the nth send, seen by polling its
 * database, usually before the child has read the answer.
 */
export type KillPlan = { after: 'start'; delayMs: number } | { after: MarkerName | 'portal_commit'; nth: number; delayMs: number };

export interface StartReport {
  kill: KillPlan | null;
  faults: FaultSpec[];
  /** When the faults were armed: at the start, or when the first send was reported. */
  faultsAt: 'start' | 'first_send';
  /** Whether the child got to the kill's point: the nth marker of its kind was printed (for
   * `portal_commit`, the nth send was printed; for `start`, always). */
  reached: boolean;
  /** Whether the planned SIGKILL ended the child. The child waits before its exit while a kill
   * is on its way, so a kill whose point was reached always lands. */
  landed: boolean;
  /** Where the kill landed (see `classifyKill`), or `finished` when the child ended first. */
  phase: string;
  durationMs: number;
}

export interface CrashRunReport {
  seed: number;
  config: OutboxChildConfig;
  redemptions: number;
  codes: number;
  starts: StartReport[];
  /** Empty when every check passed. */
  problems: string[];
  durationMs: number;
  /** Kept when a check failed: the app's data directory and the sandbox's. */
  keptDirs: string[];
}

export interface CrashRunOptions {
  childEntry: string;
  seed: number;
  /** Per child start; a child still running then is killed and the run fails with its output. */
  startTimeoutMs?: number;
  /** For the harness's own test: the child prints this marker under another name (see
   * `OutboxChildConfig.misnamedMarker`), so kills planned at it cannot land. */
  misnamedMarker?: MarkerName;
}

/** Seeds of the runs of a series, from its base seed (printed, so a failure can be replayed). */
export function runSeed(baseSeed: number, index: number): number {
  return (Math.imul(baseSeed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

const TRANSACTIONS: readonly TransactionMarker[] = ['enqueue_tx', 'answer_tx', 'pull_page_tx'];

/** Kill points, drawn uniformly (so 'start' and 'portal_commit' twice as often). */
const KILL_POINTS: readonly KillPlan['after'][] = [
  'start',
  'start',
  'enqueue_tx',
  'pending',
  'in_flight',
  'portal_commit',
  'portal_commit',
  'in_doubt',
  'answer_tx',
  'done',
  'pull',
  'pull_page_tx',
];

/** The kill points of a run's starts, first to last: the first draws of the run's PRNG. */
function drawKillPoints(random: () => number): KillPlan['after'][] {
  return Array.from(
    { length: 1 + (random() < 0.5 ? 1 : 0) + (random() < 0.2 ? 1 : 0) },
    () => KILL_POINTS[Math.floor(random() * KILL_POINTS.length)]!,
  );
}

/** The kill points a seed plans, known before the run (for a series check or to pick a seed). */
export function plannedKillPoints(seed: number): KillPlan['after'][] {
  return drawKillPoints(seededRandom(seed));
}

export async function runOutboxCrashScenario(options: CrashRunOptions): Promise<CrashRunReport> {
  const started = Date.now();
  const random = seededRandom(options.seed);
  const int = (below: number) => Math.floor(random() * below);
  const killPoints = drawKillPoints(random);
  const config: OutboxChildConfig = {
    mode: random() < 0.5 ? 'submit' : 'enqueue',
    // A transaction a kill aims at is widened; the others sometimes.
    txPauseMs: Object.fromEntries(TRANSACTIONS.filter((tx) => killPoints.includes(tx) || random() < 0.3).map((tx) => [tx, 10 + int(30)])),
    pageSize: 20 + int(60),
    // Sometimes shorter than a slow answer: a time-out, then a replay the portal may still be working on (409).
    portalTimeoutMs: random() < 0.3 ? 250 : 3000,
    retryMs: 40,
    deadlineMs: 15_000,
    ...(options.misnamedMarker ? { misnamedMarker: options.misnamedMarker } : {}),
  };
  const kills = killPoints.map((after): KillPlan => {
    if (after === 'start') return { after, delayMs: int(1500) };
    const pause = config.txPauseMs[after as TransactionMarker];
    const window = pause ? Math.floor(pause * 0.9) : after === 'in_flight' ? 150 : after === 'portal_commit' ? 3 : 40;
    // Each cut answer makes one in-doubt operation, so aim at the first.
    const nth = after === 'in_doubt' ? 1 : 1 + int(after === 'pending' || after === 'enqueue_tx' ? 6 : 3);
    return { after, nth, delayMs: int(window) };
  });

  const portal = await startTestPortal();
  const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-outbox-crash-'));
  const report: CrashRunReport = {
    seed: options.seed,
    config,
    redemptions: 0,
    codes: 0,
    starts: [],
    problems: [],
    durationMs: 0,
    keptDirs: [],
  };
  try {
    const codes = shuffle(
      (await unredeemedCodes(portal)).map((c) => c.code),
      random,
    ).slice(0, 16 + int(25));
    const plan = planRedemptions(codes, random);
    // A fresh child queues every planned redemption: at most that many enqueue_tx and pending
    // markers are sure to come (the other kinds aim at most at the 3rd, and there are at least 4
    // redemptions and 3 pull pages).
    for (const kill of kills) if (kill.after === 'enqueue_tx' || kill.after === 'pending') kill.nth = Math.min(kill.nth, plan.length);
    report.redemptions = plan.length;
    report.codes = codes.length;
    const planFile = path.join(appDir, 'crash-plan.json');
    fs.writeFileSync(planFile, JSON.stringify(plan));
    const child = {
      entry: options.childEntry,
      args: ['--data-dir', appDir, '--portal', portal.url, '--plan', planFile, '--config', JSON.stringify(config)],
    };
    const operations = new Map<number, { status: string; codes: string[] }>();

    let final: OutboxChildSummary | null = null;
    for (const kill of [...kills, null]) {
      const faults: FaultSpec[] = [];
      portal.faults.clear();
      if (kill) {
        if (random() < 0.6) faults.push({ kind: 'slow', delayMs: 40 + int(360), count: 1 + int(6) });
        // An answer lost after the portal committed; first in line when an in_doubt kill needs it,
        // then for every request until the kill (a pull's requests may come first), so that an
        // operation surely goes in doubt once one is sent.
        const cut: FaultSpec = { kind: 'cut_after_commit', count: kill.after === 'in_doubt' ? 1000 : 1 + int(2) };
        if (kill.after === 'in_doubt') faults.unshift(cut);
        else if (random() < 0.4) faults.splice(int(faults.length + 1), 0, cut);
      }
      // At the start the faults may also hit the sign-in and the pull; at the first send, mostly redemptions.
      const armAtFirstSend = kill?.after === 'in_doubt' || random() < 0.5;
      const startedAt = Date.now();
      const outcome = await startChild(
        child,
        portal,
        kill,
        options.startTimeoutMs ?? 20_000,
        () => {
          for (const fault of faults) portal.faults.arm(fault);
        },
        armAtFirstSend,
      );
      // What a restart does first: an operation left in flight becomes in doubt.
      for (const op of operations.values()) if (op.status === 'in_flight') op.status = 'in_doubt';
      const phase = outcome.killed ? classifyKill(outcome.markers, operations, outcome.recordedAtKill!) : 'finished';
      trackOperations(outcome.markers, operations);
      report.starts.push({
        kill,
        faults,
        faultsAt: armAtFirstSend ? 'first_send' : 'start',
        reached: outcome.reached,
        landed: outcome.killed,
        phase,
        durationMs: Date.now() - startedAt,
      });
      if (!kill || !outcome.killed) final = outcome.summary;
      if (!kill) break;
    }
    if (!final) throw new Error('The last start printed no summary.');
    report.problems = checkOutcome(path.join(appDir, 'fieldkey.db'), portal, plan, final);
    // Without this, broken markers would make every run a quiet run without a crash.
    if (!report.starts.some((s) => s.landed))
      report.problems.push(
        `None of the ${kills.length} planned kills landed (${kills.map(describeKill).join('; ')}): the child never printed the marker a kill waits for.`,
      );
  } catch (err) {
    report.problems.push(err instanceof Error ? err.message : String(err));
  } finally {
    await portal.close();
    report.durationMs = Date.now() - started;
    if (report.problems.length) report.keptDirs = [appDir, portal.dataDir];
    else for (const dir of [appDir, portal.dataDir]) fs.rmSync(dir, { recursive: true, force: true });
  }
  return report;
}

/** A one-paragraph account of a run, for a failure message or the soak's log. */
export function describeRun(report: CrashRunReport): string {
  const starts = report.starts.map((s, i) => {
    const kill = s.kill
      ? `kill ${describeKill(s.kill)}${s.landed ? '' : s.reached ? ' (reached, not landed)' : ' (not reached)'}`
      : 'no kill';
    const faults = s.faults.length
      ? `, faults ${s.faults.map((f) => `${f.kind}×${f.count ?? 1}${f.kind === 'slow' ? ` ${f.delayMs} ms` : ''}`).join(' then ')} at ${s.faultsAt}`
      : '';
    return `start ${i + 1}: ${kill}${faults} → ${s.phase} (${s.durationMs} ms)`;
  });
  return [
    `seed ${report.seed}: ${report.redemptions} redemptions of ${report.codes} codes, ${JSON.stringify(report.config)}`,
    ...starts,
    ...report.problems.map((p) => `PROBLEM: ${p}`),
    ...(report.keptDirs.length ? [`kept: ${report.keptDirs.join(' ')}`] : []),
  ].join('\n');
}

function describeKill(kill: KillPlan): string {
  return kill.after === 'start' ? `${kill.delayMs} ms after start` : `${kill.delayMs} ms after ${kill.after} #${kill.nth}`;
}

/** Planned, reached and landed kills per kill point over a series of runs. */
export function killTally(reports: CrashRunReport[]): Map<KillPlan['after'], { planned: number; reached: number; landed: number }> {
  const tally = new Map<KillPlan['after'], { planned: number; reached: number; landed: number }>();
  for (const start of reports.flatMap((r) => r.starts)) {
    if (!start.kill) continue;
    const entry = tally.get(start.kill.after) ?? { planned: 0, reached: 0, landed: 0 };
    entry.planned += 1;
    if (start.reached) entry.reached += 1;
    if (start.landed) entry.landed += 1;
    tally.set(start.kill.after, entry);
  }
  return tally;
}

/**
 * The check over a series of runs: every kill point that is the first kill of some run must
 * have landed at least once. Which points these are follows from the seeds alone, and each is
 * sure to land when the markers work: a first kill meets a fresh child, which goes through
 * every point of its plan (nth is kept within what the plan makes; see runOutboxCrashScenario),
 * and the child does not exit while a kill is on its way. Later kills meet a restarted child
 * that may be past their point (everything queued already), so they are counted, not required.
 */
export function checkSeries(reports: CrashRunReport[]): string[] {
  const firstPoints = new Set(reports.map((r) => r.starts[0]?.kill?.after).filter((p) => p !== undefined));
  const landed = new Set(reports.flatMap((r) => r.starts.filter((s) => s.landed).map((s) => s.kill!.after)));
  return [...firstPoints]
    .filter((point) => !landed.has(point))
    .map((point) => `No kill planned at ${point} landed in ${reports.length} runs (seeds ${reports.map((r) => r.seed).join(', ')}).`);
}

interface Marker {
  name: MarkerName;
  args: string[];
}

interface StartOutcome {
  reached: boolean;
  killed: boolean;
  markers: Marker[];
  recordedAtKill: Map<string, number> | null;
  summary: OutboxChildSummary | null;
}

/**
 * Runs the child once. With a kill plan, SIGKILLs it at that point (if it gets there) and takes
 * the portal's redemptions at that very moment (the portal runs in this process, so it cannot
 * move on in between). Faults are armed at the start or when the first send is reported.
 */
function startChild(
  child: { entry: string; args: string[] },
  portal: TestPortal,
  kill: KillPlan | null,
  timeoutMs: number,
  armFaults: () => void,
  armAtFirstSend: boolean,
): Promise<StartOutcome> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child.entry, ...child.args], { stdio: ['pipe', 'pipe', 'pipe'] });
    // Written to when the child is waiting to exit; it may be dead by then.
    proc.stdin.on('error', () => undefined);
    const markers: Marker[] = [];
    const seen = new Map<string, number>();
    let stdout = '';
    let stderr = '';
    let pendingLine = '';
    let killed = false;
    /** The kill's point was reached: a kill is on its way (or has landed). */
    let reached = false;
    let hung = false;
    let recordedAtKill: Map<string, number> | null = null;
    let faultsArmed = false;
    const arm = () => {
      if (faultsArmed) return;
      faultsArmed = true;
      armFaults();
    };
    if (!armAtFirstSend) arm();
    const doKill = () => {
      if (killed || proc.exitCode !== null || proc.signalCode !== null) return;
      killed = proc.kill('SIGKILL');
      if (killed) recordedAtKill = redemptionsRecorded(portal.dataFile);
    };
    const timers: NodeJS.Timeout[] = [];
    let killScheduled = false;
    const killAfter = (delayMs: number) => {
      killScheduled = true;
      if (delayMs === 0) doKill();
      else timers.push(setTimeout(doKill, delayMs));
    };
    /** Polls the portal's database between its own I/O until it has redeemed `codes`. */
    const killAfterCommit = (codes: string[], delayMs: number) => {
      const db = new Database(portal.dataFile, { readonly: true, fileMustExist: true });
      const count = db.prepare(`SELECT count(*) FROM feature_keys WHERE auth_code IN (${codes.map(() => '?').join(', ')})`).pluck();
      const poll = () => {
        if (killed || proc.exitCode !== null || proc.signalCode !== null) return db.close();
        if (count.get(...codes) !== codes.length) return void setImmediate(poll);
        db.close();
        killAfter(delayMs);
      };
      poll();
    };
    if (kill?.after === 'start') {
      reached = true;
      killAfter(kill.delayMs);
    }
    timers.push(
      setTimeout(() => {
        hung = true;
        proc.kill('SIGKILL');
      }, timeoutMs),
    );
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      const lines = (pendingLine + chunk).split('\n');
      pendingLine = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('@')) continue;
        const [name, ...args] = line.slice(1).split(' ') as [MarkerName, ...string[]];
        markers.push({ name, args });
        if (name === 'in_flight') arm();
        const count = (seen.get(name) ?? 0) + 1;
        seen.set(name, count);
        if (kill?.after === name && kill.nth === count) {
          reached = true;
          killAfter(kill.delayMs);
        }
        if (kill?.after === 'portal_commit' && name === 'in_flight' && kill.nth === count) {
          reached = true;
          killAfterCommit(args[2]!.split(','), kill.delayMs);
        }
        // Everything answered: the child waits. Let it exit, unless a kill is on its way: then it
        // lands here (at once if it still waits for a commit the portal will not make now).
        if (name === 'settled') {
          if (!reached) proc.stdin.end('exit\n');
          else if (!killScheduled) doKill();
        }
      }
    });
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk: string) => (stderr += chunk));
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      for (const timer of timers) clearTimeout(timer);
      const output = `\n--- stderr:\n${stderr.slice(-4000)}\n--- stdout (end):\n${stdout.slice(-2000)}`;
      if (hung) return reject(new Error(`The child did not finish within ${timeoutMs} ms and was killed.${output}`));
      if (killed && signal === 'SIGKILL') return resolve({ reached, killed: true, markers, recordedAtKill, summary: null });
      if (code !== 0) return reject(new Error(`The child exited with ${code ?? signal}.${output}`));
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        const summary = JSON.parse(last) as OutboxChildSummary;
        if (summary.final !== true) throw new Error('not the summary');
        resolve({ reached, killed: false, markers, recordedAtKill: null, summary });
      } catch {
        reject(new Error(`The child's last line is not its JSON summary.${output}`));
      }
    });
  });
}

const OUTBOX_STATUSES = new Set(['pending', 'in_flight', 'in_doubt', 'done', 'needs_attention', 'dismissed']);

/** Follows the operations' statuses through the markers of one start. */
function trackOperations(markers: Marker[], operations: Map<number, { status: string; codes: string[] }>): void {
  for (const { name, args } of markers) {
    if (OUTBOX_STATUSES.has(name)) operations.set(Number(args[0]), { status: name, codes: (args[2] ?? '').split(',') });
  }
}

/**
 * Where a kill landed: inside one of the marked transactions (enqueue_tx, answer_tx,
 * pull_page_tx); starting up (boot: recovery, sign-in); with a send under way, before or after the portal committed it; with an
 * answer lost (in doubt), before or after the portal committed; with operations queued and not
 * sent yet; pulling; with nothing open while queueing
 * (between_operations); or with everything queued and answered (settled).
 */
export function classifyKill(
  markers: Marker[],
  before: ReadonlyMap<number, { status: string; codes: string[] }>,
  recordedAtKill: Map<string, number>,
): string {
  const operations = new Map(before);
  trackOperations(markers, operations);
  const last = markers.at(-1);
  if (last?.name.endsWith('_tx')) return last.name;
  if (!last || last.name === 'boot' || last.name === 'login') return 'boot';
  const committed = (ops: { codes: string[] }[]) => ops.every((op) => op.codes.every((code) => recordedAtKill.get(code) === 1));
  const withStatus = (status: string) => [...operations.values()].filter((op) => op.status === status);
  const inFlight = withStatus('in_flight');
  if (inFlight.length) return committed(inFlight) ? 'in_flight_portal_committed' : 'in_flight_portal_not_committed';
  const inDoubt = withStatus('in_doubt');
  if (inDoubt.length) return committed(inDoubt) ? 'in_doubt_portal_committed' : 'in_doubt_portal_not_committed';
  if (withStatus('pending').length) return 'queued_not_sent';
  if (last.name === 'pull') return 'pull';
  return markers.some((m) => m.name === 'queued_all') ? 'settled' : 'between_operations';
}

/** The checks of the issue: nothing lost, nothing twice, everything answered, database intact. */
export function checkOutcome(appDbFile: string, portal: TestPortal, plan: PlannedRedemption[], final: OutboxChildSummary): string[] {
  const problems: string[] = [];
  if (final.counts.pending !== 0 || final.counts.inDoubt !== 0) problems.push(`The child ended with ${JSON.stringify(final.counts)}.`);
  const recorded = redemptionsRecorded(portal.dataFile);
  const planned = new Set(plan.flatMap((r) => r.authCodes));
  for (const code of planned) {
    const n = recorded.get(code) ?? 0;
    if (n !== 1) problems.push(`The portal redeemed ${code} ${n} times (want exactly 1).`);
  }
  for (const [code, n] of recorded) if (!planned.has(code)) problems.push(`The portal redeemed ${code} (${n}×), which was not planned.`);

  const db = new Database(appDbFile, { fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`PRAGMA integrity_check: ${String(integrity)}`);
    const rows = db.prepare('SELECT id, status, payload, result FROM outbox ORDER BY id').all() as {
      id: number;
      status: string;
      payload: string;
      result: string | null;
    }[];
    const idsByRequest = new Map<string, number[]>();
    const requestKey = (mac: string, codes: string[]) => `${mac} ${codes.join(',')}`;
    for (const row of rows) {
      if (row.status !== 'done' && row.status !== 'needs_attention') problems.push(`Operation ${row.id} ended ${row.status}.`);
      const payload = JSON.parse(row.payload) as { mac: string; authCodes: string[] };
      const key = requestKey(payload.mac, payload.authCodes);
      idsByRequest.set(key, [...(idsByRequest.get(key) ?? []), row.id]);
      for (const result of (row.result ? JSON.parse(row.result) : []) as { authCode: string; status: string }[]) {
        if (result.status !== 'redeemed')
          problems.push(`Operation ${row.id}: the portal answered ${result.status} for ${result.authCode}.`);
      }
    }
    const plannedKeys = new Set(plan.map((r) => requestKey(r.mac, r.authCodes)));
    plan.forEach((r, index) => {
      const ids = idsByRequest.get(requestKey(r.mac, r.authCodes)) ?? [];
      if (ids.length !== 1)
        problems.push(
          `Planned redemption ${index} (${r.authCodes.join(', ')}) is in the outbox ${ids.length} times${ids.length ? ` (operations ${ids.join(', ')})` : ''}.`,
        );
    });
    for (const [key, ids] of idsByRequest)
      if (!plannedKeys.has(key)) problems.push(`Operations ${ids.join(', ')} (${key}) were not planned.`);

    const keyOf = db.prepare<[string], { mac: string }>('SELECT mac FROM feature_keys WHERE auth_code = ?');
    for (const r of plan) {
      for (const code of r.authCodes) {
        const key = keyOf.get(compactAuthCode(code));
        if (!key) problems.push(`${code} has no feature key in the app's cache.`);
        else if (key.mac !== r.mac) problems.push(`${code}'s feature key is on ${key.mac}, not ${r.mac}.`);
      }
    }
    const reserved = db
      .prepare(
        `SELECT c.auth_code, o.id, o.status FROM outbox_codes c JOIN outbox o ON o.id = c.outbox_id WHERE o.status <> 'needs_attention'`,
      )
      .all() as { auth_code: string; id: number; status: string }[];
    for (const r of reserved) problems.push(`${r.auth_code} is still reserved by operation ${r.id} (${r.status}).`);
  } finally {
    db.close();
  }
  return problems;
}

/** Groups the codes into redemptions of 1 to 4 codes on a handful of systems. */
function planRedemptions(codes: string[], random: () => number): PlannedRedemption[] {
  const plan: PlannedRedemption[] = [];
  for (let i = 0; i < codes.length; ) {
    const size = 1 + Math.floor(random() * 4);
    const system = Math.floor(random() * 6);
    plan.push({
      mac: `000ADDC5E0${system.toString(16).padStart(2, '0').toUpperCase()}`,
      systemName: `Crash test ${system}`,
      authCodes: codes.slice(i, i + size),
    });
    i += size;
  }
  return plan;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
