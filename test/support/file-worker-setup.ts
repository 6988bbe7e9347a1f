/**
 * Vitest global setup: the tests run the TypeScript sources, but the file worker
 * (core/import/file-worker) must be a real JavaScript file. It is bundled once per run into
 * dist/test/ and named in FIELDKEY_FILE_WORKER, which the test processes inherit.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFileWorker } from '../../scripts/bundle-node.mjs';

export default async function setup(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const outdir = path.join(root, 'dist', 'test');
  process.env.FIELDKEY_FILE_WORKER = await bundleFileWorker(root, outdir);
}
