/**
 * The shell's log: stderr (which tests can silence) and, once the data folder is known,
 * `<data folder>/logs/main.log` through core's logger, the same format as the core's `core.log`.
 */
import { createFileLogger, type LogFields, type Logger } from '../core/log/logger';

let mainLog: Logger | null = null;

/** Opens main.log; a folder that cannot be written leaves stderr alone (the core explains the folder). */
export function startMainLog(dataDir: string, open: typeof createFileLogger = createFileLogger): void {
  if (mainLog) return;
  try {
    mainLog = open({ dataDir, process: 'main' });
  } catch (err) {
    console.error('[FieldKey] The log file could not be opened; logging to stderr only.', err);
  }
}

export function stopMainLog(): void {
  mainLog?.close();
  mainLog = null;
}

/** A failure or a notice worth keeping: stderr, and main.log at error level. */
export function log(message: string, error?: unknown): void {
  if (error === undefined) console.error(`[FieldKey] ${message}`);
  else console.error(`[FieldKey] ${message}`, error);
  mainLog?.error(message, {}, error);
}

/** An ordinary event (start, stop): main.log only. */
export function logInfo(event: string, fields?: LogFields): void {
  mainLog?.info(event, fields);
}
