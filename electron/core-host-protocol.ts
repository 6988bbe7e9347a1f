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
  /** The settings as stored by the main process (electron-store). */
  settings: Settings;
}

export type ParentToCoreHostMessage = { type: 'init'; config: CoreHostConfig } | { type: 'shutdown' };

export type CoreHostToParentMessage =
  | { type: 'ready' }
  | { type: 'init-failed'; error: ApiErrorShape }
  | { type: 'settings.write'; settings: Settings };

export function isCoreHostToParentMessage(value: unknown): value is CoreHostToParentMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'ready' || type === 'init-failed' || type === 'settings.write';
}

export function isParentToCoreHostMessage(value: unknown): value is ParentToCoreHostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'init' || type === 'shutdown';
}
