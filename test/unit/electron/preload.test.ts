import path from 'node:path';
import { build } from 'esbuild';
import type { Message } from '../../../core/messages/catalogue';
import { say } from '../../../core/messages/say';
import type { FieldKeyBridge } from '../../../core/rpc/transport/bridge-client';

/** A Message as an error shape carries it. */
const messageOf = ({ code, message }: Message) => ({ message, messageCode: code });

const { standIn, electronModule, StandInWebContents, StandInSession } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);

const root = path.resolve(__dirname, '../../..');

async function loadPreload(): Promise<FieldKeyBridge> {
  vi.resetModules();
  await import('../../../electron/preload');
  return standIn.contextBridge.exposed.fieldkey as FieldKeyBridge;
}

describe('preload (stand-in electron)', () => {
  beforeEach(() => {
    standIn.reset();
    standIn.renderer = new StandInWebContents(new StandInSession());
    standIn.renderer.mainFrame.url = 'app://fieldkey/';
  });

  it('exposes exactly one object, window.fieldkey, with exactly invoke and onEvent', async () => {
    const bridge = await loadPreload();
    expect(standIn.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(Object.keys(standIn.contextBridge.exposed)).toEqual(['fieldkey']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.onEvent).toBe('function');
  });

  it('bundles to CommonJS that requires nothing but electron (a sandboxed preload can load nothing else)', async () => {
    const result = await build({
      entryPoints: [path.join(root, 'electron/preload.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      external: ['electron'],
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    const required = [...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(code).not.toMatch(/\bimport\s*\(/);
  });

  it('sends invoke on the fieldkey:invoke channel and resolves to the main process outcome', async () => {
    const bridge = await loadPreload();
    const calls: unknown[][] = [];
    standIn.ipcMain.handle('fieldkey:invoke', (_event, ...args) => {
      calls.push(args);
      return { ok: true, result: { echoed: args[1] } };
    });
    await expect(bridge.invoke('app.info', { a: 1 })).resolves.toEqual({ ok: true, result: { echoed: { a: 1 } } });
    expect(calls).toEqual([['app.info', { a: 1 }]]);
  });

  it('refuses a method that is not a string without sending anything', async () => {
    const bridge = await loadPreload();
    const handler = vi.fn();
    standIn.ipcMain.handle('fieldkey:invoke', handler);
    const outcome = await bridge.invoke({ toString: () => 'app.info' } as unknown as string, {});
    // Its code and English are the catalogue's (the preload cannot load it, so it spells them out).
    expect(outcome).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', ...messageOf(say('desktop.ipc.methodNotString')) } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('turns a failed IPC round trip into a DISCONNECTED outcome instead of a thrown error', async () => {
    const bridge = await loadPreload();
    await expect(bridge.invoke('app.info', {})).resolves.toEqual({
      ok: false,
      error: { code: 'DISCONNECTED', ...messageOf(say('desktop.ipc.lostMainProcess')) },
    });
  });

  it('passes events on as (name, payload) only, never the IPC event object, and unsubscribes', async () => {
    const bridge = await loadPreload();
    const received: unknown[][] = [];
    const off = bridge.onEvent((...args: unknown[]) => received.push(args));
    standIn.renderer!.send('fieldkey:event', 'settings.changed', { theme: 'dark' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual([['settings.changed', { theme: 'dark' }]]);

    off();
    expect(standIn.ipcRenderer.listenerCount('fieldkey:event')).toBe(0);
    standIn.renderer!.send('fieldkey:event', 'settings.changed', { theme: 'light' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toHaveLength(1);
  });
});
