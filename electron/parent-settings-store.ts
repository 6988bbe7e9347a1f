import type { Settings } from '../core/settings/contract';
import type { SettingsStore } from '../core/settings/store';

/**
 * The core's settings inside the utility process: the main process owns settings.json (core's
 * JsonFileSettingsStore), so the core reads a snapshot it was given at start and sends every
 * write to the parent.
 */
export class ParentSettingsStore implements SettingsStore {
  private snapshot: Settings;

  constructor(
    initial: Settings,
    private readonly sendToParent: (settings: Settings) => void,
    /** Where the main process moved an unreadable settings file at this start, or null. */
    private readonly setAside: string | null = null,
  ) {
    this.snapshot = { ...initial };
  }

  unreadableFileSetAside(): string | null {
    return this.setAside;
  }

  read(): Settings {
    return { ...this.snapshot };
  }

  write(settings: Settings): void {
    this.snapshot = { ...settings };
    this.sendToParent({ ...settings });
  }
}
