/**
 * Runs the bulk crash child (test/support/bulk-child.ts) and kills it with SIGKILL when it
 * prints a given marker for the nth time. Plain Node: no vitest here.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { bundleForNode } from '../../scripts/bundle-node.mjs';
import type { BulkChildSummary } from './bulk-child';

/** Bundles the child with esbuild into `outDir` (inside the repository, so better-sqlite3 resolves). */
export async function buildBulkChild(options: { root: string; outDir: string }): Promise<string> {
  const outfile = path.join(options.outDir, 'bulk-child.mjs');
  await bundleForNode({ entry: path.join(options.root, 'test', 'support', 'bulk-child.ts'), outfile });
  return outfile;
}

export interface BulkChildRun {
  /** Marker lines, in order (`name arg…`, without the `@`). */
  markers: string[];
  /** The planned kill landed (the child ended by SIGKILL). */
  killed: boolean;
  summary: BulkChildSummary | null;
}

export interface BulkChildOptions {
  entry: string;
  dataDir: string;
  portalUrl: string;
  file: string;
  /** SIGKILL as soon as this marker is printed for the nth time. */
  killAt?: { marker: string; nth: number };
  /** Called on every marker (to arm portal faults at a point). */
  onMarker?: (marker: string) => void;
  timeoutMs?: number;
}

export function runBulkChild(options: BulkChildOptions): Promise<BulkChildRun> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [options.entry, '--data-dir', options.dataDir, '--portal', options.portalUrl, '--file', options.file],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const markers: string[] = [];
    const seen = new Map<string, number>();
    let stdout = '';
    let stderr = '';
    let pending = '';
    let killed = false;
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      proc.kill('SIGKILL');
    }, options.timeoutMs ?? 90_000);
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      const lines = (pending + chunk).split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('@')) continue;
        const marker = line.slice(1);
        markers.push(marker);
        options.onMarker?.(marker);
        const name = marker.split(' ')[0]!;
        const count = (seen.get(name) ?? 0) + 1;
        seen.set(name, count);
        if (!killed && options.killAt?.marker === name && options.killAt.nth === count) killed = proc.kill('SIGKILL');
      }
    });
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk: string) => (stderr += chunk));
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      const output = `\n--- stderr:\n${stderr.slice(-4000)}\n--- stdout (end):\n${stdout.slice(-2000)}`;
      if (hung) return reject(new Error(`The bulk child did not finish in time and was killed.${output}`));
      if (killed && signal === 'SIGKILL') return resolve({ markers, killed: true, summary: null });
      if (code !== 0) return reject(new Error(`The bulk child exited with ${code ?? signal}.${output}`));
      try {
        const summary = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as BulkChildSummary;
        if (summary.final !== true) throw new Error('not the summary');
        resolve({ markers, killed: false, summary });
      } catch {
        reject(new Error(`The bulk child's last line is not its JSON summary.${output}`));
      }
    });
  });
}
