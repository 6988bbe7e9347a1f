/**
 * The imports running now, by the id their caller gave: each holds an AbortController that
 * `imports.cancel` fires (ending its file worker) and reports progress as `imports.progress`.
 */
import type { HandlersOf } from '../rpc/define';
import type { importsMethods, ImportsEvents, ImportProgress } from './contract';
import { ApiError } from '../rpc/errors';
import type { EventEmitter } from '../rpc/events';
import { say } from '../messages/say';

/** At most about ten progress events a second. */
const PROGRESS_INTERVAL_MS = 100;

export interface RunningImport {
  signal: AbortSignal | undefined;
  /** Emitted at most every 100 ms, except phase changes and `done`, which always are. */
  progress(phase: ImportProgress['phase'], done?: number, total?: number): void;
}

export class RunningImports {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly events: EventEmitter<ImportsEvents>) {}

  /** Runs `work` as the import `importId` (when given); `done` is always emitted at the end. */
  async run<T>(importId: string | undefined, fileName: string, work: (running: RunningImport) => Promise<T>): Promise<T> {
    if (importId === undefined) return work({ signal: undefined, progress: () => {} });
    if (this.running.has(importId)) throw new ApiError('CONFLICT', say('fileImport.alreadyRunning'));
    const controller = new AbortController();
    this.running.set(importId, controller);
    let lastPhase = '';
    let lastAt = -Infinity;
    const progress: RunningImport['progress'] = (phase, done = 0, total = 0) => {
      const at = performance.now();
      if (phase === lastPhase && at - lastAt < PROGRESS_INTERVAL_MS && done !== total) return;
      lastPhase = phase;
      lastAt = at;
      this.events.emit('imports.progress', { importId, fileName, phase, done, total });
    };
    try {
      progress('reading');
      return await work({ signal: controller.signal, progress });
    } finally {
      this.running.delete(importId);
      progress('done');
    }
  }

  handlers(): Pick<HandlersOf<typeof importsMethods>, 'imports.cancel'> {
    return {
      'imports.cancel': ({ importId }) => {
        const controller = this.running.get(importId);
        if (!controller) return { cancelled: false };
        controller.abort();
        return { cancelled: true };
      },
    };
  }
}
