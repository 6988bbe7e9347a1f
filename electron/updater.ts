/**
 * FieldKey's own updates, in the main process: electron-updater's autoUpdater with a generic
 * feed (the `updateFeedUrl` setting: a folder holding electron-builder's latest.yml and the
 * installers), its events mapped to the core's UpdateState. Nothing here may throw or reject:
 * a broken feed is a state the Settings page shows, never a crash.
 */
// The default import is module.exports (Node and esbuild alike): `autoUpdater` is a getter that
// builds the platform's updater on first read, so it is read only when the app is installed.
import electronUpdater, { type AppUpdater } from 'electron-updater';
import type { UpdateErrorCode, UpdateState } from '../core/updates/contract';
import type { UpdateService } from '../core/updates/service';
import { log as defaultLog } from './log';

/** The part of electron-updater's AppUpdater used here (NsisUpdater, AppImageUpdater, DebUpdater, MacUpdater…). */
export type AutoUpdaterLike = Pick<
  AppUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'disableWebInstaller'
  | 'logger'
  | 'setFeedURL'
  | 'checkForUpdates'
  | 'downloadUpdate'
  | 'quitAndInstall'
  | 'on'
>;

export interface UpdateControllerOptions {
  /** electron-updater's autoUpdater; null when this copy cannot update itself (run from its sources). */
  updater: AutoUpdaterLike | null;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

/** electron-updater's platform updater, or null when it cannot be made (it throws on a version that is not semver). */
export function loadAutoUpdater(log: (message: string, error?: unknown) => void = defaultLog): AutoUpdaterLike | null {
  try {
    return electronUpdater.autoUpdater;
  } catch (err) {
    log('The updater could not be started; FieldKey will not look for updates.', err);
    return null;
  }
}

/** Only http(s) addresses reach electron-updater: the setting is validated, but it crossed a process boundary. */
export function feedUrlOrNull(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url.href : null;
  } catch {
    return null;
  }
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const DAMAGED_FEED_CODES = new Set([
  'ERR_UPDATER_INVALID_UPDATE_INFO',
  'ERR_UPDATER_INVALID_VERSION',
  'ERR_UPDATER_NO_FILES_PROVIDED',
  'ERR_UPDATER_NO_CHECKSUM',
  'ERR_UPDATER_LATEST_VERSION_NOT_FOUND',
]);

export type UpdatePhase = 'check' | 'download' | 'install';

/**
 * Which failure an electron-updater error is, by its code (electron-updater's `ERR_UPDATER_…`,
 * Node's `E…`), HTTP status or Chromium's `net::ERR_…` (Electron's net module), so the user reads
 * one sentence about the cause instead of a stack.
 */
export function classifyUpdateError(error: unknown, phase: UpdatePhase): { error: UpdateErrorCode; httpStatus?: number } {
  const err = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; statusCode?: unknown; message?: unknown };
  const code = typeof err.code === 'string' ? err.code : '';
  const message = typeof err.message === 'string' ? err.message : '';
  const httpStatus = typeof err.statusCode === 'number' ? err.statusCode : undefined;
  if (phase === 'install') return { error: 'install-failed' };
  if (code === 'ERR_CHECKSUM_MISMATCH' || code === 'ERR_UPDATER_INVALID_SIGNATURE') return { error: 'download-damaged' };
  if (phase === 'download') return { error: 'download-failed' };
  if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' || httpStatus === 404) return { error: 'feed-not-found' };
  if (httpStatus !== undefined) return { error: 'feed-refused', httpStatus };
  if (DAMAGED_FEED_CODES.has(code)) return { error: 'feed-damaged' };
  if (UNREACHABLE_CODES.has(code) || /^net::ERR_/.test(message)) return { error: 'feed-unreachable' };
  return { error: 'unexpected' };
}

/**
 * The state machine over one autoUpdater: not-configured ⇄ idle → checking → up-to-date |
 * available → downloading → downloaded → (restart), and error from any step. Checks and
 * downloads answer at once; their outcome arrives through `onChange`.
 */
export class UpdateController implements UpdateService {
  private current: UpdateState;
  private feedUrl: string | null = null;
  private readonly listeners = new Set<(state: UpdateState) => void>();
  private readonly updater: AutoUpdaterLike | null;
  private readonly now: () => Date;
  private readonly log: (message: string, error?: unknown) => void;

