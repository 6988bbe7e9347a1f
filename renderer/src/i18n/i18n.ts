import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { coreCatalogues, withManyAsOther } from '../../../core/messages/catalogue';
import type { Language } from '../../../core/messages/language';
import en from './en.json';
import fr from './fr.json';
import { PSEUDO_LANGUAGE, pseudoCatalogue } from './pseudo';

/**
 * Bundled with the app: translations are never fetched over the network. `translation` is the
 * renderer's own text; `core` the core's message codes (core/messages), which the renderer says
 * in the user's language instead of the core's English.
 */
export const resources = {
  en: { translation: en, core: coreCatalogues.en },
  fr: { translation: withManyAsOther(fr), core: coreCatalogues.fr },
} as const;

export type { Language };

/**
 * A ready i18next instance (initialised synchronously, so the first render is translated).
 * `PSEUDO_LANGUAGE` (a test switch, see pseudo.ts) adds the pseudo-language built from English.
 */
export function createI18n(language: Language | typeof PSEUDO_LANGUAGE = 'en'): I18n {
  const instance = i18next.createInstance();
  const pseudo = language === PSEUDO_LANGUAGE;
  void instance.use(initReactI18next).init({
    resources: pseudo
      ? { ...resources, [PSEUDO_LANGUAGE]: { translation: pseudoCatalogue(en), core: pseudoCatalogue(coreCatalogues.en) } }
      : resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: pseudo ? [...Object.keys(resources), PSEUDO_LANGUAGE] : Object.keys(resources),
    ns: ['translation', 'core'],
    defaultNS: 'translation',
    initAsync: false,
    // React already escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
