/**
 * The messages between the core and its file worker, typed without knowing the features: each
 * feature declares its jobs with `FileJobSpec`, so the reader (read-in-worker.ts) and its callers
 * stay below the registry of jobs (core/file-worker/jobs.ts).
 */

/** The core's database, for a job that writes to it on a connection of its own. */
export interface WorkerDatabase {
  file: string;
  /** The better-sqlite3 binding the core was configured with (Electron's in the packaged app). */
  nativeBinding?: string;
  /** The core connection's page limit, kept on this one too (a per-connection setting). */
  maxPageCount?: number;
}

/**
 * A job of kind K for the worker: what it needs (J) and, as a type only, what it answers (R).
 * The feature that runs a job declares it; core/file-worker/jobs.ts (above the features) runs it.
 */
export type FileJobSpec<K extends string, J, R> = { kind: K } & J & { readonly __result?: R };

/** What a job answers. */
export type FileJobResult<T> = T extends FileJobSpec<string, unknown, infer R> ? R : never;

export type FileJobProgress = { phase: 'reading' | 'pictures' | 'saving'; done: number; total: number };

export type WorkerMessage =
  | { type: 'progress'; progress: FileJobProgress }
  | { type: 'result'; result: unknown }
  /** `saving`: the file was read and writing it failed (a database error, not an unreadable file). */
  | { type: 'error'; error: { code: string; message: string; details?: unknown }; saving?: boolean };
