import type { CoreDeps, Feature } from '../feature/core-deps';
import { createUpdatesHandlers, type UpdatesFeature } from './handlers';
import type { UpdateService } from './service';

declare module '../feature/core-deps' {
  interface CoreDeps {
    /** The app's updater (Electron), or one that says updates are unavailable (the browser host). */
    updateService: UpdateService;
  }
}

/** `updates.*`: the updater's state as `updates.changed`, its feed kept to the setting. */
export function createUpdatesFeature(deps: CoreDeps): Feature<UpdatesFeature['handlers']> {
  return createUpdatesHandlers({
    service: deps.updateService,
    events: deps.events,
    feedUrl: () => deps.settings.read().updateFeedUrl,
    onSettingsChanged: (listener) => deps.domain.on('settings.changed', listener),
  });
}
