import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startUrlPrintingProcess, type UrlPrintingProcess } from './url-printing-process';

// The package is ESM ("type": "module"), where __dirname does not exist.
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ServeProcess extends UrlPrintingProcess {
  origin: string;
  token: string;
  dataDir: string;
}

/**
 * Starts the built browser host (`dist/node/serve.mjs`, as `npm run serve` does) and waits for
 * the URL line it prints. Run `npm run build` first (`npm test` does).
 */
export async function startServe(options: { dataDir?: string; args?: string[]; timeoutMs?: number } = {}): Promise<ServeProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-e2e-'));
  const entry = path.join(repoRoot, 'dist', 'node', 'serve.mjs');
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first.`);
  const process = await startUrlPrintingProcess({
    name: 'serve',
    args: [entry, '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])],
    urlLine: /^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/,
    // The language setting `system` resolves to English whatever this machine's locale (exports stay English).
    env: { LC_ALL: 'en_US.UTF-8' },
    timeoutMs: options.timeoutMs,
  });
  const parsed = new URL(process.url);
  return { ...process, origin: parsed.origin, token: parsed.searchParams.get('token')!, dataDir };
}
