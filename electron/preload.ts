/**
 * The sandboxed preload: exposes `window.fieldkey` (invoke + onEvent) and nothing else. It must
 * bundle to CommonJS that requires only 'electron' (a sandboxed preload can load nothing more),
 * so its two errors carry their message codes (core/messages desktop.json) as plain strings.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { FieldKeyBridge } from '../core/rpc/transport/bridge-client';
import type { InvokeOutcome } from '../core/rpc/wire';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';

const bridge: FieldKeyBridge = {
  invoke(method: string, args: unknown): Promise<InvokeOutcome> {
    if (typeof method !== 'string') {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_METHOD', message: 'The method name must be a string.', messageCode: 'desktop.ipc.methodNotString' },
      });
    }
    return (ipcRenderer.invoke(INVOKE_CHANNEL, method, args) as Promise<InvokeOutcome>).catch(() => ({
      ok: false as const,
      error: {
        code: 'DISCONNECTED' as const,
        message: 'FieldKey lost its connection to the main process.',
        messageCode: 'desktop.ipc.lostMainProcess' as const,
      },
    }));
  },
  onEvent(listener: (name: string, payload: unknown) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function.');
    // The IpcRendererEvent is not passed on: it would hand the page ipcRenderer itself.
    const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('fieldkey', bridge);
