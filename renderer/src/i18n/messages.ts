/**
 * How the renderer says what the core says: a core message (code, params, English) in the user's
 * language, from the `core` namespace. The core's English is never shown, except for a code this
 * renderer does not know (a newer core), so nothing is lost.
 */
import type { i18n as I18n, TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageParams } from '../../../core/messages/catalogue';

/** A message as the core sends it (core/messages Message, or a VALIDATION field). */
export interface CoreMessage {
  code: string;
  message: string;
  params?: MessageParams;
}

/** `message` in the language of `i18n`. */
export function sayMessage(i18n: I18n, t: TFunction, message: CoreMessage): string {
  const key = `core:${message.code}`;
  if (!i18n.exists(key)) return message.message;
  return (t as unknown as (key: string, params?: MessageParams) => string)(key, message.params ?? {});
}

/** `say(message)` for components: the core's message in the current language. */
export function useSay(): (message: CoreMessage) => string {
  const { t, i18n } = useTranslation();
  return useCallback((message: CoreMessage) => sayMessage(i18n, t, message), [i18n, t]);
}
