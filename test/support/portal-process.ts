import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './serve-process';
import { startUrlPrintingProcess, type UrlPrintingProcess } from './url-printing-process';

export interface PortalProcess extends UrlPrintingProcess {
  dataDir: string;
}

/**
 * Starts the sandbox portal as `npm run portal` does (scripts/portal.mjs bundles the CLI, then
 * runs it) and waits for the URL line it prints.
 */
export async function startPortalProcess(options: { dataDir?: string; args?: string[]; timeoutMs?: number } = {}): Promise<PortalProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-portal-'));
  const process = await startUrlPrintingProcess({
    name: 'the portal',
    args: [path.join(repoRoot, 'scripts', 'portal.mjs'), '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])],
    urlLine: /^http:\/\/127\.0\.0\.1:\d+$/,
    cwd: repoRoot,
    timeoutMs: options.timeoutMs,
  });
  return { ...process, dataDir };
}
