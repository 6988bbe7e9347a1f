import type { Settings } from '../../../core/settings/contract';

const THEME_HINT_KEY = 'fieldkey.themeHint';

/**
 * The last theme setting seen, remembered only so the first paint (before the core answers) does
 * not flash the wrong theme. The setting in the core stays the only truth.
 */
export function readThemeHint(): Settings['theme'] | undefined {
  try {
    const hint = window.localStorage.getItem(THEME_HINT_KEY);
    return hint === 'light' || hint === 'dark' || hint === 'system' ? hint : undefined;
  } catch {
    return undefined;
  }
}

export function writeThemeHint(theme: Settings['theme']): void {
  try {
    window.localStorage.setItem(THEME_HINT_KEY, theme);
  } catch {
    // Only a hint: without storage the first paint follows the system.
  }
}
