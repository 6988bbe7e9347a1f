import type { Logger } from '../log/logger';
import type { RendererError } from './contract';

/** At most this many renderer errors are logged per minute: a render loop must not fill the disk. */
export const RENDERER_ERRORS_PER_MINUTE = 20;

/**
 * Logs the renderer's errors, a fixed number per minute; how many were dropped is said with the
 * next one logged.
 */
export function rendererErrorReporter(log: Logger, now: () => Date): (report: RendererError) => { logged: boolean } {
  let windowStart = 0;
  let inWindow = 0;
  let dropped = 0;
  return (report) => {
    const at = now().getTime();
    if (at - windowStart >= 60_000) {
      windowStart = at;
      inWindow = 0;
    }
    if (inWindow >= RENDERER_ERRORS_PER_MINUTE) {
      dropped++;
      return { logged: false };
    }
    inWindow++;
    log.error('renderer.error', {
      source: report.source,
      message: report.message,
      stack: report.stack,
      componentStack: report.componentStack,
      page: report.page,
      droppedBefore: dropped || undefined,
    });
    dropped = 0;
    return { logged: true };
  };
}
