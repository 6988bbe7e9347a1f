/**
 * Runs the core in an Electron utility process so database work never blocks the main
 * process (and with it every window). Speaks core/rpc/rpc.ts over the process's message port.
 */
import { utilityProcess, type UtilityProcess } from 'electron';
import type { ClientTransport } from '../core/rpc/client';
import { say } from '../core/messages/say';
import { ApiError, toApiErrorShape } from '../core/rpc/errors';
import { createRpcClientTransport } from '../core/rpc/rpc';
import { asWriteFailure } from '../core/rpc/write-failure';
import { isWireMessage, type WireMessage } from '../core/rpc/wire';
import { parseStoredSettings, type SettingsStore } from '../core/settings/store';
import type { SecretStore } from '../core/secrets/secret-store';
import type { UpdateService } from '../core/updates/service';
import {
  isCoreHostToParentMessage,
  isSecretsRequest,
  isUpdatesRequest,
  type CoreHostConfig,
  type ParentToCoreHostMessage,
  type SecretsRequestMessage,
  type SecretsResponseMessage,
  type UpdatesRequestMessage,
  type UpdatesResponseMessage,
} from './core-host-protocol';
import { log as defaultLog } from './log';

export interface CoreProcessOptions {
  /** dist/electron/core-host.cjs */
  modulePath: string;
  config: Omit<CoreHostConfig, 'settings' | 'recreateCorruptDatabase'>;
  /** settings.json in userData: read for `init`, written on every `settings.write`. */
  settings: SettingsStore;
  /** The portal token's store (safeStorage): answers the core's `secrets.request`s. */
  secrets?: SecretStore;
  /** electron-updater (electron/updater.ts): answers the core's `updates.request`s; its changes go to the core. */
  updates?: UpdateService;
  /** Called when the core died and could not be brought back. */
  onGone?: (error: ApiError) => void;
  log?: (message: string, error?: unknown) => void;
  /** How long `stop()` waits for a clean exit before killing the process. */
  shutdownTimeoutMs?: number;
}

export interface StartCoreOptions {
  recreateCorruptDatabase?: boolean;
}

export interface CoreProcess extends ClientTransport {
  /** Forks the process and initialises the core; rejects with its ApiError (DB_TOO_NEW, DB_CORRUPT, ...). */
  start(options?: StartCoreOptions): Promise<void>;
  /** Asks the core to close its database and exit; kills it if it does not. */
  stop(): Promise<void>;
}

const RESTARTS_ALLOWED = 1;

