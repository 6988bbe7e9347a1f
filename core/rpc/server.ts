import type { z } from 'zod';
import { newErrorReference, silentLogger, type Logger } from '../log/logger';
import type { MethodContract } from './define';
import type { Message } from '../messages/catalogue';
import { isMessageCode, say } from '../messages/say';
import { ApiError, fieldError, internalErrorShape, invalidArgumentsError, type MessageParams, type ValidationField } from './errors';
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
      throw new ApiError('UNKNOWN_METHOD', say('error.unknownMethod', { method: String(method).slice(0, 100) }), {
        method: String(method),
      });
    }
    const parsed = this.contracts[method]!.args.safeParse(rawArgs ?? {});
    if (!parsed.success) throw invalidArguments(method, parsed.error);
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

/**
 * VALIDATION naming each field zod refused: its path, `zod.<issue code>` and the limits the issue
 * carries (an unknown argument is named on its own path, one field per key). A custom issue that
 * names its own message code (`refusedAs`) is said with it.
 */
function invalidArguments(method: string, error: z.ZodError): ApiError {
  const fields = error.issues.flatMap((issue): ValidationField[] => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        fieldError(path ? `${path}.${key}` : key, say('zod.unrecognized_keys', { key, keys: issue.keys.join(', ') })),
      );
    }
    return [fieldError(path || '(arguments)', issueMessage(issue))];
  });
  return invalidArgumentsError(method, fields);
}

/** A zod issue as a Message: its own code when it names one (`refusedAs`), else `zod.<issue code>` with its limits. */
function issueMessage(issue: z.core.$ZodIssue): Message {
  if (issue.code === 'custom') {
    const named = issue.params as { messageCode?: unknown; messageParams?: MessageParams } | undefined;
    if (typeof named?.messageCode === 'string' && isMessageCode(named.messageCode)) return say(named.messageCode, named.messageParams);
    // A refinement naming no code: its English stays for logs and API users, the code says it in any language.
    return { code: 'zod.custom', message: issue.message };
  }
  return say(`zod.${issue.code}`, issueParams(issue));
}

/** The values a zod issue names: the limit broken, the type or options expected (`context` and `count` pick the sentence). */
function issueParams(issue: z.core.$ZodIssue): MessageParams | undefined {
  const value = (v: unknown): string | number => (typeof v === 'number' ? v : String(v));
  const counted = (origin: string, limit: unknown): MessageParams =>
    (origin === 'string' || origin === 'array' || origin === 'set') && typeof limit === 'number'
      ? { context: origin === 'string' ? 'string' : 'array', count: limit }
      : {};
  switch (issue.code) {
    case 'invalid_type':
      return { expected: issue.expected };
    case 'too_small':
      return {
        origin: issue.origin,
        minimum: value(issue.minimum),
        inclusive: String(issue.inclusive ?? true),
        ...(issue.inclusive === false ? { context: 'exclusive' } : counted(issue.origin, issue.minimum)),
      };
    case 'too_big':
      return {
        origin: issue.origin,
        maximum: value(issue.maximum),
        inclusive: String(issue.inclusive ?? true),
        ...(issue.inclusive === false ? { context: 'exclusive' } : counted(issue.origin, issue.maximum)),
      };
    case 'invalid_format':
      return issue.format === 'regex' ? { format: issue.format, context: 'regex' } : { format: issue.format };
    case 'not_multiple_of':
      return { divisor: value(issue.divisor) };
    case 'invalid_value':
      return { values: issue.values.map(String).join(', ') };
    default:
      return undefined;
  }
}
