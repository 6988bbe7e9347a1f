/**
 * Reads an untrusted file in a worker thread of its own, with a capped heap and a time budget, so
 * no file can exhaust the core's memory or stall its event loop: a file that needs more is ended
 * with the worker and refused with one sentence naming it; the core, the host and the embedded
 * portal keep running and nothing was written. An AbortSignal ends the worker too (CANCELLED).
 *
 * The worker is a bundled file beside the bundle that runs this (file-worker.cjs in dist/electron,
 * file-worker.mjs in dist/node and dist/bench); tests running the TypeScript sources point
 * FIELDKEY_FILE_WORKER at the one their global setup builds (test/support/file-worker-setup.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApiError, type ApiErrorShape } from '../../rpc/errors';
import type { FileJobProgress, FileJobResult, FileJobSpec, WorkerMessage } from './protocol';
import type { Message, MessageParams } from '../../messages/catalogue';
import { say } from '../../messages/say';

type UnreadableWhy = 'tooSlow' | 'outOfMemory' | 'failed' | 'stopped';

/** The worker's heap: ample for a 25 MB export of 1,000,000 rows, far below what a bomb asks for. */
export const FILE_WORKER_HEAP_MB = 512;
const FILE_WORKER_YOUNG_MB = 48;
const FILE_WORKER_STACK_MB = 4;

export interface ReadInWorkerOptions {
  /** Named in the sentence when the file cannot be read. */
  fileName: string;
  /** Beyond this the worker is ended and the file refused. */
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (progress: FileJobProgress) => void;
  /** The worker's heap (default FILE_WORKER_HEAP_MB; tests give less to reach the limit quickly). */
  heapMb?: number;
  /** How this feature words a refusal (default: VALIDATION, details.reason `unreadable`). */
  refuse?: (message: string, said: Message) => ApiError;
}

let workerScript: string | undefined;

/** The bundled worker file (see the module comment); throws INTERNAL when the build lacks it. */
export function fileWorkerScript(): string {
  const fromEnvironment = process.env.FIELDKEY_FILE_WORKER;
  if (fromEnvironment) return fromEnvironment;
  if (workerScript) return workerScript;
  // CommonJS bundles have a require() of their own, the ESM bundles one from their banner: both
  // resolve beside the bundle file. No import.meta, which CommonJS bundles lack.
  if (typeof require === 'function') {
    for (const name of ['./file-worker.cjs', './file-worker.mjs']) {
      try {
        const resolved = require.resolve(name);
        // Packaged, a copy unpacked beside app.asar (when electron-builder is told to) is loaded as a plain file.
        const unpacked = resolved.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
        workerScript = unpacked !== resolved && fs.existsSync(unpacked) ? unpacked : resolved;
        return workerScript;
      } catch {
        // Try the other format.
      }
    }
  }
  throw new ApiError('INTERNAL', say('fileImport.readerMissing'));
}

export function readInWorker<J extends FileJobSpec<string, unknown, unknown>>(
  job: J,
  options: ReadInWorkerOptions,
): Promise<FileJobResult<J>> {
  const refuse = options.refuse ?? ((_message: string, said: Message) => new ApiError('VALIDATION', said, { reason: 'unreadable' }));
  const unreadable = (why: UnreadableWhy, params: MessageParams = {}) => {
    const said = say(`fileImport.unreadable.${why}`, { file: options.fileName, ...params });
    return refuse(said.message, said);
  };
  const heapMb = options.heapMb ?? FILE_WORKER_HEAP_MB;
  return new Promise((resolve, reject) => {
    const cancelled = () => new ApiError('CANCELLED', say('fileImport.cancelled', { file: options.fileName }));
    if (options.signal?.aborted) {
      reject(cancelled());
      return;
    }
    let script: string;
    try {
      script = fileWorkerScript();
    } catch (err) {
      reject(err);
      return;
    }
    const worker = new Worker(script, {
      workerData: job,
      resourceLimits: {
        maxOldGenerationSizeMb: heapMb,
        maxYoungGenerationSizeMb: Math.min(FILE_WORKER_YOUNG_MB, Math.max(1, Math.floor(heapMb / 8))),
        stackSizeMb: FILE_WORKER_STACK_MB,
      },
      // What a library prints in the worker is not the core's output (drained below).
      stdout: true,
    });
    worker.stdout.resume();
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      settle();
    };
    const onAbort = () => finish(() => reject(cancelled()));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(
      () => finish(() => reject(unreadable('tooSlow', { seconds: Math.round(options.timeoutMs / 1000) }))),
      options.timeoutMs,
    );
    worker.on('message', (message: WorkerMessage) => {
      if (settled) return;
      switch (message.type) {
        case 'progress':
          options.onProgress?.(message.progress);
          return;
        case 'result':
          finish(() => resolve(message.result as FileJobResult<J>));
          return;
        case 'error':
          // The readers' own refusals pass as they are; anything else (a stack overflow in a
          // parser, a string too long) means the file is beyond what can be read.
          // A failed save (the file was read) is the database's error, said as such.
          finish(() =>
            reject(
              message.error.code === 'INTERNAL' && !message.saving
                ? unreadable('failed', { detail: message.error.message })
                : message.saving && message.error.code === 'INTERNAL'
                  ? new ApiError(
                      'INTERNAL',
                      say('fileImport.notSaved', { file: options.fileName, detail: message.error.message }),
                      message.error.details,
                    )
                  : ApiError.fromShape(message.error as ApiErrorShape),
            ),
          );
          return;
      }
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const refusal =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? unreadable('outOfMemory', { megabytes: heapMb })
          : unreadable('failed', { detail: err.message });
      finish(() => reject(refusal));
    });
    worker.on('exit', (code) => finish(() => reject(unreadable('stopped', { exitCode: code }))));
  });
}
