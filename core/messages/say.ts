/**
 * Formats the core's message codes: `say` gives a Message with its English text (what the core
 * returns), `translator` a language's text (what exports write).
 */
import i18next from 'i18next';
import { coreCatalogues, type Message, type MessageCode, type MessageParams } from './catalogue';
import { type Language, languages } from './language';

const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(languages.map((language) => [language, { core: coreCatalogues[language] }])),
  ns: ['core'],
  defaultNS: 'core',
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...languages],
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** i18next's t, untyped: the renderer's CustomTypeOptions (its own keys) must not type the core's. */
type PlainT = (key: string, options: MessageParams) => string;
const fixed = new Map<Language, PlainT>(languages.map((language) => [language, instance.getFixedT(language, 'core') as unknown as PlainT]));

/** A function giving a message's text in `language`. */
export type Translate = (code: MessageCode, params?: MessageParams) => string;

/** The text of message codes in `language` (plurals and numbers in its rules). */
export function translator(language: Language): Translate {
  const t = fixed.get(language) ?? (fixed.get('en') as PlainT);
  return (code, params) => t(code, params ?? {});
}

const english = translator('en');

/** The message `code` with `params`, and its English text. */
export function say(code: MessageCode, params?: MessageParams): Message {
  const message = english(code, params);
  return params === undefined ? { code, message } : { code, message, params };
}

/** `code` is in the catalogue (for codes built at run time, such as `zod.<issue>`). */
export function isMessageCode(code: string): code is MessageCode {
  return instance.exists(code, { ns: 'core', lng: 'en' });
}
