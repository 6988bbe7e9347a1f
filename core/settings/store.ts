import fs from 'node:fs';
import { writePrivateFileAtomically } from '../fs/private-file';
import { defaultSettings, settingsSchema, type Settings } from './contract';

/** Where settings persist: `settings.json` in the data folder, for both hosts (JsonFileSettingsStore). */
export interface SettingsStore {
  read(): Settings;
  write(settings: Settings): void;
  /** Where an unreadable settings file was moved during this run (defaults were used), or null. */
  unreadableFileSetAside?(): string | null;
}

export const SETTINGS_FILE_NAME = 'settings.json';

/**
 * Reads stored values leniently: a value that no longer validates (renamed option, hand edit)
 * falls back to its default instead of losing every other setting.
 */
export function parseStoredSettings(raw: unknown): Settings {
  if (typeof raw !== 'object' || raw === null) return { ...defaultSettings };
  const result: Record<string, unknown> = { ...defaultSettings };
  for (const [name, field] of Object.entries(settingsSchema.shape)) {
    const parsed = field.safeParse((raw as Record<string, unknown>)[name]);
    if (parsed.success) result[name] = parsed.data;
  }
  return result as Settings;
}

/**
 * FieldKey's settings: `settings.json` in the data folder (Electron's userData), written
 * atomically with mode 0600. The browser host and the desktop app's main process both keep them
 * here. A file that is not JSON is renamed aside (`settings.json.unreadable-<time>`) for the user
 * to inspect, defaults are used, and `unreadableFileSetAside` says where it went so the app can
 * tell the user.
 */
export class JsonFileSettingsStore implements SettingsStore {
  private setAside: string | null = null;

  constructor(readonly file: string) {}

  unreadableFileSetAside(): string | null {
    return this.setAside;
  }

  read(): Settings {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ...defaultSettings };
      throw err;
    }
    try {
      return parseStoredSettings(JSON.parse(text));
    } catch {
      // Unreadable JSON: keep the file for the user to inspect and carry on with defaults.
      this.setAside = `${this.file}.unreadable-${Date.now()}`;
      fs.renameSync(this.file, this.setAside);
      return { ...defaultSettings };
    }
  }

  write(settings: Settings): void {
    writePrivateFileAtomically(this.file, `${JSON.stringify(settings, null, 2)}\n`);
  }
}

/** Settings kept in memory only (tests, tools). */
export class MemorySettingsStore implements SettingsStore {
  private settings: Settings;
  constructor(initial: Partial<Settings> = {}) {
    this.settings = { ...defaultSettings, ...initial };
  }
  read(): Settings {
    return { ...this.settings };
  }
  write(settings: Settings): void {
    this.settings = { ...settings };
  }
}