export function createCoreProcess(options: CoreProcessOptions): CoreProcess {
  const log = options.log ?? defaultLog;
  const listeners = new Set<(message: WireMessage) => void>();
  let child: UtilityProcess | null = null;
  let ready = false;
  // Calls made while the core is (re)starting wait here for `ready`.
  let queued: WireMessage[] = [];
  let stopping = false;
  let restartsLeft = RESTARTS_ALLOWED;

  const rpc = createRpcClientTransport({
    send(message) {
      if (child && ready) child.postMessage(message);
      else if (child) queued.push(message);
      else throw new ApiError('DISCONNECTED', say('desktop.core.notRunning'));
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });

  const post = (proc: UtilityProcess, message: ParentToCoreHostMessage) => proc.postMessage(message);

  /** Runs one secrets.request against the store; the answer never carries a stack or a value in a log. */
  const answerSecrets = async (request: SecretsRequestMessage): Promise<SecretsResponseMessage> => {
    const store = options.secrets;
    try {
      if (!store) throw new ApiError('SECRETS_UNAVAILABLE', say('desktop.secrets.noStore'));
      if (request.op === 'get') return { type: 'secrets.response', id: request.id, ok: true, value: await store.get(request.name) };
      if (request.op === 'set') await store.set(request.name, request.value!);
      else await store.delete(request.name);
      return { type: 'secrets.response', id: request.id, ok: true };
    } catch (err) {
      if (!(err instanceof ApiError)) log(`The secret store failed to ${request.op} a secret.`, err);
      // A full disk or read-only folder crosses as DISK_FULL / DATA_NOT_WRITABLE, so the core can say so.
      return { type: 'secrets.response', id: request.id, ok: false, error: toApiErrorShape(asWriteFailure(err)) };
    }
  };

  /** Runs one updates.request against the updater, which reports failures as states, not exceptions. */
  const answerUpdates = async (request: UpdatesRequestMessage): Promise<UpdatesResponseMessage> => {
    const updates = options.updates;
    try {
      if (!updates) throw new ApiError('INTERNAL', say('desktop.updates.noUpdater'));
      const state =
        request.op === 'setFeed'
          ? await updates.setFeed(request.feedUrl ?? null)
          : request.op === 'check'
            ? await updates.check()
            : request.op === 'download'
              ? await updates.download()
              : request.op === 'restart'
                ? await updates.restart()
                : await updates.state();
      return { type: 'updates.response', id: request.id, ok: true, state };
    } catch (err) {
      log(`The updater failed to ${request.op}.`, err);
      return { type: 'updates.response', id: request.id, ok: false, error: toApiErrorShape(err) };
    }
  };
  // Every change of the updater's state goes to the core running now, which passes it on as `updates.changed`.
  options.updates?.onChange((state) => {
    if (child && ready) post(child, { type: 'updates.changed', state });
  });

  const spawn = (startOptions: StartCoreOptions): Promise<void> =>
    new Promise((resolve, reject) => {
      const proc = utilityProcess.fork(options.modulePath, [], { serviceName: 'FieldKey core' });
      child = proc;
      ready = false;
      let settled = false;

      proc.on('message', (message: unknown) => {
        if (child !== proc) return;
        if (isWireMessage(message)) {
          for (const listener of [...listeners]) listener(message);
          return;
        }
        if (!isCoreHostToParentMessage(message)) return;
        if (message.type === 'updates.request') {
          if (!isUpdatesRequest(message)) return;
          void answerUpdates(message).then((response) => {
            if (child === proc) post(proc, response);
          });
          return;
        }
        if (message.type === 'secrets.request') {
          // Re-validated here like settings: nothing crossing the process boundary is trusted.
          if (!isSecretsRequest(message)) return;
          void answerSecrets(message).then((response) => {
            if (child === proc) post(proc, response);
          });
          return;
        }
        switch (message.type) {
          case 'ready':
            ready = true;
            settled = true;
            for (const waiting of queued.splice(0)) proc.postMessage(waiting);
            resolve();
            break;
          case 'init-failed':
            settled = true;
            child = null;
            rpc.failPending(ApiError.fromShape(message.error));
            queued = [];
            proc.kill();
            reject(ApiError.fromShape(message.error));
            break;
          case 'settings.write':
            // Re-validated here: the main process trusts nothing that crosses a process boundary.
            // A failed write (full disk) is logged; thrown here it would end the main process.
            try {
              options.settings.write(parseStoredSettings(message.settings));
            } catch (err) {
              log('The settings could not be written.', err);
            }
            break;
        }
      });

      proc.on('exit', (code: number) => {
        if (child !== proc) return; // A process we already replaced or gave up on.
        child = null;
        ready = false;
        queued = [];
        rpc.failPending(new ApiError('DISCONNECTED', say('desktop.core.stopped')));
        if (!settled) {
          settled = true;
          reject(new ApiError('INTERNAL', say('desktop.core.exitedWhileStarting', { exitCode: code })));
          return;
        }
        if (stopping) return;
        if (restartsLeft <= 0) {
          log(`The FieldKey core exited again (exit code ${code}); not restarting it.`);
          options.onGone?.(new ApiError('DISCONNECTED', say('desktop.core.stoppedUnexpectedly', { exitCode: code })));
          return;
        }
        restartsLeft -= 1;
        log(`The FieldKey core exited unexpectedly (exit code ${code}); restarting it.`);
        spawn({}).then(
          () => log('The FieldKey core was restarted.'),
          (err: ApiError) => {
            log('The FieldKey core could not be restarted.', err);
            options.onGone?.(err);
          },
        );
      });

      // Read first: reading is what sets an unreadable file aside.
      const settings = options.settings.read();
      const settingsFileSetAside = options.settings.unreadableFileSetAside?.() ?? null;
      post(proc, {
        type: 'init',
        config: {
          ...options.config,
          settings,
          ...(settingsFileSetAside ? { settingsFileSetAside } : {}),
          ...(startOptions.recreateCorruptDatabase ? { recreateCorruptDatabase: true } : {}),
        },
      });
    });

  return {
    invoke: (method, args) => rpc.invoke(method, args),
    onEvent: (listener) => rpc.onEvent(listener),
    start(startOptions = {}) {
      if (child) return Promise.reject(new ApiError('CONFLICT', say('desktop.core.alreadyRunning')));
      stopping = false;
      return spawn(startOptions);
    },
    stop() {
      const proc = child;
      stopping = true;
      if (!proc) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => proc.kill(), options.shutdownTimeoutMs ?? 3000);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        post(proc, { type: 'shutdown' });
      });
    },
  };
}
