/**
 * Why a parser refused a value: a stable message code (`mac.badCharacter`; a translation is keyed
 * by it, core/messages/en/domain.json), the English sentence, and the values the sentence names.
 * Shaped to become a VALIDATION field as it is (core/rpc/errors.ts `fieldError`), and a Message.
 */
import type { MessageCode, MessageParams } from '../messages/catalogue';

export interface Refusal {
  ok: false;
  code: MessageCode;
  message: string;
  params?: MessageParams;
}
