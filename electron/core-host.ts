/**
 * The core's side of the utility process: waits for `init`, builds the core, then serves the
 * API over the parent port. Written against a port-like object so tests need no Electron.
 */
import { z } from 'zod';
import { say } from '../core/messages/say';
import { ApiError, toApiErrorShape } from '../core/rpc/errors';
import { serveRpc } from '../core/rpc/rpc';
import { isWireMessage, type MessageChannelLike, type WireMessage } from '../core/rpc/wire';
import { createCore, openAppDatabase, type Core } from '../core/core';
import type { OpenedDatabase } from '../core/db/database';
import { configureSqlite } from '../core/db/sqlite';
import { startEmbeddedPortal } from '../portal-sandbox/embedded';
import { createFilesPrivately, restrictFileModes } from '../core/fs/private-modes';
import { parseStoredSettings } from '../core/settings/store';
import { isParentToCoreHostMessage, type CoreHostToParentMessage } from './core-host-protocol';
import { ParentSecretStore } from './parent-secret-store';
import { ParentSettingsStore } from './parent-settings-store';
import { ParentUpdateService } from './parent-update-service';
import { createFileLogger, silentLogger, type Logger } from '../core/log/logger';
import { routeRequestFailures } from '../core/http/request-guard';

/** The part of Electron's `process.parentPort` used here. */
export interface ParentPortLike {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** What the core host needs of the embedded sandbox. */
type EmbeddedPortalLike = { url: string; notice?: string; sandboxSecret?: string; close(): Promise<void> };

export interface CoreHostDeps {
  createCore?: typeof createCore;
  /** Starts the sandbox portal used when no portal is configured. */
  startEmbeddedPortal?: (dataDir: string) => Promise<EmbeddedPortalLike>;
  /** Ends the process after `shutdown`; tests pass a spy. */
  exit?: (code: number) => void;
  log?: (message: string, error?: unknown) => void;
  /** Where the embedded sandbox's links go (the terminal that started the app). */
  info?: (message: string) => void;
  /** The core's log file, once the data folder is known good; `<data folder>/logs/core.log` by default. */
  createLog?: (dataDir: string) => Logger;
}

const initConfigSchema = z.object({
  dataDir: z.string().min(1),
  version: z.string().min(1),
  nativeBinding: z.string().min(1).optional(),
  recreateCorruptDatabase: z.boolean().optional(),
  portalUrlOverride: z
    .string()
    .url()
    .refine((url) => /^https?:\/\//i.test(url), 'an http:// or https:// address')
    .optional(),
  settings: z.unknown(),
  settingsFileSetAside: z.string().min(1).optional(),
  systemLocales: z.array(z.string().max(100)).max(50).optional(),
});

export function runCoreHost(port: ParentPortLike, deps: CoreHostDeps = {}): void {
  const build = deps.createCore ?? createCore;
  const exit = deps.exit ?? ((code: number) => process.exit(code));
  const stderrLog = deps.log ?? ((message: string, error?: unknown) => console.error(`[FieldKey core] ${message}`, error ?? ''));
  const createLog = deps.createLog ?? ((dataDir: string) => createFileLogger({ dataDir, process: 'core' }));
  // Until the data folder is checked there is no file to write to: stderr alone.
  let fileLog: Logger = silentLogger;
  let unrouteRequestFailures = () => {};
  const log = (message: string, error?: unknown) => {
    stderrLog(message, error);
    fileLog.error(message, {}, error);
  };
  const info = deps.info ?? ((message: string) => console.log(message));
  const send = (message: CoreHostToParentMessage | WireMessage) => port.postMessage(message);
  const rpcListeners = new Set<(message: WireMessage) => void>();
  let core: Core | null = null;
  let starting = false;
  let embeddedPortal: EmbeddedPortalLike | null = null;
  let stopServing: (() => void) | null = null;
  // safeStorage lives in the main process: the portal token is asked for over the parent port.
  const secretStore = new ParentSecretStore((message) => send(message));
  // electron-updater runs in the main process: updates are asked for over the parent port too.
  const updateService = new ParentUpdateService((message) => send(message));

  const channel: MessageChannelLike = {
    send,
    onMessage(listener) {
      rpcListeners.add(listener);
      return () => rpcListeners.delete(listener);
    },
  };

  const init = async (rawConfig: unknown) => {
    // Already serving or starting: a second init would open the database twice.
    if (core || starting) return;
    const parsed = initConfigSchema.safeParse(rawConfig);
    if (!parsed.success) {
      send({
        type: 'init-failed',
        error: toApiErrorShape(new ApiError('VALIDATION', say('desktop.core.badConfiguration', { reason: parsed.error.message }))),
      });
      return;
    }
    const config = parsed.data;
    const settingsStore = new ParentSettingsStore(
      parseStoredSettings(config.settings),
      (settings) => send({ type: 'settings.write', settings }),
      config.settingsFileSetAside ?? null,
    );
    starting = true;
    createFilesPrivately();
    let database: OpenedDatabase | null = null;
    try {
      // The data folder and the database first: a bad folder or database is reported before the
      // embedded sandbox writes anything there.
      // Every database this process opens (the embedded sandbox's too) takes Electron's binding.
      configureSqlite({ nativeBinding: config.nativeBinding });
      database = openAppDatabase({ dataDir: config.dataDir, recreateCorruptDatabase: config.recreateCorruptDatabase });
      const opened = createLog(config.dataDir);
      fileLog = opened;
      fileLog.info('host.starting', { host: 'electron', version: config.version, dataDir: config.dataDir });
      unrouteRequestFailures = routeRequestFailures((server, request, err) =>
        opened.error('http.request_failed', { server, request }, err),
      );
      // No portal configured: the sandbox portal with demo data runs here, beside the core.
      if (!embeddedPortal && config.portalUrlOverride === undefined && settingsStore.read().portalUrl === null) {
        try {
          embeddedPortal = await (deps.startEmbeddedPortal ?? startEmbeddedPortal)(config.dataDir);
          fileLog.addSecret(embeddedPortal.sandboxSecret);
          fileLog.info('sandbox.started', { url: embeddedPortal.url });
          if (embeddedPortal.notice) info(embeddedPortal.notice);
        } catch (err) {
          log('The embedded sandbox portal could not start; FieldKey runs without a portal.', err);
        }
      }
      core = build({
        version: config.version,
        dataDir: config.dataDir,
        host: 'electron',
        settingsStore,
        secretStore,
        updateService,
        database,
        portalUrlOverride: config.portalUrlOverride ?? null,
        embeddedPortalUrl: embeddedPortal?.url ?? null,
        log: fileLog,
        // Settings → Language `system` follows the OS's languages, as the menu does (not the process's environment).
        ...(config.systemLocales ? { systemLocales: config.systemLocales } : {}),
      });
    } catch (err) {
      database?.db.close();
      // DATA_DIR_UNUSABLE, DB_TOO_NEW and DB_CORRUPT arrive as ApiError; anything else (a native
      // binding built for the wrong ABI, say) keeps its message, which goes to the main process
      // only, not a page.
      if (err instanceof ApiError) send({ type: 'init-failed', error: toApiErrorShape(err) });
      else {
        log('The core could not start.', err);
        send({
          type: 'init-failed',
          error: toApiErrorShape(
            new ApiError('INTERNAL', say('desktop.core.couldNotStart', { reason: (err as Error)?.message ?? String(err) })),
          ),
        });
      }
      return;
    } finally {
      starting = false;
    }
    // What an earlier version or a looser umask left readable by other users becomes private.
    try {
      restrictFileModes(config.dataDir);
    } catch (err) {
      log('Could not make every file in the data folder private.', err);
    }
    stopServing = serveRpc(core.server, channel);
    fileLog.info('host.started', {});
    send({ type: 'ready' });
  };

  const shutdown = async () => {
    fileLog.info('host.stopping', {});
    stopServing?.();
    stopServing = null;
    try {
      core?.close();
    } catch (err) {
      log('Closing the core failed.', err);
    }
    core = null;
    secretStore.dispose();
    updateService.dispose();
    await embeddedPortal?.close().catch((err: unknown) => log('Closing the sandbox portal failed.', err));
    embeddedPortal = null;
    fileLog.info('host.stopped', {});
    unrouteRequestFailures();
    fileLog.close();
    exit(0);
  };

  port.on('message', ({ data }) => {
    if (isWireMessage(data)) {
      if (core) for (const listener of [...rpcListeners]) listener(data);
      else if (data.type === 'invoke') {
        send({
          type: 'result',
          id: data.id,
          ok: false,
          error: toApiErrorShape(new ApiError('DISCONNECTED', say('desktop.core.notStartedYet'))),
        });
      }
      return;
    }
    if (!isParentToCoreHostMessage(data)) return;
    if (data.type === 'secrets.response') secretStore.handleResponse(data);
    else if (data.type === 'updates.response') updateService.handleResponse(data);
    else if (data.type === 'updates.changed') updateService.handleChanged(data);
    else if (data.type === 'init') void init(data.config);
    else void shutdown();
  });
}
