import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '../../../core/core';
import { startBrowserHost, type BrowserHost } from '../../../core/host/browser-host';
import { makeTestCore } from '../../support/contract-suite';

/** The browser host cannot update itself: it says so through the same contract the desktop app serves. */
describe('updates in the browser host (real host over HTTP)', () => {
  let core: Core;
  let host: BrowserHost;

  beforeEach(async () => {
    core = makeTestCore();
    const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>FieldKey</title>');
    host = await startBrowserHost({ server: core.server, staticDir });
  });
  afterEach(async () => {
    await host.close();
    core.close();
  });

  const invoke = async (method: string, args: unknown = {}) => {
    const response = await fetch(`http://127.0.0.1:${host.port}/api/invoke/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it.each(['updates.state', 'updates.check', 'updates.download', 'updates.restart'])(
    '%s answers unavailable: updates come with the installed app',
    async (method) => {
      const { status, body } = await invoke(method);
      expect(status).toBe(200);
      expect(JSON.stringify(body)).toContain('"status":"unavailable","reason":"browser-host"');
    },
  );

  it('keeps the feed address setting (empty by default) and refuses one that is not http(s)', async () => {
    expect(JSON.stringify((await invoke('settings.get')).body)).toContain('"updateFeedUrl":null');
    const saved = await invoke('settings.set', { patch: { updateFeedUrl: 'https://updates.example.com/fieldkey/' } });
    expect(saved.status).toBe(200);
    expect(JSON.stringify(saved.body)).toContain('"updateFeedUrl":"https://updates.example.com/fieldkey/"');
    const refused = await invoke('settings.set', { patch: { updateFeedUrl: 'ftp://updates.example.com/' } });
    expect(refused.status).not.toBe(200);
    expect(JSON.stringify(refused.body)).toContain('patch.updateFeedUrl');
    // Still unavailable with a feed set: the browser host never checks.
    expect(JSON.stringify((await invoke('updates.check')).body)).toContain('"reason":"browser-host"');
  });
});
