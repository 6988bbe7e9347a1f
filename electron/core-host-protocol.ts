/**
 * Messages between the main process and the core's utility process, besides the RPC wire
 * messages of core/api/wire.ts (whose `type`s never collide with these).
 */
import type { ApiErrorShape } from '../core/api/errors';
import type { Settings } from '../core/settings/contract';

export interface CoreHostConfig {
  dataDir: string;
  version: string;
  /** better_sqlite3.node built for Electron's ABI, when one was found. */
  nativeBinding?: string;
  /** The user agreed to set an unreadable database aside and start fresh. */
  recreateCorruptDatabase?: boolean;
  /** A portal given at launch (`npm start -- --portal URL`): wins over the setting, and no embedded portal starts. */
  portalUrlOverride?: string;
  /** The settings as stored by the main process (electron-store). */
  settings: Settings;
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

export type ParentToCoreHostMessage = { type: 'init'; config: CoreHostConfig } | { type: 'shutdown' } | SecretsResponseMessage;

export type CoreHostToParentMessage =
  | { type: 'ready' }
  | { type: 'init-failed'; error: ApiErrorShape }
  | { type: 'settings.write'; settings: Settings }
  | SecretsRequestMessage;

export function isCoreHostToParentMessage(value: unknown): value is CoreHostToParentMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'ready' || type === 'init-failed' || type === 'settings.write' || type === 'secrets.request';
}

export function isParentToCoreHostMessage(value: unknown): value is ParentToCoreHostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'init' || type === 'shutdown' || type === 'secrets.response';
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
