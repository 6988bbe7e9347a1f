/**
 * The language the desktop shell speaks (menu, dialogs): Settings → Language, `system` resolved
 * against the operating system's preferred languages, the same ones the core is given, so the
 * menu, the pages and the exports agree.
 */
import { app } from 'electron';
import { type Language, resolveLanguage } from '../core/messages/language';
import type { Translate } from '../core/messages/say';
import type { ClientTransport } from '../core/rpc/client';
import { ApiError } from '../core/rpc/errors';
import { parseStoredSettings, type SettingsStore } from '../core/settings/store';

/** The system's preferred languages, most preferred first: Electron's list, or its locale when the list is empty. */
export function systemLocales(): string[] {
  const preferred = app.getPreferredSystemLanguages();
  if (preferred.length > 0) return [...preferred];
  const locale = app.getLocale();
  return locale ? [locale] : [];
}

/** The language in settings.json, resolved; English-or-system when the store cannot be read. */
export function shellLanguage(settings: SettingsStore | null, locales: readonly string[]): Language {
  try {
    return resolveLanguage(settings?.read().language ?? 'system', locales);
  } catch {
    return resolveLanguage('system', locales);
  }
}

/**
 * Calls `listener` when the core's `settings.changed` brings another language than `initial`
 * (the payload crossed a process boundary: read leniently, like settings.json). Returns the unsubscribe.
 */
export function onLanguageChanged(
  core: Pick<ClientTransport, 'onEvent'>,
  locales: readonly string[],
  initial: Language,
  listener: (language: Language) => void,
): () => void {
  let current = initial;
  return core.onEvent((name, payload) => {
    if (name !== 'settings.changed') return;
    const next = resolveLanguage(parseStoredSettings(payload).language, locales);
    if (next === current) return;
    current = next;
    listener(next);
  });
}

/** An error's sentence in the shell's language: its message code when it has one, else its (English) message. */
export function errorText(err: unknown, t: Translate): string {
  if (err instanceof ApiError && err.messageCode) return t(err.messageCode, err.params);
  return err instanceof Error ? err.message : String(err);
}