  constructor(options: UpdateControllerOptions) {
    this.updater = options.updater;
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? defaultLog;
    this.current = this.updater ? { status: 'not-configured' } : { status: 'unavailable', reason: 'not-installed' };
    const updater = this.updater;
    if (!updater) return;
    // The user decides when to download (Settings); a downloaded update still installs on quit.
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = true;
    // FieldKey ships full installers, never a web installer.
    updater.disableWebInstaller = true;
    updater.logger = {
      info: () => {},
      warn: (message?: unknown) => this.log(`Updater: ${String(message)}`),
      error: (message?: unknown) => this.log(`Updater: ${String(message)}`),
    };
    updater.on('checking-for-update', () => this.set({ status: 'checking' }));
    updater.on('update-not-available', (info) =>
      this.set({ status: 'up-to-date', version: String(info?.version ?? ''), checkedAt: this.now().toISOString() }),
    );
    updater.on('update-available', (info) => this.set({ status: 'available', version: String(info?.version ?? '') }));
    updater.on('download-progress', (progress) => {
      if (this.current.status !== 'downloading') return;
      const percent = Math.min(100, Math.max(0, Math.floor(Number(progress?.percent) || 0)));
      // Progress only goes forward: a retried chunk must not make the bar jump back.
      if (percent > this.current.percent) this.set({ ...this.current, percent });
    });
    updater.on('update-downloaded', (info) => {
      const version = String(info?.version ?? (this.current.status === 'downloading' ? this.current.version : ''));
      this.set({ status: 'downloaded', version });
    });
    // electron-updater emits `error` and also rejects the promise it returned: the first one wins.
    updater.on('error', (error) => this.fail(error));
  }

  async state(): Promise<UpdateState> {
    return this.current;
  }

  async setFeed(feedUrl: string | null): Promise<UpdateState> {
    const next = feedUrlOrNull(feedUrl);
    if (!this.updater || next === this.feedUrl) return this.current;
    this.feedUrl = next;
    if (next) {
      try {
        this.updater.setFeedURL({ provider: 'generic', url: next });
      } catch (err) {
        this.log('The updater refused the feed address.', err);
        this.feedUrl = null;
      }
    }
    // A download under way or finished stays usable whatever the feed; any other result was about the old feed.
    const status = this.current.status;
    if (status !== 'downloading' && status !== 'downloaded' && status !== 'checking') {
      this.set(this.feedUrl ? { status: 'idle' } : { status: 'not-configured' });
    }
    return this.current;
  }

  async check(): Promise<UpdateState> {
    const updater = this.updater;
    if (!updater) return this.current;
    if (!this.feedUrl) {
      this.set({ status: 'not-configured' });
      return this.current;
    }
    const status = this.current.status;
    if (status === 'checking' || status === 'downloading' || status === 'downloaded') return this.current;
    this.set({ status: 'checking' });
    void Promise.resolve()
      .then(() => updater.checkForUpdates())
      .then((result) => {
        // null: electron-updater is inactive (not a packaged app); it says so in the log.
        if (result === null) this.set({ status: 'unavailable', reason: 'not-installed' });
      })
      .catch((err: unknown) => this.fail(err));
    return this.current;
  }

  async download(): Promise<UpdateState> {
    const updater = this.updater;
    const state = this.current;
    const retry = state.status === 'error' && (state.error === 'download-failed' || state.error === 'download-damaged') && state.version;
    if (!updater || (state.status !== 'available' && !retry)) return this.current;
    const version = state.status === 'available' ? state.version : (state as { version: string }).version;
    this.set({ status: 'downloading', version, percent: 0 });
    void Promise.resolve()
      .then(() => updater.downloadUpdate())
      .catch((err: unknown) => this.fail(err));
    return this.current;
  }

  async restart(): Promise<UpdateState> {
    if (!this.updater || this.current.status !== 'downloaded') return this.current;
    try {
      // Not silent, and FieldKey starts again once the installer is done.
      this.updater.quitAndInstall(false, true);
    } catch (err) {
      this.fail(err);
    }
    return this.current;
  }

  onChange(listener: (state: UpdateState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Maps a failure to the step it interrupted; one already reported (or none running) is only logged. */
  private fail(error: unknown): void {
    const state = this.current;
    const phase: UpdatePhase | null =
      state.status === 'checking'
        ? 'check'
        : state.status === 'downloading'
          ? 'download'
          : state.status === 'downloaded'
            ? 'install'
            : null;
    if (!phase) {
      // Already reported (electron-updater also rejects what it emitted as `error`), or no step was running.
      if (state.status !== 'error') this.log('Updater: an error outside any step.', error);
      return;
    }
    this.log(`Updater: the update ${phase} failed.`, error);
    const version = state.status === 'downloading' || state.status === 'downloaded' ? state.version : undefined;
    this.set({ status: 'error', ...classifyUpdateError(error, phase), ...(version ? { version } : {}) });
  }

  private set(state: UpdateState): void {
    this.current = state;
    for (const listener of [...this.listeners]) {
      try {
        listener(state);
      } catch (err) {
        this.log('An update state listener failed.', err);
      }
    }
  }
}
