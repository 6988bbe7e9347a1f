#!/usr/bin/env node
// `npm start`: builds what is stale and launches the Electron app. Where Electron's binary is
// not installed (it cannot be downloaded on every machine), says so in one sentence and runs
// the browser host instead, opening the system browser when there is one.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { findElectronBinary } from './electron-binary.mjs';
import { planStart } from './start-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronBinary = findElectronBinary();
// The command line is checked before building, so a mistyped option costs no build.
const plan = planStart(process.argv.slice(2), { electron: Boolean(electronBinary) });
if (plan.kind === 'help') {
  console.log(plan.text);
  process.exit(0);
}
if (plan.kind === 'error') {
  console.error(plan.message);
  process.exit(2);
}

await build();

if (plan.kind === 'electron') {
  for (const note of plan.notes) console.log(note);
  const nativeBinding = path.join(root, 'build', 'native', 'electron', 'better_sqlite3.node');
  if (!fs.existsSync(nativeBinding)) {
    const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-native-electron.mjs')], { stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  const child = spawn(electronBinary, [root], { stdio: 'inherit', env: { ...process.env, ...plan.env } });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
} else {
  console.log(
    'The Electron binary is not installed on this machine (it could not be downloaded), so FieldKey is starting as a local web app in your browser instead.',
  );
  const child = spawn(process.execPath, [path.join(root, 'dist', 'node', 'serve.mjs'), ...plan.args], {
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    console.log(line);
    if (/^http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(line)) openBrowser(line);
  });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

/** Opens the system browser when the machine has one and a display to show it on. */
function openBrowser(url) {
  if (process.env.FIELDKEY_NO_BROWSER) return;
  const opener =
    process.platform === 'darwin'
      ? { command: 'open', args: [url] }
      : process.platform === 'win32'
        ? { command: 'cmd', args: ['/c', 'start', '""', url] }
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? { command: 'xdg-open', args: [url] }
          : null;
  if (!opener) return;
  const child = spawn(opener.command, opener.args, { stdio: 'ignore', detached: true });
  child.on('error', () => {}); // No opener installed: the URL is printed above.
  child.unref();
}
