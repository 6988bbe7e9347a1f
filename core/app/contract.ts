import { z } from 'zod';
import { method } from '../rpc/define';
import type { ExportedFile } from '../export/contract';

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

/** Where a renderer error was caught. */
export const RENDERER_ERROR_SOURCES = ['window.error', 'unhandledrejection', 'error-boundary'] as const;

/** A renderer failure for the core's log: bounded, so a page cannot flood it through one call. */
export const rendererErrorSchema = z
  .object({
    source: z.enum(RENDERER_ERROR_SOURCES),
    message: z.string().max(2000),
    stack: z.string().max(16_000).optional(),
    /** React's component stack, from the error boundary. */
    componentStack: z.string().max(16_000).optional(),
    /** The page shown (the hash route's page name). */
    page: z.string().max(100).optional(),
  })
  .strict();

export type RendererError = z.infer<typeof rendererErrorSchema>;

export const appMethods = {
  'app.info': method<AppInfo>()(z.object({}).strict()),
  /** Checks the portal now instead of waiting for the next interval. */
  'app.checkOnline': method<OnlineState>()(z.object({}).strict()),
  /**
   * Logs an error the renderer caught (uncaught error, unhandled rejection, error boundary).
   * Rate-limited: `logged` is false when too many came in the last minute.
   */
  'app.reportError': method<{ logged: boolean }>()(rendererErrorSchema),
  /**
   * A `.zip` for support: logs, versions, schema version, data folder file sizes, sync state,
   * outbox counts by status, settings and the last errors; nothing secret.
   */
  'app.diagnostics': method<ExportedFile>()(z.object({}).strict()),
};

export interface AppEvents {
  'app.onlineChanged': OnlineState;
}
