import fs from 'node:fs';
import { writePrivateFileAtomically } from '../fs/private-file';
import { defaultSettings, settingsSchema, type Settings } from './contract';

/** Where settings persist: electron-store in the desktop app, a JSON file in the browser host. */
export interface SettingsStore {
  read(): Settings;
  write(settings: Settings): void;
}

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

/** The browser host's settings: `settings.json` in the data directory, written atomically. */
export class JsonFileSettingsStore implements SettingsStore {
  constructor(private readonly file: string) {}

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
      fs.renameSync(this.file, `${this.file}.unreadable-${Date.now()}`);
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
