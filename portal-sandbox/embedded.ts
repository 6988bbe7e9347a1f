import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startSandboxPortal, type SandboxPortal } from './server';

export const EMBEDDED_PORTAL_DIR = 'sandbox-portal';
const PORT_FILE = 'port';

export interface EmbeddedPortalOptions {
  /** The fault switches and compaction over HTTP; only tests ask for them. */
  enableFaults?: boolean;
}

export interface EmbeddedPortal extends SandboxPortal {
  /** Made anew at every launch; every /sandbox/ request must carry it. */
  sandboxSecret: string;
  /** Where to find the demo's codes, the secret included: for the host to print. */
  notice: string;
}

/**
 * Starts the sandbox portal in this process, with its data in `<dataDir>/sandbox-portal` and the
 * demo seed on first run: the portal a first run talks to when none is configured. It reuses
 * the port of the last run when free, so the portal's address (which keys the sync cursor and
 * the token) stays the same from one launch to the next. Its /sandbox/ endpoints need a
 * per-launch secret: any local process or page could otherwise read the unredeemed codes.
 */
export async function startEmbeddedPortal(dataDir: string, options: EmbeddedPortalOptions = {}): Promise<EmbeddedPortal> {
  const dir = path.join(dataDir, EMBEDDED_PORTAL_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const portFile = path.join(dir, PORT_FILE);
  const lastPort = Number(fs.existsSync(portFile) ? fs.readFileSync(portFile, 'utf8').trim() : NaN);
  const sandboxSecret = crypto.randomBytes(32).toString('base64url');
  const start = (port: number) =>
    startSandboxPortal({ dataDir: dir, seed: 'demo', port, sandboxSecret, enableFaults: options.enableFaults ?? false });
  let portal: SandboxPortal;
  try {
    portal = await start(Number.isInteger(lastPort) && lastPort > 0 ? lastPort : 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    portal = await start(0);
  }
  if (portal.port !== lastPort) fs.writeFileSync(portFile, `${portal.port}\n`);
  return { ...portal, sandboxSecret, notice: embeddedPortalNotice(portal.url, sandboxSecret) };
}

/** The demo's unredeemed codes and distributor sheet, as links that carry this launch's secret. */
export function embeddedPortalNotice(url: string, sandboxSecret: string): string {
  return [
    "The sandbox portal's unredeemed demo codes, as a list and as a distributor's spreadsheet (links valid until FieldKey stops):",
    `  ${url}/sandbox/auth-codes?status=unredeemed&secret=${sandboxSecret}`,
    `  ${url}/sandbox/distributor-sheet.xlsx?secret=${sandboxSecret}`,
  ].join('\n');
}
