import type { ApiError } from '../../../core/api/errors';

interface FieldIssue {
  field: string;
  message: string;
}

function isFieldIssue(value: unknown): value is FieldIssue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldIssue).field === 'string' &&
    typeof (value as FieldIssue).message === 'string'
  );
}

/**
 * The per-field messages of a VALIDATION error (`details.fields`), keyed by field name with
 * `prefix` removed (`patch.portalUrl` → `portalUrl`). `details.fields` is either a list of
 * `{ field, message }` (the transport's argument checks, most features) or an object of field →
 * message (`{ mac: 'Already on the dashboard.' }`, as servers.save says it); an entry that is not
 * a non-empty sentence is left out. Empty for any other error.
 */
export function fieldErrorsOf(error: ApiError | null, prefix = ''): Record<string, string> {
  if (error?.code !== 'VALIDATION') return {};
  const fields = (error.details as { fields?: unknown } | undefined)?.fields;
  const issues: FieldIssue[] = Array.isArray(fields)
    ? fields.filter(isFieldIssue)
    : typeof fields === 'object' && fields !== null
      ? Object.entries(fields)
          .map(([field, message]) => ({ field, message }))
          .filter(isFieldIssue)
      : [];
  const result: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.message.trim() === '') continue;
    const name = issue.field.startsWith(prefix) ? issue.field.slice(prefix.length) : issue.field;
    result[name] ??= sentenceCase(issue.message);
  }
  return result;
}

/** fieldErrorsOf's messages for the fields a form has (`fields`), in that order; the others are left to the caller. */
export function formFieldErrorsOf<F extends string>(error: ApiError | null, fields: readonly F[], prefix = ''): Partial<Record<F, string>> {
  const all = fieldErrorsOf(error, prefix);
  const result: Partial<Record<F, string>> = {};
  for (const field of fields) if (all[field] !== undefined) result[field] = all[field];
  return result;
}

function sentenceCase(message: string): string {
  const text = message.trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
