import type { ApiError } from '../../../core/rpc/errors';

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
 * `prefix` removed (`patch.portalUrl` → `portalUrl`). Empty for any other error.
 */
export function fieldErrorsOf(error: ApiError | null, prefix = ''): Record<string, string> {
  if (error?.code !== 'VALIDATION') return {};
  const fields = (error.details as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return {};
  const result: Record<string, string> = {};
  for (const issue of fields.filter(isFieldIssue)) {
    const name = issue.field.startsWith(prefix) ? issue.field.slice(prefix.length) : issue.field;
    result[name] ??= sentenceCase(issue.message);
  }
  return result;
}

function sentenceCase(message: string): string {
  const text = message.trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
