/**
 * The Redeem draft's rules in one place: what is wrong with each field, whether the draft can be
 * sent, exactly what redeem.submit is sent, and which field a VALIDATION answer of the core
 * points at. Pure: the form uses the same check while the technician types and on Redeem.
 */
import type { CoreMessage } from '../../i18n/messages';
import type { ArgsOf } from '../../../../core/api/contract';
import { canonicalCode } from './code-fields';
import { parseAuthCode, parseMac } from './code-formats';
import type { RedeemDraft } from './redeem-session';

/** One Auth Code field, checked. `sameAs` is the 0-based index of the earlier field with the code. */
export type CodeCheck =
  | { kind: 'empty' }
  | { kind: 'valid'; code: string }
  | { kind: 'invalid'; message: CoreMessage }
  | { kind: 'duplicate'; code: string; sameAs: number };

export type RedeemRequest = ArgsOf<'redeem.submit'>;

export interface DraftCheck {
  /** The MAC's problem (an empty MAC is one), or null. */
  macError: CoreMessage | null;
  codes: CodeCheck[];
  /** Fields with something in them, in order. */
  filled: number[];
  /** Not a single code was entered. */
  noCodes: boolean;
  /** What stands first in the way of sending: the MAC, then the first bad code (or the first field when none is filled). */
  firstProblem: { field: 'mac' } | { field: 'code'; index: number } | null;
  /** What redeem.submit is sent, with the field each code came from; null while anything stands in the way. */
  submission: { request: RedeemRequest; codeFields: number[] } | null;
}

/** Every code field: empty, a valid code, not a code (the core's precise reason), or a repeat of an earlier field. */
export function checkCodes(codes: readonly string[]): CodeCheck[] {
  const firstField = new Map<string, number>();
  return codes.map((value, index): CodeCheck => {
    if (value.trim() === '') return { kind: 'empty' };
    const parsed = parseAuthCode(value);
    if (!parsed.ok) return { kind: 'invalid', message: parsed };
    const sameAs = firstField.get(parsed.code);
    if (sameAs !== undefined) return { kind: 'duplicate', code: parsed.code, sameAs };
    firstField.set(parsed.code, index);
    return { kind: 'valid', code: parsed.code };
  });
}

export function checkDraft(draft: Pick<RedeemDraft, 'mac' | 'serial' | 'systemName' | 'codes'>): DraftCheck {
  const mac = parseMac(draft.mac);
  const codes = checkCodes(draft.codes);
  const filled = codes.flatMap((check, index) => (check.kind === 'empty' ? [] : [index]));
  const badCode = codes.findIndex((check) => check.kind === 'invalid' || check.kind === 'duplicate');
  const firstProblem: DraftCheck['firstProblem'] = !mac.ok
    ? { field: 'mac' }
    : badCode >= 0
      ? { field: 'code', index: badCode }
      : filled.length === 0
        ? { field: 'code', index: 0 }
        : null;
  const serial = draft.serial.trim();
  const systemName = draft.systemName.trim();
  return {
    macError: mac.ok ? null : mac,
    codes,
    filled,
    noCodes: filled.length === 0,
    firstProblem,
    submission:
      firstProblem === null && mac.ok
        ? {
            request: {
              mac: mac.mac,
              ...(serial ? { serial } : {}),
              ...(systemName ? { systemName } : {}),
              authCodes: filled.map((index) => (codes[index] as { code: string }).code),
            },
            codeFields: filled,
          }
        : null,
  };
}

/**
 * Whether a code field's own problem shows yet: a code that is not one only once the field is
 * checked (left, pasted, scanned; half a code while typing is not an error), a repeat at once.
 */
export function codeProblemShows(check: CodeCheck, checked: boolean): boolean {
  return check.kind === 'duplicate' || (check.kind === 'invalid' && checked);
}

/** The draft's fields as they look once checked: codes canonical, blanks emptied, the rest trimmed. */
export function normalisedCodes(codes: readonly string[]): string[] {
  return codes.map((value) => canonicalCode(value) ?? value.trim());
}

export type SubmitFieldErrors = Partial<Record<'mac' | 'serial' | 'systemName', string>> & { codes: Record<number, string> };

/**
 * The core's per-field messages (`authCodes.1` is the second code sent) put on the form's fields;
 * `codeFields` says which field each sent code came from. Fields the form does not have are left out.
 */
export function fieldErrorsFromCore(byField: Record<string, string>, codeFields: readonly number[]): SubmitFieldErrors {
  const mapped: SubmitFieldErrors = { codes: {} };
  for (const [field, message] of Object.entries(byField)) {
    const sent = /^authCodes\.(\d+)$/.exec(field)?.[1];
    const codeField = sent === undefined ? undefined : codeFields[Number(sent)];
    if (codeField !== undefined) mapped.codes[codeField] = message;
    else if (field === 'mac' || field === 'serial' || field === 'systemName') mapped[field] = message;
  }
  return mapped;
}

export function hasFieldErrors(errors: SubmitFieldErrors): boolean {
  return Object.keys(errors.codes).length > 0 || Boolean(errors.mac || errors.serial || errors.systemName);
}

/** A field of the Redeem form that can have a problem. */
export type ProblemField = { field: 'serial' | 'mac' | 'systemName' } | { field: 'code'; index: number };

/**
 * The problems the form shows, in the order of its fields (Serial, MAC, System Name, then each
 * Auth Code): what the summary above the form lists after Redeem.
 */
export function problemsInFormOrder(errors: {
  serial?: string | null;
  mac?: string | null;
  systemName?: string | null;
  codes: readonly (string | null)[];
}): (ProblemField & { message: string })[] {
  const problems: (ProblemField & { message: string })[] = [];
  for (const field of ['serial', 'mac', 'systemName'] as const) {
    const message = errors[field];
    if (message) problems.push({ field, message });
  }
  errors.codes.forEach((message, index) => {
    if (message) problems.push({ field: 'code', index, message });
  });
  return problems;
}
