import type { CoreDeps, Feature } from '../feature/core-deps';
import type { EventEmitter } from '../rpc/events';
import type { Settings, SettingsEvents } from './contract';
import { createSettingsHandlers } from './handlers';
import type { SettingsStore } from './store';
import { type Language, resolveLanguage } from '../messages/language';

declare module '../feature/core-deps' {
  interface CoreDeps {
    /** The settings file (core/settings/store.ts). */
    settings: SettingsStore;
    /** The language the user chose (Settings → Language; `system` resolved): exports and the desktop menu speak it. */
    language(): Language;
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

/** `deps.language`: the setting, with `system` resolved against the system's locales. */
export function languageOf(settings: SettingsStore, systemLocales: readonly string[]): () => Language {
  return () => resolveLanguage(settings.read().language, systemLocales);
}
