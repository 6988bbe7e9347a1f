// One esbuild recipe for running the repository's TypeScript in plain Node outside the app build
// (benchmarks, the sandbox portal CLI, the outbox soak and its crash-test child): an ESM bundle
// that leaves native and large CommonJS packages in node_modules and gives the bundle a require()
// for the CommonJS ones it inlines (ws).
import { build } from 'esbuild';

export const NODE_BUNDLE_EXTERNALS = ['better-sqlite3', 'bufferutil', 'utf-8-validate', 'electron', 'exceljs', 'bwip-js'];

/** Bundles `entry` to `outfile` (an .mjs inside the repository, so node_modules resolve). */
export async function bundleForNode({ entry, outfile, external = [], define, sourcemap = false }) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap,
    external: [...NODE_BUNDLE_EXTERNALS, ...external],
    banner: { js: "import { createRequire as __fkCreateRequire } from 'node:module'; const require = __fkCreateRequire(import.meta.url);" },
    define,
    logLevel: 'warning',
  });
  return outfile;
}

/** The file worker's source (core/import/file-worker/read-in-worker.ts starts it from its bundle). */
export const FILE_WORKER_ENTRY = 'core/file-worker/worker-main.ts';

/**
 * Bundles the file worker as `file-worker.mjs` in `outdir`: beside a benchmark's bundle, where
 * the core finds it, or for the tests (test/support/file-worker-setup.ts).
 */
export async function bundleFileWorker(root, outdir) {
  return bundleForNode({ entry: `${root}/${FILE_WORKER_ENTRY}`, outfile: `${outdir}/file-worker.mjs` });
}
