#!/usr/bin/env node
// `npm run bench [-- NAME …]`: runs the benchmarks in bench/ (all, or those named), each in its
// own Node process so one's memory does not colour another's. They print their own figures;
// speed and memory targets are read from this output, never asserted in tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from './bundle-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');
const outDir = path.join(root, 'dist', 'bench');
const available = fs.existsSync(benchDir)
  ? fs
      .readdirSync(benchDir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3))
  : [];
const [requestedNames, benchArgs] = splitArgs(process.argv.slice(2));
const names = requestedNames.length ? requestedNames : available;

function splitArgs(argv) {
  const i = argv.indexOf('--');
  return i < 0 ? [argv, []] : [argv.slice(0, i), argv.slice(i + 1)];
}

const unknown = names.filter((n) => !available.includes(n));
if (unknown.length) {
  console.error(`No benchmark named ${unknown.join(', ')}. Available: ${available.join(', ') || 'none'}.`);
  process.exit(2);
}

let failed = 0;
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
