/**
 * Why a parser refused a value: a stable message code (`mac.badCharacter`; a translation is keyed
 * by it), the English sentence, and the values the sentence names. Shaped to become a VALIDATION
 * field as it is (core/rpc/errors.ts `fieldError`).
 */
export interface Refusal {
  ok: false;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}
