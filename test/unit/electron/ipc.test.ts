const { standIn, electronModule, StandInFrame } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);

import type { ClientTransport } from '../../../core/rpc/client';
import { ApiError } from '../../../core/rpc/errors';
import { registerIpc } from '../../../electron/ipc';
import { createMainWindow, isAppWebContents } from '../../../electron/window';

type Window = InstanceType<typeof standIn.BrowserWindow>;

/** A core connection that records calls and can emit events. */
function fakeCore() {
  const calls: Array<[string, unknown]> = [];
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const core: ClientTransport & { calls: typeof calls; emit(name: string, payload: unknown): void } = {
    calls,
    async invoke(method, args) {
      calls.push([method, args]);
      if (method === 'fails') throw new ApiError('CONFLICT', 'Already redeemed.');
      return { method };
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(name, payload) {
      for (const listener of listeners) listener(name, payload);
    },
  };
  return core;
}

describe('IPC in the main process (stand-in electron)', () => {
  let core: ReturnType<typeof fakeCore>;
  let window: Window;
  let dispose: () => void;

  beforeEach(async () => {
    standIn.reset();
    vi.spyOn(console, 'error').mockImplementation(() => {}); // Refusals are logged; keep the output readable.
    standIn.app.becomeReady();
    core = fakeCore();
    window = createMainWindow({ preloadPath: '/preload.cjs', iconPath: '/icon.png' }) as unknown as Window;
    dispose = registerIpc({ core, isAppWebContents });
  });
  afterEach(() => dispose());

  const invokeFrom = (sender: unknown, senderFrame: unknown, method: unknown = 'app.info', args: unknown = {}) =>
    standIn.ipcMain.invokeAs({ sender, senderFrame }, 'fieldkey:invoke', method, args);

  it('forwards a call from our window main frame and returns the outcome', async () => {
    await expect(invokeFrom(window.webContents, window.webContents.mainFrame)).resolves.toEqual({
      ok: true,
      result: { method: 'app.info' },
    });
    expect(core.calls).toEqual([['app.info', {}]]);
  });

  it('returns a core error as an outcome, never a thrown error', async () => {
    await expect(invokeFrom(window.webContents, window.webContents.mainFrame, 'fails')).resolves.toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Already redeemed.' },
    });
  });

  it.each([
    ['a page of another origin', 'https://evil.example/'],
    ['a file:// page', 'file:///tmp/index.html'],
    ['another app:// host', 'app://other/'],
    ['an empty URL (the frame is loading)', ''],
  ])('refuses, before anything runs, a call from %s', async (_label, url) => {
    window.webContents.mainFrame.url = url;
    const outcome = await invokeFrom(window.webContents, window.webContents.mainFrame);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.calls).toEqual([]);
  });

  it('refuses a call from an iframe, even one on the app origin', async () => {
    const iframe = new StandInFrame('app://fieldkey/embedded', window.webContents.mainFrame);
    await expect(invokeFrom(window.webContents, iframe)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.calls).toEqual([]);
  });

  it('refuses a call whose frame is gone (navigated or destroyed)', async () => {
    await expect(invokeFrom(window.webContents, null)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a call from a window FieldKey did not create, even on the app origin', async () => {
    const stray = new standIn.BrowserWindow({});
    stray.webContents.mainFrame.url = 'app://fieldkey/';
    await expect(invokeFrom(stray.webContents, stray.webContents.mainFrame)).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(core.calls).toEqual([]);
  });

  it('refuses a method name that is not a string', async () => {
    await expect(invokeFrom(window.webContents, window.webContents.mainFrame, 42)).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(core.calls).toEqual([]);
  });

  it('sends core events to our windows on fieldkey:event, and to no other window', () => {
    const stray = new standIn.BrowserWindow({});
    stray.webContents.mainFrame.url = 'app://fieldkey/';
    core.emit('settings.changed', { theme: 'dark' });
    expect(window.webContents.sent).toEqual([{ channel: 'fieldkey:event', args: ['settings.changed', { theme: 'dark' }] }]);
    expect(stray.webContents.sent).toEqual([]);
  });

  it('stops answering and forwarding once disposed', async () => {
    dispose();
    core.emit('settings.changed', {});
    expect(window.webContents.sent).toEqual([]);
    await expect(invokeFrom(window.webContents, window.webContents.mainFrame)).rejects.toThrow(/No handler/);
    dispose = () => {};
  });
});
