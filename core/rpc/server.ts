import type { z } from 'zod';
import { newErrorReference, silentLogger, type Logger } from '../log/logger';
import type { MethodContract } from './define';
import { ApiError, internalErrorShape } from './errors';
import type { EventSource } from './events';
import { asWriteFailure } from './write-failure';

/**
 * Validates and dispatches calls to a handler map, for any contract: the kernel knows no feature.
 * Every transport ends here, so validation happens at every edge whatever carried the call.
 */
export class RpcServer {
  constructor(
    private readonly contracts: Readonly<Record<string, MethodContract<z.ZodType, unknown>>>,
    private readonly handlers: Readonly<Record<string, (args: never) => unknown>>,
    private readonly events: EventSource,
    private readonly log: Logger = silentLogger,
  ) {}

  async dispatch(method: unknown, rawArgs: unknown): Promise<unknown> {
    try {
      return await this.run(method, rawArgs);
    } catch (err) {
      if (err instanceof ApiError) {
        // A full or read-only disk is the computer's state, not a bug: logged with its cause, no reference.
        if (err.code === 'DISK_FULL' || err.code === 'DATA_NOT_WRITABLE') {
          this.log.warn('api.write_failed', { method: String(method).slice(0, 100), code: err.code }, err.cause ?? err);
        }
        throw err;
      }
      throw ApiError.fromShape(internalErrorShape(this.reportUnexpected(String(method), err)));
    }
  }

  /**
   * Logs an unexpected failure with the method and stack (never the arguments: they may hold a
   * password or a file) and returns the reference the answer carries.
   */
  reportUnexpected(method: string, err: unknown): string {
    const reference = newErrorReference();
    this.log.error('api.unexpected_error', { method: method.slice(0, 100), reference }, err);
    return reference;
  }

  private async run(method: unknown, rawArgs: unknown): Promise<unknown> {
    if (typeof method !== 'string' || !Object.hasOwn(this.contracts, method)) {
      throw new ApiError('UNKNOWN_METHOD', `Unknown method: ${String(method)}`, { method: String(method) });
    }
    const parsed = this.contracts[method]!.args.safeParse(rawArgs ?? {});
    if (!parsed.success) throw validationError(method, parsed.error);
    const handler = this.handlers[method] as (args: unknown) => unknown;
    try {
      return await handler(parsed.data);
    } catch (err) {
      throw asWriteFailure(err);
    }
  }

  onEvent(listener: (name: string, payload: unknown) => void): () => void {
    return this.events.subscribe(listener);
  }
}

function validationError(method: string, error: z.ZodError): ApiError {
  const fields = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : undefined;
    return {
      field: unknownKeys ? unknownKeys.map((key) => (path ? `${path}.${key}` : key)).join(', ') : path || '(arguments)',
      message: issue.message,
    };
  });
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new ApiError('VALIDATION', `Invalid arguments for ${method}: ${summary}`, { fields });
}
