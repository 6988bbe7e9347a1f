/** The utility process's entry point (bundled to dist/electron/core-host.cjs). */
import type {} from 'electron'; // Declares process.parentPort.
import { runCoreHost } from './core-host';

if (!process.parentPort) {
  console.error('core-host.cjs runs inside the FieldKey app (an Electron utility process), not on its own.');
  process.exit(1);
}
runCoreHost(process.parentPort);
