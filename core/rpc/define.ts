import { z } from 'zod';
import type { MessageCode, MessageParams } from '../messages/catalogue';
import { say } from '../messages/say';

/**
 * One method of the contract: the zod schema of its arguments (validated at every transport
 * edge) and, as a type only, what it resolves to.
 */
export interface MethodContract<A extends z.ZodType, R> {
  readonly args: A;
  /** Phantom field: carries the result type, never set at run time. */
  readonly __result?: R;
}

/** `method<Result>()(argsSchema)`: declares a method whose arguments are checked by `argsSchema`. */
export function method<R>() {
  return <A extends z.ZodType>(args: A): MethodContract<A, R> => ({ args });
}

/** The largest file one call carries (an imported workbook or picture); features cap theirs at or below it. */
export const MAX_FILE_ARGUMENT_BYTES = 25 * 1024 * 1024;

/**
 * A file's bytes as a method argument: a Uint8Array (a Buffer is one), carried as bytes by every
 * transport (structured clone over IPC, a binary frame over the WebSocket: wire-frame.ts), of at
 * most `maxBytes`.
 */
export function fileBytes(maxBytes: number) {
  // z.custom, not z.instanceof: its type is any Uint8Array (a Buffer included), not only ArrayBuffer-backed ones.
  return z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, refusedAs('fileArgument.notBytes'))
    .refine((bytes) => bytes.byteLength <= maxBytes, refusedAs('fileArgument.tooLarge', { megabytes: megabytes(maxBytes) }));
}

function megabytes(bytes: number): number {
  const mb = bytes / 1024 / 1024;
  return Number.isInteger(mb) ? mb : Number(mb.toFixed(1));
}

/** The handler map a feature implements for its own methods, typed from its contract alone. */
export type HandlersOf<M extends Record<string, MethodContract<z.ZodType, unknown>>> = {
  [K in keyof M]: (args: z.output<M[K]['args']>) => ResultOfContract<M[K]> | Promise<ResultOfContract<M[K]>>;
};

type ResultOfContract<C> = C extends MethodContract<z.ZodType, infer R> ? R : never;

/**
 * A zod refinement's message and params naming its message code: `.refine(ok, refusedAs('x.y'))`
 * or `ctx.addIssue({ code: 'custom', ...refusedAs('x.y', params) })`. The refused field then
 * carries that code (server.ts) instead of the generic `zod.custom`.
 */
export function refusedAs(
  code: MessageCode,
  params?: MessageParams,
): { message: string; params: { messageCode: MessageCode; messageParams?: MessageParams } } {
  const message = say(code, params);
  return { message: message.message, params: params === undefined ? { messageCode: code } : { messageCode: code, messageParams: params } };
}
