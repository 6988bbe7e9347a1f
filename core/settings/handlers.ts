import type { HandlersOf } from '../rpc/define';
import type { settingsMethods, SettingsEvents, Settings } from './contract';
import type { EventEmitter } from '../rpc/events';
import type { SettingsStore } from './store';

type SettingsHandlers = Pick<HandlersOf<typeof settingsMethods>, 'settings.get' | 'settings.set'>;

export function createSettingsHandlers(
  store: SettingsStore,
  events: EventEmitter<SettingsEvents>,
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
