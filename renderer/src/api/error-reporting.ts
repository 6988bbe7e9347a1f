import type { ApiClient } from '../../../core/api/client';
import type { RendererError } from '../../../core/app/contract';
import { pageFromHash } from '../routing/hash-route';

// The contract's bounds: anything longer is cut here rather than refused there.
const MAX_MESSAGE = 2000;
const MAX_STACK = 16_000;

function describe(reason: unknown): { message: string; stack?: string } {
  if (reason instanceof Error) return { message: `${reason.name}: ${reason.message}`, stack: reason.stack };
  try {
    return { message: typeof reason === 'string' ? reason : JSON.stringify(reason) };
  } catch {
    return { message: String(reason) };
  }
}

/** The report for one caught error, cut to the contract's sizes. */
export function rendererErrorReport(
  source: RendererError['source'],
  reason: unknown,
  extra: { componentStack?: string; hash?: string } = {},
): RendererError {
  const { message, stack } = describe(reason);
  const page = extra.hash !== undefined ? (pageFromHash(extra.hash) ?? undefined) : undefined;
  return {
    source,
    message: (message || 'Unknown error').slice(0, MAX_MESSAGE),
    ...(stack ? { stack: stack.slice(0, MAX_STACK) } : {}),
    ...(extra.componentStack ? { componentStack: extra.componentStack.slice(0, MAX_STACK) } : {}),
    ...(page ? { page } : {}),
  };
}

/** Sends a report to the core's log; a failure to report is not worth another report. */
export function reportRendererError(client: ApiClient, report: RendererError): void {
  client.invoke('app.reportError', report).catch(() => undefined);
}

/**
 * Reports the page's uncaught errors and unhandled rejections to the core's log (a packaged app
 * has no console anyone reads). Returns the function that stops it.
 */
export function installErrorReporting(client: ApiClient, target: Window = window): () => void {
  const onError = (event: ErrorEvent) =>
    reportRendererError(client, rendererErrorReport('window.error', event.error ?? event.message, { hash: target.location.hash }));
  const onRejection = (event: PromiseRejectionEvent) =>
    reportRendererError(client, rendererErrorReport('unhandledrejection', event.reason, { hash: target.location.hash }));
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
