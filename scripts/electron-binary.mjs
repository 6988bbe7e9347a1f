// Finds Electron's binary without require('electron'): that require tries to download the
// binary when it is missing, which hangs or fails on machines without access to its host.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The absolute path of the Electron executable, or null when it is not installed. */
export function findElectronBinary(electronDir = path.join(root, 'node_modules', 'electron')) {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let relative;
  try {
    relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    relative = null;
  }
  const candidate = override ? path.join(override, relative ?? 'electron') : relative ? path.join(electronDir, 'dist', relative) : null;
  return candidate && fs.existsSync(candidate) ? candidate : null;
}
