import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { ClientTransport } from '../core/rpc/client';
import { say } from '../core/messages/say';
import { ApiError, toApiErrorShape } from '../core/rpc/errors';
import type { InvokeOutcome } from '../core/rpc/wire';
import { isAppUrl } from './app-origin';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';
import { log } from './log';

export interface IpcOptions {
  /** The connection to the core (the utility process, or a stand-in in tests). */
  core: ClientTransport;
  /** Whether these web contents belong to a window FieldKey created. */
  isAppWebContents: (contents: WebContents) => boolean;
}

/**
 * Whether an IPC call comes from our own page: the main frame (not an iframe) of one of our
 * windows, currently showing the app's origin. A navigation bypass or a stray frame fails here
 * (VS Code's ipcMain does the same before any handler runs).
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  isAppWebContents: IpcOptions['isAppWebContents'],
): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!isAppUrl(frame.url)) return false;
  return isAppWebContents(event.sender);
}

/** Serves `fieldkey:invoke` and forwards core events to our windows. Returns a function that undoes both. */
export function registerIpc(options: IpcOptions): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, args: unknown): Promise<InvokeOutcome> => {
    if (!isTrustedSender(event, options.isAppWebContents)) {
      log(`Refused an IPC call from an untrusted frame (${event.senderFrame?.url ?? 'no frame'}).`);
      return { ok: false, error: toApiErrorShape(new ApiError('FORBIDDEN', say('desktop.ipc.forbidden'))) };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: toApiErrorShape(new ApiError('UNKNOWN_METHOD', say('desktop.ipc.methodNotString'))) };
    }
    try {
      return { ok: true, result: await options.core.invoke(method, args) };
    } catch (err) {
      return { ok: false, error: toApiErrorShape(err) };
    }
  });

  const stopEvents = options.core.onEvent((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (window.isDestroyed()) continue;
      const contents = window.webContents;
      if (contents.isDestroyed() || !options.isAppWebContents(contents) || !isAppUrl(contents.getURL())) continue;
      contents.send(EVENT_CHANNEL, name, payload);
    }
  });

  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    stopEvents();
  };
}
