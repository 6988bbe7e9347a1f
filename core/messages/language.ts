/** The languages FieldKey speaks, and which one a setting and the system's locales choose. */
export const languages = ['en', 'fr'] as const;
export type Language = (typeof languages)[number];

/** The language setting: `system` follows the operating system's preferred languages. */
export const languageSettings = ['system', ...languages] as const;
export type LanguageSetting = (typeof languageSettings)[number];

/** The first of `locales` (BCP 47, most preferred first) FieldKey speaks, by its language; English otherwise. */
export function languageOfLocales(locales: readonly string[]): Language {
  for (const locale of locales) {
    const primary = locale.toLowerCase().split(/[-_.@]/)[0];
    const found = languages.find((language) => language === primary);
    if (found) return found;
  }
  return 'en';
}

/** The language a setting means: itself, or for `system` the first of the system's locales FieldKey speaks. */
export function resolveLanguage(setting: LanguageSetting, systemLocales: readonly string[]): Language {
  return setting === 'system' ? languageOfLocales(systemLocales) : setting;
}

/** The locales of the process's environment, most preferred first (LC_ALL, LC_MESSAGES, LANG, LANGUAGE, then Intl's). */
export function processLocales(env: Record<string, string | undefined> = process.env): string[] {
  const fromEnv = [env.LC_ALL, env.LC_MESSAGES, env.LANG, ...(env.LANGUAGE ?? '').split(':')].filter(
    (value): value is string => !!value && value !== 'C' && value !== 'POSIX',
  );
  return [...fromEnv, Intl.DateTimeFormat().resolvedOptions().locale];
}
