import type { z } from 'zod';

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
