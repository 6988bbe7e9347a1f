/**
 * How the renderer says what the core says: a core message (code, params, English) in the user's
 * language, from the `core` namespace. The core's English is never shown, except for a code this
 * renderer does not know (a newer core), so nothing is lost.
 */
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageParams } from '../../../core/messages/catalogue';

/** A message as the core sends it (core/messages Message, or a VALIDATION field). */
export interface CoreMessage {
  code: string;
  message: string;
  params?: MessageParams;
}

const MISSING = '\u0000';

/** The core's message `code` with `params` in t's language, or null when this renderer does not know the code. */
export function sayCode(t: TFunction, code: string, params?: MessageParams): string | null {
  const said = (t as unknown as (key: string, options: object) => string)(`core:${code}`, { ...(params ?? {}), defaultValue: MISSING });
  return said === MISSING ? null : said;
}

/** `message` in t's language (its English for a code this renderer does not know). */
export function sayMessage(t: TFunction, message: CoreMessage): string {
  return sayCode(t, message.code, message.params) ?? message.message;
}

/** `say(message)` for components: the core's message in the current language. */
export function useSay(): (message: CoreMessage) => string {
  const { t } = useTranslation();
  return useCallback((message: CoreMessage) => sayMessage(t, message), [t]);
}
