/**
 * The set-up most core tests repeat: the sandbox portal (seed `demo`) in this process, real cores
 * (real SQLite in temp dirs) pointed at it, signed in as demo/demo. `useSandboxCores()` registers
 * its own hooks; everything it started is stopped and every temp dir it made is removed.
 */
import fs from 'node:fs';
import type { SandboxPortalOptions } from '../../portal-sandbox/server';
import { startTestPortal, type TestPortal } from './sandbox-portal';
import { makeSyncCore, type SyncCoreOptions, type SyncTestCore } from './sync-core';

export interface SandboxCoresOptions extends Partial<SandboxPortalOptions> {
  /** 'each' (default): a fresh portal for every test; 'all': one for the whole describe/file. */
  scope?: 'each' | 'all';
}

export interface SandboxCores {
  /** The portal of the running test: a stable handle, valid inside hooks and tests. */
  readonly portal: TestPortal;
  /** A core pointed at the portal (`portalUrl` may be overridden, also with null); closed after the test. */
  core(options?: Partial<SyncCoreOptions>): SyncTestCore;
  /** A core that settled its start-up online check, signed in as demo/demo and finished its first sync. */
  signedInCore(options?: Partial<SyncCoreOptions>): Promise<SyncTestCore>;
  /** Stops the portal (if it still runs) and starts it again on the same port and data. */
  restartPortal(): Promise<TestPortal>;
  /** Another sandbox portal (its own data), stopped after the test. */
  otherPortal(options?: Partial<SandboxPortalOptions>): Promise<TestPortal>;
}

const removeDir = (dir: string) => fs.rmSync(dir, { recursive: true, force: true });

export function useSandboxCores(options: SandboxCoresOptions = {}): SandboxCores {
  const { scope = 'each', ...portalOptions } = options;
  let current: TestPortal | null = null;
  /** Cores made inside a test are closed after it; those made in beforeAll, after all. */
  let inTest = false;
  const testCores: SyncTestCore[] = [];
  const fileCores: SyncTestCore[] = [];
  const testPortals: TestPortal[] = [];
  const filePortals: TestPortal[] = [];
  const dirs: string[] = [];

  const start = async () => {
    current = await startTestPortal(portalOptions);
    if (portalOptions.dataDir === undefined) dirs.push(current.dataDir);
  };
  const stop = async () => {
    const portal = current;
    current = null;
    await portal?.close();
  };
  const closeCores = (cores: SyncTestCore[]) => {
    for (const made of cores.splice(0)) made.close();
  };
  const cleanUpTest = async () => {
    inTest = false;
    closeCores(testCores);
    for (const other of testPortals.splice(0)) await other.close();
    current?.faults.clear();
  };

  const portal = new Proxy({} as TestPortal, {
    get(_target, key) {
      if (!current) throw new Error('useSandboxCores: the portal is only there inside hooks and tests.');
      return current[key as keyof TestPortal];
    },
  });

  const core = (coreOptions: Partial<SyncCoreOptions> = {}) => {
    const made = makeSyncCore({ portalUrl: current?.url ?? null, ...coreOptions });
    if (coreOptions.dataDir === undefined) dirs.push(made.dataDir);
    (inTest ? testCores : fileCores).push(made);
    return made;
  };

  if (scope === 'all') {
    beforeAll(start);
    beforeEach(() => {
      inTest = true;
    });
    afterEach(cleanUpTest);
  } else {
    beforeEach(async () => {
      inTest = true;
      await start();
    });
    afterEach(async () => {
      await cleanUpTest();
      await stop();
    });
  }
  afterAll(async () => {
    closeCores(fileCores);
    for (const other of filePortals.splice(0)) await other.close();
    await stop();
    for (const dir of dirs.splice(0)) removeDir(dir);
  });

  return {
    portal,
    core,
    async signedInCore(coreOptions) {
      const made = core(coreOptions);
      await made.client.invoke('app.checkOnline'); // settle the start-up check first
      await made.client.invoke('session.login', { username: 'demo', password: 'demo' });
      expect((await made.client.invoke('sync.now')).ok).toBe(true); // joins the pull the sign-in started
      return made;
    },
    async restartPortal() {
      if (!current) throw new Error('useSandboxCores: no portal to restart.');
      const { port, dataDir } = current;
      await current.close();
      current = await startTestPortal({ ...portalOptions, port, dataDir });
      return current;
    },
    async otherPortal(otherOptions = {}) {
      const other = await startTestPortal({ seed: 'demo', ...otherOptions });
      if (otherOptions.dataDir === undefined) dirs.push(other.dataDir);
      (inTest ? testPortals : filePortals).push(other);
      return other;
    },
  };
}
