import type { ApiErrorCode, ValidationField } from '../../../core/rpc/errors';
import type { CoreMessage } from '../i18n/messages';

/** Says a core message in the user's language: `useSay()` in a component, `sayMessage` outside. */
export type SayMessage = (message: CoreMessage) => string;

/** Any ApiError (whatever its code type) or none. */
type MaybeError = { code: ApiErrorCode; details?: unknown } | null | undefined;

function isValidationField(value: unknown): value is ValidationField {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ValidationField).field === 'string' &&
    typeof (value as ValidationField).message === 'string'
  );
}

/**
 * The fields a VALIDATION error names (`details.fields`: field, code, message, params), in the
 * core's order. Empty for any other error, or a VALIDATION refusing an input whole (a file).
 * The one reader of the core's validation details: forms use `fieldErrorsOf`.
 */
export function validationFieldsOf(error: MaybeError): ValidationField[] {
  if (error?.code !== 'VALIDATION') return [];
  const fields = (error.details as { fields?: unknown } | undefined)?.fields;
  return Array.isArray(fields) ? fields.filter(isValidationField) : [];
}

/**
 * The per-field messages of a VALIDATION error, keyed by field name with `prefix` removed
 * (`patch.portalUrl` → `portalUrl`, `form.mac` → `mac`), the first message per field, in the
 * user's language: each field's `code` and `params` said by `say` (a field whose code this
 * renderer does not know keeps the core's English, as a sentence). Empty for any other error.
 */
export function fieldErrorsOf(error: MaybeError, say: SayMessage, prefix = ''): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of validationFieldsOf(error)) {
    const name = issue.field.startsWith(prefix) ? issue.field.slice(prefix.length) : issue.field;
    result[name] ??= sentenceCase(say(issue));
  }
  return result;
}

function sentenceCase(message: string): string {
  const text = message.trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** fieldErrorsOf's messages for the fields a form has (`fields`), in that order; the others are left to the caller. */
export function formFieldErrorsOf<F extends string>(
  error: MaybeError,
  say: SayMessage,
  fields: readonly F[],
  prefix = '',
): Partial<Record<F, string>> {
  const all = fieldErrorsOf(error, say, prefix);
  const result: Partial<Record<F, string>> = {};
  for (const field of fields) if (all[field] !== undefined) result[field] = all[field];
  return result;
}
