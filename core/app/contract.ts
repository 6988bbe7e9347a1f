import { z } from 'zod';
import { method } from '../api/define';

export interface AppInfo {
  /** FieldKey's version (package.json). */
  version: string;
  /** Where the database, settings and backups live. */
  dataDir: string;
  /** The database file in use. */
  databaseFile: string;
  /** PRAGMA user_version of the open database. */
  schemaVersion: number;
  /** The portal FieldKey talks to, or null when none is configured. */
  portalUrl: string | null;
  /**
   * The sandbox portal the host started in-process because none was configured, or null. Its demo
   * account is public, so the sign-in page can name it when this is the portal in use.
   */
  embeddedPortalUrl: string | null;
  /** Whether the portal answered the last connectivity check. */
  online: boolean;
  /** When the last connectivity check finished (ISO 8601), or null before the first. */
  onlineCheckedAt: string | null;
  /** Which host runs the core: the Electron desktop app or the browser host. */
  host: 'electron' | 'browser';
  /**
   * Where a settings file that could not be read was moved at this start (defaults are in use),
   * or null: the renderer tells the user once.
   */
  settingsFileSetAside: string | null;
}

export interface OnlineState {
  online: boolean;
  portalUrl: string | null;
  checkedAt: string | null;
}

export const appMethods = {
  'app.info': method<AppInfo>()(z.object({}).strict()),
  /** Checks the portal now instead of waiting for the next interval. */
  'app.checkOnline': method<OnlineState>()(z.object({}).strict()),
};

export interface AppEvents {
  'app.onlineChanged': OnlineState;
}
