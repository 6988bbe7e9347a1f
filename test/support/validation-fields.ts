import { expect } from 'vitest';
import type { ValidationField } from '../../core/rpc/errors';

/**
 * The fields an error's details name, each checked to have the one shape every refusal uses
 * (core/rpc/errors.ts): field, code and message strings, params (if any) string or number values.
 */
export function fieldsOf(error: { details?: unknown }): ValidationField[] {
  const fields = (error.details as { fields?: unknown } | undefined)?.fields;
  expect(Array.isArray(fields), `details.fields is an array: ${JSON.stringify(error.details)}`).toBe(true);
  for (const entry of fields as unknown[]) {
    expect(entry).toEqual({
      field: expect.any(String),
      code: expect.any(String),
      message: expect.any(String),
      ...((entry as ValidationField).params === undefined ? {} : { params: expect.any(Object) }),
    });
    for (const value of Object.values((entry as ValidationField).params ?? {})) {
      expect(['string', 'number']).toContain(typeof value);
    }
    expect((entry as ValidationField).code).toMatch(/^[a-z][A-Za-z]*\.[A-Za-z_]+$/);
  }
  return fields as ValidationField[];
}
