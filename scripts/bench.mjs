#!/usr/bin/env node
// `npm run bench [-- NAME … --flag …]`: runs the benchmarks in bench/ (all, or those named), each
// in its own Node process so one's memory does not colour another's. They print their own figures;
// speed and memory targets are read from this output, never asserted in tests.
//
// Arguments: a bare word naming a benchmark selects it; every other argument (`--json`,
// `--keys 1000`) is passed to each benchmark run; everything after a `--` is passed as is
// (`npm run bench -- scan -- DIR --frames 50`).
// A file in bench/ that another file there imports (bench/report.ts, bench/barcode-corpus.ts) is a
// helper, not a benchmark; so are files in subfolders.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFileWorker, bundleForNode } from './bundle-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');
const outDir = path.join(root, 'dist', 'bench');

function benchmarks() {
  if (!fs.existsSync(benchDir)) return [];
  const files = fs.readdirSync(benchDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  const imported = new Set();
  for (const file of files) {
    const source = fs.readFileSync(path.join(benchDir, file), 'utf8');
    for (const [, name] of source.matchAll(/from\s+['"]\.\/([\w.-]+?)(?:\.ts)?['"]/g)) imported.add(name);
  }
  return files.map((f) => f.slice(0, -3)).filter((name) => !imported.has(name));
}

function splitArgs(argv, available) {
  const dashes = argv.indexOf('--');
  const before = dashes < 0 ? argv : argv.slice(0, dashes);
  const after = dashes < 0 ? [] : argv.slice(dashes + 1);
  const names = [];
  const passed = [];
  const unknown = [];
  for (let i = 0; i < before.length; i++) {
    const arg = before[i];
    if (arg.startsWith('-')) passed.push(arg);
    else if (available.includes(arg)) names.push(arg);
    // A bare word after a flag is its value (`--keys 1000`), otherwise it names a benchmark.
    else if (i > 0 && before[i - 1].startsWith('-')) passed.push(arg);
    else unknown.push(arg);
  }
  return { names, args: [...passed, ...after], unknown };
}

const available = benchmarks();
const { names: requested, args: benchArgs, unknown } = splitArgs(process.argv.slice(2), available);
if (unknown.length) {
  console.error(`No benchmark named ${unknown.join(', ')}. Available: ${available.join(', ') || 'none'}.`);
  process.exit(2);
}
const names = requested.length ? requested : available;

let failed = 0;
// The imports read files in a worker that the core finds beside its bundle.
await bundleFileWorker(root, outDir);
for (const name of names) {
  const outfile = path.join(outDir, `${name}.mjs`);
  await bundleForNode({
    entry: path.join(benchDir, `${name}.ts`),
    outfile,
    define: { __FIELDKEY_VERSION__: JSON.stringify('bench') },
  });
  console.log(`== bench ${name}`);
  const result = spawnSync(process.execPath, ['--expose-gc', outfile, ...benchArgs], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
