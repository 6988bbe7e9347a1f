import type { UpdateState } from './contract';

/**
 * What the core needs of the app's updater. Electron's main process has the real one
 * (electron/updater.ts); the core's utility process reaches it over its parent port; the browser
 * host has none.
 */
export interface UpdateService {
  state(): Promise<UpdateState>;
  /** The feed address from Settings, or null for none (no checks). */
  setFeed(feedUrl: string | null): Promise<UpdateState>;
  /** Starts a check and answers at once (`checking`); the outcome comes through `onChange`. */
  check(): Promise<UpdateState>;
  download(): Promise<UpdateState>;
  restart(): Promise<UpdateState>;
  onChange(listener: (state: UpdateState) => void): () => void;
}

/** A host that cannot update itself: every call answers `unavailable` and nothing changes. */
export function unavailableUpdateService(reason: 'browser-host' | 'not-installed'): UpdateService {
  const state: UpdateState = { status: 'unavailable', reason };
  const answer = async () => state;
  return { state: answer, setFeed: answer, check: answer, download: answer, restart: answer, onChange: () => () => {} };
}
