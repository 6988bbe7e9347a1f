const { standIn, electronModule } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);

import fs from 'node:fs';
import type { Mock } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../../core/rpc/errors';
import { DATABASE_FILE_NAME } from '../../../core/core';
import { MemorySettingsStore } from '../../../core/settings/store';
import { runCoreHost } from '../../../electron/core-host';
import { createCoreProcess, type CoreProcess } from '../../../electron/core-process';

type Child = InstanceType<typeof import('../../support/electron-stand-in').StandInUtilityProcess>;

const MODULE = '/app/dist/electron/core-host.cjs';

describe('core in a utility process (stand-in electron)', () => {
  let dataDir: string;
  let settings: MemorySettingsStore;
  let logs: string[];
  let onGone: Mock<(error: ApiError) => void>;
  let core: CoreProcess;
  /** Children that stop answering (to keep a call in flight when the process dies). */
  let silent: boolean;

  beforeEach(() => {
    standIn.reset();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-core-process-'));
    settings = new MemorySettingsStore({ theme: 'light' });
    logs = [];
    onGone = vi.fn<(error: ApiError) => void>();
    silent = false;
    // "The child process": the real core host, in this process, on the stand-in's parentPort.
    standIn.utilityProcess.onFork = (child) => {
      const exit = () => child.exit(0);
      const port = {
        on: child.parentPort.on.bind(child.parentPort),
        postMessage: (message: any) => {
          if (silent && message.type === 'result') return;
          child.parentPort.postMessage(message);
        },
      };
      runCoreHost(port, { exit, log: () => {} });
    };
    core = createCoreProcess({
      modulePath: MODULE,
      config: { dataDir, version: '9.9.9' },
      settings,
      onGone,
      log: (message) => logs.push(message),
    });
  });
  afterEach(async () => {
    await core.stop();
  });

  const lastChild = (): Child => standIn.utilityProcess.forked.at(-1)!;

  it('forks core-host.cjs as a named utility process and serves calls once ready', async () => {
    await core.start();
    expect(standIn.utilityProcess.fork).toHaveBeenCalledWith(MODULE, [], { serviceName: 'FieldKey core' });
    const info = (await core.invoke('app.info', {})) as { version: string; host: string; dataDir: string };
    expect(info).toMatchObject({ version: '9.9.9', host: 'electron', dataDir });
  });

  it('sends the stored settings in init and writes settings.write back to the store', async () => {
    await core.start();
    expect(lastChild().received[0]).toMatchObject({ type: 'init', config: { settings: { theme: 'light' } } });
    await core.invoke('settings.set', { patch: { theme: 'dark' } });
    await vi.waitFor(() => expect(settings.read().theme).toBe('dark'));
  });

  it('passes core events on', async () => {
    await core.start();
    const events: string[] = [];
    core.onEvent((name) => events.push(name));
    await core.invoke('settings.set', { patch: { theme: 'dark' } });
    await vi.waitFor(() => expect(events).toContain('settings.changed'));
  });

  it('rejects start with DB_TOO_NEW as an ApiError and kills the process', async () => {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(dataDir, DATABASE_FILE_NAME));
    db.pragma('user_version = 999');
    db.close();
    const err = await core.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('DB_TOO_NEW');
    await vi.waitFor(() => expect(lastChild().alive).toBe(false));
  });

  it('starts again with recreateCorruptDatabase after DB_CORRUPT', async () => {
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE_NAME), 'garbage that is not SQLite');
    await expect(core.start()).rejects.toMatchObject({ code: 'DB_CORRUPT' });
    await core.start({ recreateCorruptDatabase: true });
    expect(lastChild().received[0]).toMatchObject({ type: 'init', config: { recreateCorruptDatabase: true } });
    expect(standIn.utilityProcess.forked).toHaveLength(2);
  });

  it('when the process dies: the call in flight fails with DISCONNECTED, the core restarts once and it is logged', async () => {
    await core.start();
    silent = true;
    const inFlight = core.invoke('app.info', {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    lastChild().exit(139);
    await expect(inFlight).rejects.toMatchObject({ code: 'DISCONNECTED' });
    silent = false;

    await vi.waitFor(() => expect(standIn.utilityProcess.forked).toHaveLength(2));
    await vi.waitFor(() => expect(logs).toContain('The FieldKey core was restarted.'));
    expect(logs.some((line) => line.includes('exit code 139'))).toBe(true);
    expect(await core.invoke('app.info', {})).toMatchObject({ host: 'electron' });
    expect(onGone).not.toHaveBeenCalled();
  });

  it('a call made while the core restarts waits for it instead of failing', async () => {
    await core.start();
    lastChild().exit(1);
    await vi.waitFor(() => expect(standIn.utilityProcess.forked).toHaveLength(2));
    await expect(core.invoke('settings.get', {})).resolves.toMatchObject({ theme: 'light' });
  });

  it('restarts only once: a second death reports the core gone and calls fail with DISCONNECTED', async () => {
    await core.start();
    lastChild().exit(1);
    await vi.waitFor(() => expect(logs).toContain('The FieldKey core was restarted.'));
    lastChild().exit(1);
    await vi.waitFor(() => expect(onGone).toHaveBeenCalledTimes(1));
    expect(standIn.utilityProcess.forked).toHaveLength(2);
    await expect(core.invoke('app.info', {})).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });

  it('stop asks the core to shut down and does not restart it', async () => {
    await core.start();
    await core.stop();
    expect(lastChild().received.at(-1)).toEqual({ type: 'shutdown' });
    expect(lastChild().alive).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(standIn.utilityProcess.forked).toHaveLength(1);
    expect(onGone).not.toHaveBeenCalled();
  });

  it('stop kills a core that does not exit by itself', async () => {
    standIn.utilityProcess.onFork = (child) => runCoreHost(child.parentPort, { exit: () => {}, log: () => {} });
    const stubborn = createCoreProcess({
      modulePath: MODULE,
      config: { dataDir, version: '1' },
      settings,
      shutdownTimeoutMs: 10,
      log: () => {},
    });
    await stubborn.start();
    await stubborn.stop();
    expect(lastChild().alive).toBe(false);
  });
});
