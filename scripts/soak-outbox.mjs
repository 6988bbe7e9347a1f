#!/usr/bin/env node
// `npm run soak:outbox [-- --runs N] [--seed S] [--verbose]`: the outbox crash scenario of
// test/unit/sync/outbox-crash.test.ts, 100 times by default: a child process syncing redemptions
// is SIGKILLed at random points and restarted; each run checks that nothing was lost or redeemed
// twice and that the database is intact. Bundles test/support/outbox-crash-run.ts (and the
// child) with esbuild into dist/, prints a line per run (--verbose: each start's kill, faults and
// phase) and a summary: per kill point, kills landed of planned, and where they landed. Exits 1
// on any failure, including a run where no kill landed or a first-kill point that never landed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleForNode } from './bundle-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '100' }, seed: { type: 'string' }, verbose: { type: 'boolean', default: false } },
  strict: true,
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number of runs, at least 1, not "${values.runs}".`);
  process.exit(2);
}
const baseSeed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 32) : Number(values.seed);
if (!Number.isInteger(baseSeed) || baseSeed < 0) {
  console.error(`--seed must be a whole number, not "${values.seed}".`);
  process.exit(2);
}

fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
const outDir = fs.mkdtempSync(path.join(root, 'dist', 'soak-outbox-'));
const runnerFile = path.join(outDir, 'outbox-crash-run.mjs');
await bundleForNode({ entry: path.join(root, 'test', 'support', 'outbox-crash-run.ts'), outfile: runnerFile, external: ['esbuild'] });
const runner = await import(pathToFileURL(runnerFile).href);
const childEntry = await runner.buildOutboxChild({ root, outDir });

console.log(`Outbox soak: ${runs} runs, seed ${baseSeed} (replay with --seed ${baseSeed})`);
const started = Date.now();
const phases = new Map();
const failed = [];
const reports = [];
for (let i = 0; i < runs; i++) {
  const report = await runner.runOutboxCrashScenario({ childEntry, seed: runner.runSeed(baseSeed, i) });
  reports.push(report);
  const kills = report.starts.filter((s) => s.kill).map((s) => (s.landed ? s.phase : s.reached ? 'not landed' : 'not reached'));
  for (const start of report.starts.filter((s) => s.landed)) phases.set(start.phase, (phases.get(start.phase) ?? 0) + 1);
  const ok = report.problems.length === 0;
  if (!ok) failed.push(i + 1);
  console.log(
    `run ${i + 1}/${runs} ${ok ? 'ok' : 'FAILED'} (${(report.durationMs / 1000).toFixed(1)} s, ${report.redemptions} redemptions, kills: ${kills.join(', ')})`,
  );
  if (!ok || values.verbose) console.log(runner.describeRun(report).replace(/^/gm, '    '));
}
fs.rmSync(outDir, { recursive: true, force: true });

const tally = [...phases]
  .sort((a, b) => b[1] - a[1])
  .map(([phase, n]) => `${phase} ${n}`)
  .join(', ');
const points = [...runner.killTally(reports)].map(([point, t]) => `${point} ${t.landed}/${t.planned}`).join(', ');
console.log(`Kills landed/planned per point: ${points}`);
console.log(`Kills landed in: ${tally}`);
const seriesProblems = runner.checkSeries(reports);
for (const problem of seriesProblems) console.log(`SERIES PROBLEM: ${problem}`);
console.log(
  `Outbox soak, seed ${baseSeed}: ${runs - failed.length} passed, ${failed.length} failed${failed.length ? ` (runs ${failed.join(', ')})` : ''} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
process.exit(failed.length || seriesProblems.length ? 1 : 0);
