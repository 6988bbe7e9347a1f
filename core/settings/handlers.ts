import type { Handlers } from '../api/contract';
import type { EventBus } from '../api/events';
import type { Settings } from './contract';
import type { SettingsStore } from './store';

type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.set'>;

export function createSettingsHandlers(
  store: SettingsStore,
  events: EventBus,
  onChange: (next: Settings, previous: Settings) => void = () => {},
): SettingsHandlers {
  return {
    'settings.get': () => store.read(),
    'settings.set': ({ patch }) => {
      const previous = store.read();
      const next: Settings = { ...previous, ...patch } as Settings;
      store.write(next);
      onChange(next, previous);
      events.emit('settings.changed', next);
      return next;
    },
  };
}
