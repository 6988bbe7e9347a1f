#!/usr/bin/env node
// `npm run portal -- [--port P] [--data-dir D] [--seed demo|N]`: bundles the sandbox portal's
// CLI with esbuild into dist/node/portal.mjs, then runs it in this process (so SIGINT/SIGTERM
// reach it directly). Native and large CommonJS packages stay in node_modules.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleForNode } from './bundle-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const portalEntry = path.join(root, 'dist', 'node', 'portal.mjs');

export async function buildPortal() {
  await bundleForNode({ entry: path.join(root, 'portal-sandbox', 'cli.ts'), outfile: portalEntry, sourcemap: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildPortal();
  await import(pathToFileURL(portalEntry).href);
}
