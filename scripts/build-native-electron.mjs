#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into build/native/electron/better_sqlite3.node.
//
// node_modules/better-sqlite3/build keeps the Node build that the tests and the browser host
// load, so this never builds there: it copies the package source to build/native/electron-src
// and runs node-gyp on the copy against Electron's headers. electron/app.ts passes the result
// to better-sqlite3 as `nativeBinding`; electron-builder.yml ships it as resources/native.
//
//   FIELDKEY_ELECTRON_HEADERS_URL  where to download Electron's headers (a mirror)
//   FIELDKEY_ELECTRON_GYP_DIR      where node-gyp keeps them (default build/native/electron-gyp)
//   --verbose                      show node-gyp's output even when the download fails
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const verbose = process.argv.includes('--verbose');
const headersUrl = process.env.FIELDKEY_ELECTRON_HEADERS_URL || 'https://electronjs.org/headers';
const gypDir = path.resolve(process.env.FIELDKEY_ELECTRON_GYP_DIR || path.join(root, 'build', 'native', 'electron-gyp'));
const packageDir = path.join(root, 'node_modules', 'better-sqlite3');
const sourceCopy = path.join(root, 'build', 'native', 'electron-src');
const output = path.join(root, 'build', 'native', 'electron', 'better_sqlite3.node');

function fail(sentence) {
  console.error(sentence);
  process.exit(1);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// Read, not require('electron'): requiring it tries to download the Electron binary.
const electronVersion = readJson(path.join(root, 'node_modules', 'electron', 'package.json'))?.version;
if (!electronVersion) fail('The electron package is not installed in node_modules; run "npm install" first.');
if (!fs.existsSync(path.join(packageDir, 'binding.gyp')))
  fail('The better-sqlite3 package is not installed in node_modules; run "npm install" first.');

function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    (() => {
      try {
        return createRequire(path.join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
      } catch {
        return undefined;
      }
    })(),
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((candidate) => candidate && fs.existsSync(candidate));
}

const nodeGyp = findNodeGyp();
if (!nodeGyp) fail('node-gyp was not found (neither in node_modules nor with npm); install it with "npm install --save-dev node-gyp".');

// npm passes its config to scripts as npm_config_* variables, and node-gyp obeys them: a
// configured nodedir (local Node headers) or target would silently build for Node's ABI.
const env = { ...process.env };
for (const name of Object.keys(env)) {
  if (/^npm_config_(nodedir|target|dist_?url|runtime|arch|devdir|build_from_source)$/i.test(name)) delete env[name];
}

const gypArgs = [
  `--target=${electronVersion}`,
  `--dist-url=${headersUrl}`,
  '--runtime=electron',
  `--arch=${process.arch}`,
  `--devdir=${gypDir}`,
];

// Headers first, on their own, so a network failure is told apart from a compiler error.
const install = spawnSync(process.execPath, [nodeGyp, 'install', ...gypArgs], { env, encoding: 'utf8', timeout: 5 * 60_000 });
if (install.status !== 0) {
  if (verbose) process.stderr.write(`${install.stdout ?? ''}${install.stderr ?? ''}`);
  fail(
    `Could not download the headers for Electron ${electronVersion} from ${headersUrl}, which building better-sqlite3 for Electron needs; ` +
      'check the network connection (or set FIELDKEY_ELECTRON_HEADERS_URL to a mirror) and run this again.',
  );
}

fs.rmSync(sourceCopy, { recursive: true, force: true });
fs.cpSync(packageDir, sourceCopy, {
  recursive: true,
  // The Node build and any nested dependencies stay behind; only the sources are needed.
  filter: (source) => {
    const relative = path.relative(packageDir, source);
    const top = relative.split(path.sep)[0];
    return top !== 'build' && top !== 'node_modules';
  },
});

const rebuild = spawnSync(process.execPath, [nodeGyp, 'rebuild', '--release', ...gypArgs], { cwd: sourceCopy, env, stdio: 'inherit' });
if (rebuild.status !== 0) fail(`Compiling better-sqlite3 for Electron ${electronVersion} failed; the compiler output above says why.`);

const built = path.join(sourceCopy, 'build', 'Release', 'better_sqlite3.node');
if (!fs.existsSync(built)) fail(`node-gyp finished but ${path.relative(root, built)} is missing.`);
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.copyFileSync(built, output);
console.log(`Built better-sqlite3 for Electron ${electronVersion}: ${path.relative(root, output)}`);
