/**
 * The file worker's entry (bundled on its own as file-worker.mjs / .cjs by scripts/build.mjs,
 * scripts/bundle-node.mjs and the tests' global setup): reads one file given in workerData, posts
 * progress, rows and the result, then ends. An ApiError crosses as its plain shape; anything else
 * as INTERNAL with its message (the core words it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '../rpc/errors';
import type { WorkerMessage } from '../import/file-worker/protocol';
import { type FileJob, runFileJob, SavingError } from './jobs';

const port = parentPort;
if (port) {
  const post = (message: WorkerMessage) => port.postMessage(message);
  const shape = (err: unknown) =>
    err instanceof ApiError ? err.toShape() : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
  runFileJob(workerData as FileJob, post).catch((err: unknown) => {
    if (err instanceof SavingError) post({ type: 'error', error: shape(err.failure), saving: true });
    else post({ type: 'error', error: shape(err) });
  });
}
