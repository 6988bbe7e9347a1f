import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';

/** Bundled with the app: translations are never fetched over the network. */
export const resources = {
  en: { translation: en },
} as const;

export type Language = keyof typeof resources;

/** A ready i18next instance (initialised synchronously, so the first render is translated). */
export function createI18n(language: Language = 'en'): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: Object.keys(resources),
    initAsync: false,
    // React already escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
