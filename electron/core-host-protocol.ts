/**
 * Messages between the main process and the core's utility process, besides the RPC wire
 * messages of core/rpc/wire.ts (whose `type`s never collide with these).
 */
import type { ApiErrorShape } from '../core/rpc/errors';
import type { Settings } from '../core/settings/contract';
import type { UpdateState } from '../core/updates/contract';

export interface CoreHostConfig {
  dataDir: string;
  version: string;
  /** better_sqlite3.node built for Electron's ABI, when one was found. */
  nativeBinding?: string;
  /** The user agreed to set an unreadable database aside and start fresh. */
  recreateCorruptDatabase?: boolean;
  /** A portal given at launch (`npm start -- --portal URL`): wins over the setting, and no embedded portal starts. */
  portalUrlOverride?: string;
  /** The settings as stored by the main process (core's JsonFileSettingsStore). */
  settings: Settings;
  /** Where the main process moved an unreadable settings file at this start, if it did. */
  settingsFileSetAside?: string;
  /** The system's preferred languages (app.getPreferredSystemLanguages()): what Settings → Language `system` follows. */
  systemLocales?: string[];
}

export type SecretsOp = 'get' | 'set' | 'delete';

/** The core asks the main process (which alone has safeStorage) to read or change a secret. */
export interface SecretsRequestMessage {
  type: 'secrets.request';
  id: number;
  op: SecretsOp;
  name: string;
  /** Only for `set`. */
  value?: string;
}

/** The answer to one `secrets.request`: `value` for `get` (null when absent), or the error. */
export type SecretsResponseMessage =
  | { type: 'secrets.response'; id: number; ok: true; value?: string | null }
  | { type: 'secrets.response'; id: number; ok: false; error: ApiErrorShape };

export type UpdatesOp = 'state' | 'setFeed' | 'check' | 'download' | 'restart';

/** The core asks the main process (which alone runs electron-updater) to act on updates. */
export interface UpdatesRequestMessage {
  type: 'updates.request';
  id: number;
  op: UpdatesOp;
  /** Only for `setFeed`: the updateFeedUrl setting. */
  feedUrl?: string | null;
}

/** The answer to one `updates.request`: the updater's state after it. */
export type UpdatesResponseMessage =
  | { type: 'updates.response'; id: number; ok: true; state: UpdateState }
  | { type: 'updates.response'; id: number; ok: false; error: ApiErrorShape };

/** The main process tells the core every change of the updater's state (progress included). */
export interface UpdatesChangedMessage {
  type: 'updates.changed';
  state: UpdateState;
}

export type ParentToCoreHostMessage =
  | { type: 'init'; config: CoreHostConfig }
  | { type: 'shutdown' }
  | SecretsResponseMessage
  | UpdatesResponseMessage
  | UpdatesChangedMessage;

export type CoreHostToParentMessage =
  | { type: 'ready' }
  | { type: 'init-failed'; error: ApiErrorShape }
  | { type: 'settings.write'; settings: Settings }
  | SecretsRequestMessage
  | UpdatesRequestMessage;

export function isCoreHostToParentMessage(value: unknown): value is CoreHostToParentMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return (
    type === 'ready' || type === 'init-failed' || type === 'settings.write' || type === 'secrets.request' || type === 'updates.request'
  );
}

export function isParentToCoreHostMessage(value: unknown): value is ParentToCoreHostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'init' || type === 'shutdown' || type === 'secrets.response' || type === 'updates.response' || type === 'updates.changed';
}

/** A well-formed `secrets.request` (checked field by field: it crossed a process boundary). */
export function isSecretsRequest(value: unknown): value is SecretsRequestMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<SecretsRequestMessage>;
  return (
    m.type === 'secrets.request' &&
    typeof m.id === 'number' &&
    (m.op === 'get' || m.op === 'set' || m.op === 'delete') &&
    typeof m.name === 'string' &&
    m.name.length > 0 &&
    (m.op !== 'set' || typeof m.value === 'string')
  );
}

const UPDATES_OPS: readonly string[] = ['state', 'setFeed', 'check', 'download', 'restart'] satisfies UpdatesOp[];

/** A well-formed `updates.request` (checked field by field: it crossed a process boundary). */
export function isUpdatesRequest(value: unknown): value is UpdatesRequestMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<UpdatesRequestMessage>;
  return (
    m.type === 'updates.request' &&
    typeof m.id === 'number' &&
    typeof m.op === 'string' &&
    UPDATES_OPS.includes(m.op) &&
    (m.op !== 'setFeed' || m.feedUrl === null || typeof m.feedUrl === 'string')
  );
}
