import type { CoreDeps, Feature } from '../feature/core-deps';
import type { EventEmitter } from '../rpc/events';
import type { Settings, SettingsEvents } from './contract';
import { createSettingsHandlers } from './handlers';
import type { SettingsStore } from './store';

declare module '../feature/core-deps' {
  interface CoreDeps {
    /** The settings file (core/settings/store.ts). */
    settings: SettingsStore;
  }
}

declare module '../feature/domain-events' {
  interface DomainEvents {
    /** The settings were saved: by `settings.set`, or by signing in to another portal (core/session). */
    'settings.changed': { next: Settings; previous: Settings };
  }
}

export function createSettingsFeature(deps: CoreDeps): Feature<ReturnType<typeof createSettingsHandlers>> {
  const events: EventEmitter<SettingsEvents> = deps.events;
  return {
    handlers: createSettingsHandlers(deps.settings, events, (next, previous) => deps.domain.emit('settings.changed', { next, previous })),
  };
}
