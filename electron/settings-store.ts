import Store from 'electron-store';
import type { Settings } from '../core/settings/contract';
import { parseStoredSettings, type SettingsStore } from '../core/settings/store';

/**
 * The desktop app's settings: electron-store's settings.json in the app's userData folder
 * (the browser host keeps the same file in the same folder). Written atomically by conf.
 */
export class ElectronSettingsStore implements SettingsStore {
  private readonly store = new Store<Settings>({
    name: 'settings',
    // An unreadable file would stop the app at start; starting with defaults is better.
    clearInvalidConfig: true,
    configFileMode: 0o600,
  });

  read(): Settings {
    return parseStoredSettings(this.store.store);
  }

  write(settings: Settings): void {
    this.store.store = parseStoredSettings(settings);
  }

  /** Where the file lives. */
  get path(): string {
    return this.store.path;
  }
}
