import fs from 'node:fs';
import path from 'node:path';
import { startSandboxPortal, type SandboxPortal } from './server';

export const EMBEDDED_PORTAL_DIR = 'sandbox-portal';
const PORT_FILE = 'port';

/**
 * Starts the sandbox portal in this process, with its data in `<dataDir>/sandbox-portal` and the
 * demo seed on first run: the portal a first run talks to when none is configured. It reuses
 * the port of the last run when free, so the portal's address (which keys the sync cursor and
 * the token) stays the same from one launch to the next.
 */
export async function startEmbeddedPortal(dataDir: string): Promise<SandboxPortal> {
  const dir = path.join(dataDir, EMBEDDED_PORTAL_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const portFile = path.join(dir, PORT_FILE);
  const lastPort = Number(fs.existsSync(portFile) ? fs.readFileSync(portFile, 'utf8').trim() : NaN);
  let portal: SandboxPortal;
  try {
    portal = await startSandboxPortal({ dataDir: dir, seed: 'demo', port: Number.isInteger(lastPort) && lastPort > 0 ? lastPort : 0 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    portal = await startSandboxPortal({ dataDir: dir, seed: 'demo', port: 0 });
  }
  if (portal.port !== lastPort) fs.writeFileSync(portFile, `${portal.port}\n`);
  return portal;
}
