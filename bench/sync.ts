/**
 * Sync benchmark: `npm run bench -- sync [--keys N] [--json]`.
 * Starts the sandbox portal seeded with N redeemed keys (default 1,000,000) in its own process,
 * so the figures are the app's alone; pulls everything into a fresh app database and prints the
 * time and the app process's peak RSS; then makes 1,000 changes on the portal and prints the
 * time of the incremental pull. Targets: first sync ≤ 20 s and ≤ 400 MB; incremental ≤ 300 ms.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createCore } from '../core/core';
import { MemorySettingsStore } from '../core/settings/store';
import { MemorySecretStore } from '../core/secrets/secret-store';
import { startSandboxPortal } from '../portal-sandbox/server';
import { figure } from './report';

const SANDBOX_FLAG = '--sandbox-process';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function sandboxProcess(): Promise<void> {
  const dataDir = process.argv[process.argv.indexOf(SANDBOX_FLAG) + 1]!;
  const keys = option('--keys', 1_000_000);
  const portal = await startSandboxPortal({ port: 0, dataDir, seed: keys });
  process.stdout.write(`${JSON.stringify({ url: portal.url, seeded: portal.seeded })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void portal.close().then(() => process.exit(0)));
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function main(): Promise<void> {
  const keys = option('--keys', 1_000_000);
  const pageSize = option('--page-size', 5000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-bench-sync-'));
  const sandboxDir = path.join(root, 'sandbox');
  const appDir = path.join(root, 'app');
  fs.mkdirSync(sandboxDir);

  console.log(`Seeding the sandbox portal with ${keys.toLocaleString('en')} keys (its own process)…`);
  const child = spawn(process.execPath, [process.argv[1]!, SANDBOX_FLAG, sandboxDir, '--keys', String(keys)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`The sandbox exited (${code}) before it was ready.`)));
  });
  const { url, seeded } = JSON.parse(firstLine) as { url: string; seeded: { ms: number } | null };
  console.log(`Sandbox ready at ${url}${seeded ? ` (seeded in ${(seeded.ms / 1000).toFixed(1)} s)` : ''}.`);

  const core = createCore({
    version: 'bench',
    dataDir: appDir,
    host: 'browser',
    settingsStore: new MemorySettingsStore(),
    portalUrlOverride: url,
    secretStore: new MemorySecretStore(),
    syncPageSize: pageSize,
  });
  try {
    // biome-ignore lint/suspicious/noExplicitAny: the bench reads a few fields of each answer loosely
    const invoke = (method: string, args: unknown = {}) => core.server.dispatch(method, args) as Promise<any>;
    await invoke('app.checkOnline');
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    await invoke('session.login', { username: 'demo', password: 'demo' });
    const first = await invoke('sync.now');
    const seconds = (performance.now() - started) / 1000;
    if (!first.ok) throw new Error(`First sync failed: ${JSON.stringify(first.state.lastError)}`);
    const peakRss = process.resourceUsage().maxRSS * 1024;
    const status = await invoke('sync.status');
    console.log(
      `first sync: ${first.applied.toLocaleString('en')} changes (${status.cached.featureKeys.toLocaleString('en')} keys, ` +
        `${status.cached.systems.toLocaleString('en')} systems); ${mb(rssBefore)} RSS before the sync`,
    );
    figure(`first_sync_${keys === 1_000_000 ? '1m' : keys}_s`, seconds, 's', '≤ 20 s');
    figure('first_sync_peak_rss_mb', peakRss / 1024 / 1024, 'MB', '≤ 400 MB');

    // 1,000 changes on the portal: renames of existing systems, through the API.
    const token = (await (
      await fetch(`${url}/api/v1/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'demo', password: 'demo' }),
      })
    ).json()) as { token: string };
    for (let i = 0; i < 1000; i++) {
      const mac = `000ADD${i.toString(16).toUpperCase().padStart(6, '0')}`;
      const res = await fetch(`${url}/api/v1/systems`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token.token}`,
          'Idempotency-Key': `bench-rename-${i}-${Date.now()}`,
        },
        body: JSON.stringify({ mac, systemName: `Renamed ${i}` }),
      });
      if (res.status >= 300) throw new Error(`Rename failed: ${res.status} ${await res.text()}`);
    }
    const incStarted = performance.now();
    const incremental = await invoke('sync.now');
    const ms = performance.now() - incStarted;
    if (!incremental.ok) throw new Error(`Incremental sync failed: ${JSON.stringify(incremental.state.lastError)}`);
    console.log(`incremental sync: ${incremental.applied.toLocaleString('en')} changes`);
    figure('incremental_sync_1k_ms', ms, 'ms', '≤ 300 ms');
  } finally {
    core.close();
    child.stdin!.end();
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv.includes(SANDBOX_FLAG)) {
  void sandboxProcess();
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
