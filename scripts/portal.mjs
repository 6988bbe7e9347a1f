#!/usr/bin/env node
// `npm run portal -- [--port P] [--data-dir D] [--seed demo|N]`: bundles the sandbox portal's
// CLI with esbuild into dist/node/portal.mjs, then runs it in this process (so SIGINT/SIGTERM
// reach it directly). Native and large CommonJS packages stay in node_modules.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const portalEntry = path.join(root, 'dist', 'node', 'portal.mjs');

export async function buildPortal() {
  await build({
    entryPoints: [path.join(root, 'portal-sandbox', 'cli.ts')],
    outfile: portalEntry,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: true,
    logLevel: 'warning',
    external: ['better-sqlite3', 'exceljs', 'bwip-js'],
    banner: { js: "import { createRequire as __fkCreateRequire } from 'node:module'; const require = __fkCreateRequire(import.meta.url);" },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildPortal();
  await import(pathToFileURL(portalEntry).href);
}
