#!/usr/bin/env node
// Builds what the hosts run: the renderer (Vite) into dist/renderer, and the Node entry points
// (browser host, Electron main, preload, core utility process) with esbuild into dist/.
// Skips work when dist/ is newer than every source file, unless --force.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as esbuild } from 'esbuild';
import { FILE_WORKER_ENTRY } from './bundle-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const stampFile = path.join(root, 'dist', '.build-stamp');
const sourceDirs = ['core', 'cli', 'portal-sandbox', 'renderer', 'electron', 'assets', 'scripts'];

function newestSourceMtime() {
  let newest = fs.statSync(path.join(root, 'package.json')).mtimeMs;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of sourceDirs) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  return newest;
}

export function isBuildFresh() {
  return fs.existsSync(stampFile) && fs.statSync(stampFile).mtimeMs >= newestSourceMtime();
}

async function buildNode() {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    define: { __FIELDKEY_VERSION__: JSON.stringify(pkg.version) },
    // Native addons and their optional helpers stay in node_modules.
    external: ['better-sqlite3', 'bufferutil', 'utf-8-validate', 'electron'],
  };
  await esbuild({
    ...common,
    // The file worker (core/file-worker) is a file of its own beside the bundle that starts it.
    entryPoints: { serve: path.join(root, 'cli/serve.ts'), 'file-worker': path.join(root, FILE_WORKER_ENTRY) },
    outdir: path.join(root, 'dist/node'),
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    // ws is CommonJS; give the ESM bundle a require() for it.
    banner: { js: "import { createRequire as __fkCreateRequire } from 'node:module'; const require = __fkCreateRequire(import.meta.url);" },
  });
  const electronEntries = {
    main: path.join(root, 'electron/main.ts'),
    preload: path.join(root, 'electron/preload.ts'),
    'core-host': path.join(root, 'electron/core-host-entry.ts'),
    'file-worker': path.join(root, FILE_WORKER_ENTRY),
  };
  const present = Object.fromEntries(Object.entries(electronEntries).filter(([, file]) => fs.existsSync(file)));
  if (Object.keys(present).length) {
    await esbuild({
      ...common,
      entryPoints: present,
      outdir: path.join(root, 'dist/electron'),
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      target: 'node22',
    });
  }
}

async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
}

/** Builds what is stale (or everything with `force`); returns whether it built. */
export async function build({ force = false, nodeOnly = false } = {}) {
  if (!force && isBuildFresh()) return false;
  const started = Date.now();
  if (!nodeOnly) await buildRenderer();
  await buildNode();
  fs.mkdirSync(path.dirname(stampFile), { recursive: true });
  if (!nodeOnly) fs.writeFileSync(stampFile, new Date().toISOString());
  console.log(`Built FieldKey in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = new Set(process.argv.slice(2));
  const built = await build({ force: args.has('--force'), nodeOnly: args.has('--node-only') });
  if (!built) console.log('Build is up to date.');
}
