#!/usr/bin/env node
// `npm test`: type-checks every part, lints (Biome), builds, runs the unit suites (vitest) and the end-to-end
// suites (Playwright in Debian's Chromium), then prints one line `N passed, M failed` summed
// over all of them. Exits non-zero on any failure. `--unit` or `--e2e` runs only that part.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const runUnit = !args.has('--e2e');
const runE2e = !args.has('--unit');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(command, commandArgs, env = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(name, ok) {
  if (ok) totals.passed++;
  else {
    totals.failed++;
    failures.push(name);
  }
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

console.log('== Type-check');
// The root tsconfig.json references every part, each with its own settings.
check('tsc -b', run(bin('tsc'), ['-b', 'tsconfig.json']));

console.log('== Lint and format (Biome)');
// Formatting, the recommended rules and the import boundaries between parts (biome.json).
check('biome check', run(bin('biome'), ['check', '.']));

console.log('== Build');
const built = check('build', run(process.execPath, [path.join(root, 'scripts', 'build.mjs')]));

if (runUnit) {
  console.log('== Unit and integration tests (vitest)');
  const report = path.join(root, '.vitest-results.json');
  fs.rmSync(report, { force: true });
  const ok = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  const json = readJson(report);
  if (json) {
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
    if (json.numFailedTests) failures.push(`vitest: ${json.numFailedTests} failed`);
    if (!ok && json.numFailedTests === 0) check('vitest (a suite failed to load)', false);
  } else check('vitest (no report)', false);
}

if (runE2e) {
  console.log('== End-to-end tests (Playwright, Chromium)');
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    console.error(`Chromium is missing at ${chromium}: install it with "apt-get install -y chromium" (as .ci/run does).`);
    check('e2e (Chromium missing)', false);
  } else if (!built) {
    check('e2e (build failed)', false);
  } else {
    const report = path.join(root, '.playwright-results.json');
    fs.rmSync(report, { force: true });
    const ok = run(bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: report });
    const json = readJson(report);
    if (json?.stats) {
      totals.passed += json.stats.expected + json.stats.flaky;
      totals.failed += json.stats.unexpected;
      totals.skipped += json.stats.skipped;
      if (json.stats.unexpected) failures.push(`playwright: ${json.stats.unexpected} failed`);
      if (!ok && json.stats.unexpected === 0) check('playwright (run error)', false);
    } else check('playwright (no report)', false);
  }
}

if (failures.length) console.log(`Failed: ${failures.join('; ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed ? 1 : 0);
