/**
 * Updates across the app's processes: the renderer's calls reach the core (in a stand-in Electron
 * utility process), which asks the main process's UpdateController over the parent port; that
 * drives electron-updater's real NsisUpdater against a local latest.yml feed (stand-in Electron
 * app), and every state comes back to the renderer as `updates.changed`.
 */
const { standIn, electronModule } = await vi.hoisted(() => import('../../support/electron-stand-in'));
vi.mock('electron', () => electronModule);

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiClient } from '../../../core/api/client';
import { MemorySettingsStore } from '../../../core/settings/store';
import type { UpdateState } from '../../../core/updates/contract';
import { runCoreHost } from '../../../electron/core-host';
import { createCoreProcess, type CoreProcess } from '../../../electron/core-process';
import { UpdateController } from '../../../electron/updater';
import { latestYml, realNsisUpdater, startFeed } from '../../support/update-feed';

describe('updates through the core utility process (stand-in electron, real NsisUpdater, local feed)', () => {
  let dir: string;
  let core: CoreProcess | null = null;
  let feed: Awaited<ReturnType<typeof startFeed>> | null = null;

  beforeEach(() => {
    standIn.reset();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-updates-ipc-'));
    standIn.utilityProcess.onFork = (child) => runCoreHost(child.parentPort, { exit: () => child.exit(0), log: () => {} });
  });
  afterEach(async () => {
    await core?.stop();
    core = null;
    await feed?.close();
    feed = null;
  });

  const start = async (updates: UpdateController) => {
    core = createCoreProcess({
      modulePath: '/app/dist/electron/core-host.cjs',
      config: { dataDir: path.join(dir, 'data'), version: '0.1.0' },
      settings: new MemorySettingsStore(),
      updates,
      log: () => {},
    });
    await core.start();
    const client = createApiClient(core);
    const seen: UpdateState[] = [];
    client.on('updates.changed', (state) => seen.push(state));
    return { client, seen };
  };

  it('no feed set: not-configured; with the feed in Settings a check finds 0.2.0, downloads it and is ready to restart', async () => {
    const installer = { name: 'FieldKey-Setup-0.2.0.exe', bytes: randomBytes(512 * 1024) };
    feed = await startFeed(
      new Map<string, string | Buffer>([
        ['/feed/latest.yml', latestYml('0.2.0', installer)],
        [`/feed/${installer.name}`, installer.bytes],
      ]),
    );
    const { updater } = realNsisUpdater(path.join(fs.mkdtempSync(path.join(dir, 'app-'))));
    const { client, seen } = await start(new UpdateController({ updater, log: () => {} }));

    expect(await client.invoke('updates.state')).toEqual({ status: 'not-configured' });
    await client.invoke('settings.set', { patch: { updateFeedUrl: feed.url } });
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ status: 'idle' }), { timeout: 10_000 });

    expect(await client.invoke('updates.check')).toEqual({ status: 'checking' });
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ status: 'available', version: '0.2.0' }), { timeout: 15_000 });

    expect(await client.invoke('updates.download')).toMatchObject({ status: 'downloading', version: '0.2.0' });
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ status: 'downloaded', version: '0.2.0' }), { timeout: 15_000 });
    expect(await client.invoke('updates.state')).toEqual({ status: 'downloaded', version: '0.2.0' });
  });

  it('a feed address that is not http(s) is refused by settings.set, naming the field', async () => {
    const { client } = await start(new UpdateController({ updater: null }));
    await expect(client.invoke('settings.set', { patch: { updateFeedUrl: 'file:///etc/' } })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { fields: [expect.objectContaining({ field: 'patch.updateFeedUrl' })] },
    });
  });

  it('a copy run from its sources (no updater): updates.state and updates.check answer unavailable, not-installed', async () => {
    const { client } = await start(new UpdateController({ updater: null }));
    expect(await client.invoke('updates.state')).toEqual({ status: 'unavailable', reason: 'not-installed' });
    expect(await client.invoke('updates.check')).toEqual({ status: 'unavailable', reason: 'not-installed' });
  });
});
