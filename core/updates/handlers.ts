import type { HandlersOf } from '../rpc/define';
import type { updatesMethods, UpdatesEvents } from './contract';
import type { EventEmitter } from '../rpc/events';
import type { UpdateService } from './service';

type UpdatesHandlers = Pick<HandlersOf<typeof updatesMethods>, 'updates.state' | 'updates.check' | 'updates.download' | 'updates.restart'>;

export interface UpdatesFeature {
  handlers: UpdatesHandlers;
  start(): void;
  stop(): void;
}

export interface UpdatesDeps {
  service: UpdateService;
  events: EventEmitter<UpdatesEvents>;
  /** The `updateFeedUrl` setting, read when needed. */
  feedUrl: () => string | null;
  log?: (message: string, error?: unknown) => void;
  /** Calls `listener` after every save of the settings; returns the unsubscribe. */
  onSettingsChanged: (listener: () => void) => () => void;
}

/** The app's updates: the service's state as `updates.changed`, its feed kept to the setting. */
export function createUpdatesHandlers(deps: UpdatesDeps): UpdatesFeature {
  const unsubscribes: Array<() => void> = [];
  const log = deps.log ?? (() => {});
  const applyFeed = () =>
    deps.service.setFeed(deps.feedUrl()).catch((err: unknown) => {
      log('The updater could not be given the feed address.', err);
    });

  return {
    handlers: {
      'updates.state': () => deps.service.state(),
      // The setting is passed again first: a check always asks the feed Settings shows.
      'updates.check': async () => {
        await deps.service.setFeed(deps.feedUrl());
        return deps.service.check();
      },
      'updates.download': () => deps.service.download(),
      'updates.restart': () => deps.service.restart(),
    },
    start() {
      unsubscribes.push(deps.service.onChange((state) => deps.events.emit('updates.changed', state)));
      // A changed feed address moves the state to idle or not-configured before any check.
      unsubscribes.push(deps.onSettingsChanged(() => void applyFeed()));
      void applyFeed();
    },
    stop() {
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
    },
  };
}
