/**
 * The renderer's English, for the text an Error carries into logs and diagnostics (its
 * `message`): what a person reads is translated by the component that shows it.
 */
import i18next, { type TFunction } from 'i18next';
import en from './en.json';

let english: TFunction | undefined;

/** A translate function that always says the renderer's English (no React, no language change). */
export function englishT(): TFunction {
  if (!english) {
    const instance = i18next.createInstance();
    void instance.init({
      resources: { en: { translation: en } },
      lng: 'en',
      ns: ['translation'],
      defaultNS: 'translation',
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    english = instance.t;
  }
  return english;
}
