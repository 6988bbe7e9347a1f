import type { z } from 'zod';
import { ApiError } from './errors';
import { asWriteFailure } from './write-failure';
import { isMethodName, methodContracts, type Handlers } from './contract';
import type { EventBus, EventListener } from './events';

/**
 * Validates and dispatches calls to the handler map. Every transport ends here, so validation
 * happens at every edge whatever carried the call.
 */
export class ApiServer {
  constructor(
    private readonly handlers: Handlers,
    private readonly events: EventBus,
  ) {}

  async dispatch(method: unknown, rawArgs: unknown): Promise<unknown> {
    if (typeof method !== 'string' || !isMethodName(method)) {
      throw new ApiError('UNKNOWN_METHOD', `Unknown method: ${String(method)}`, { method: String(method) });
    }
    const parsed = methodContracts[method].args.safeParse(rawArgs ?? {});
    if (!parsed.success) throw validationError(method, parsed.error);
    const handler = this.handlers[method] as (args: unknown) => unknown;
    try {
      return await handler(parsed.data);
    } catch (err) {
      throw asWriteFailure(err);
    }
  }

  onEvent(listener: EventListener): () => void {
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
