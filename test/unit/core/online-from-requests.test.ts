/**
 * Issue 20, item 5: the online state follows every request the core makes to the portal, not only
 * the periodic check. A real core (real SQLite) against the real sandbox portal over 127.0.0.1.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OnlineState } from '../../../core/app/contract';
import { ConnectivityMonitor, observingFetch } from '../../../core/app/connectivity';
import { startTestPortal, type TestPortal } from '../../support/sandbox-portal';
import { makeSyncCore, type SyncTestCore } from '../../support/sync-core';

describe('online state from the portal requests the core makes', () => {
  let portal: TestPortal | null = null;
  let app: SyncTestCore | null = null;
  afterEach(async () => {
    app?.close();
    app = null;
    await portal?.close();
    portal = null;
  });

  it('a sync that cannot reach the portal turns it offline at once; the next request that gets an answer turns it online', async () => {
    portal = await startTestPortal({ seed: 'demo' });
    const { port, dataDir } = portal;
    app = makeSyncCore({ portalUrl: portal.url });
    const changes: boolean[] = [];
    app.core.events.subscribe((name, payload) => {
      if (name === 'app.onlineChanged') changes.push((payload as OnlineState).online);
    });
    expect((await app.client.invoke('app.checkOnline')).online).toBe(true);
    await app.client.invoke('session.login', { username: 'demo', password: 'demo' });
    expect((await app.client.invoke('sync.now')).ok).toBe(true);
    expect(changes).toEqual([true]);

    await portal.close();
    portal = null;
    // No check in between (the periodic one is minutes away): the failed pull itself says so.
    expect((await app.client.invoke('sync.now')).ok).toBe(false);
    expect(changes).toEqual([true, false]);
    expect((await app.client.invoke('app.info')).online).toBe(false);

    portal = await startTestPortal({ seed: 'demo', port, dataDir });
    expect((await app.client.invoke('sync.now')).ok).toBe(true);
    expect(changes).toEqual([true, false, true]);
    expect((await app.client.invoke('app.info')).online).toBe(true);
  });

  it("a request to another portal (an address typed on the sign-in form) says nothing about this one's state", async () => {
    const server = http.createServer((_req, res) => res.end('portal'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const changes: OnlineState[] = [];
    const monitor = new ConnectivityMonitor({
      portalUrl: () => url,
      intervalSeconds: () => 3600,
      fetch,
      now: () => new Date('2026-11-23T10:00:00Z'),
      onChange: (state) => changes.push(state),
    });
    try {
      monitor.start();
      await monitor.check();
      expect(monitor.state().online).toBe(true);
      const reporting = observingFetch(fetch, (requestUrl, reached) => monitor.observe(requestUrl, reached));
      // Port 9 (discard) on loopback: refused.
      await expect(reporting('http://127.0.0.1:9/api/v1/session')).rejects.toThrow();
      expect(monitor.state().online).toBe(true);
      await server.close();
      server.closeAllConnections();
      await expect(reporting(`${url}api/v1/changes`)).rejects.toThrow();
      expect(monitor.state().online).toBe(false);
      expect(changes.map((change) => change.online)).toEqual([true, false]);
    } finally {
      monitor.stop();
      server.close();
    }
  });

  it('a request its caller cancelled says nothing; one that timed out says offline', async () => {
    const hanging = http.createServer(() => {
      /* never answers */
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`;
    const reports: boolean[] = [];
    const reporting = observingFetch(fetch, (_url, reached) => reports.push(reached));
    try {
      const controller = new AbortController();
      const cancelled = reporting(url, { signal: controller.signal });
      controller.abort();
      await expect(cancelled).rejects.toThrow();
      expect(reports).toEqual([]);
      await expect(reporting(url, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
      expect(reports).toEqual([false]);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });
});
