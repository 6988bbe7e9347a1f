import type { Settings } from '../core/settings/contract';
import type { SettingsStore } from '../core/settings/store';

/**
 * The core's settings inside the utility process: electron-store lives in the main process, so
 * the core reads a snapshot it was given at start and sends every write to the parent.
 */
export class ParentSettingsStore implements SettingsStore {
  private snapshot: Settings;

  constructor(
    initial: Settings,
    private readonly sendToParent: (settings: Settings) => void,
  ) {
    this.snapshot = { ...initial };
  }

  read(): Settings {
    return { ...this.snapshot };
  }

  write(settings: Settings): void {
    this.snapshot = { ...settings };
    this.sendToParent({ ...settings });
  }
}
