import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { repoRoot } from './serve-process';

export interface PortalProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the sandbox portal as `npm run portal` does (scripts/portal.mjs bundles the CLI, then
 * runs it) and waits for the URL line it prints.
 */
export async function startPortalProcess(options: { dataDir?: string; args?: string[]; timeoutMs?: number } = {}): Promise<PortalProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-portal-'));
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'portal.mjs'), '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the portal printed no URL in time:\n${output}`)), options.timeoutMs ?? 20_000);
    lines.on('line', (line) => {
      output += line + '\n';
      if (/^http:\/\/127\.0\.0\.1:\d+$/.test(line)) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the portal exited with ${code} before printing its URL:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    child,
    output: () => output,
    stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return Promise.resolve(child.exitCode);
      return new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}
