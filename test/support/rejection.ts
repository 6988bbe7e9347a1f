import { expect } from 'vitest';

/** What `promise` was rejected with, checked to be an instance of `type` (a fulfilled promise fails the test). */
export async function rejectionOf<E>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const err = await promise.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  return err as E;
}
