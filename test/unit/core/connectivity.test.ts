import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectivityMonitor } from '../../../core/app/connectivity';
import type { OnlineState } from '../../../core/app/contract';

function startPortal(handler: http.RequestListener = (_req, res) => res.end('portal')) {
  const server = http.createServer(handler);
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    }),
  );
}

function monitorFor(portalUrl: () => string | null, timeoutMs = 2000) {
  const changes: OnlineState[] = [];
  const monitor = new ConnectivityMonitor({
    portalUrl,
    intervalSeconds: () => 3600,
    fetch,
    now: () => new Date('2026-11-23T10:00:00Z'),
    onChange: (state) => changes.push(state),
    timeoutMs,
  });
  return { monitor, changes };
}

describe('ConnectivityMonitor (real HTTP over loopback)', () => {
  it('is offline with no portal configured, without any request', async () => {
    const { monitor, changes } = monitorFor(() => null);
    expect(await monitor.check()).toEqual({ online: false, portalUrl: null, checkedAt: '2026-11-23T10:00:00.000Z' });
    expect(changes).toEqual([]);
  });

  it('goes online when the portal answers (any status) and offline when it stops, announcing each change once', async () => {
    const portal = await startPortal((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    const { monitor, changes } = monitorFor(() => portal.url);
    expect((await monitor.check()).online).toBe(true);
    expect((await monitor.check()).online).toBe(true);
    await portal.close();
    expect((await monitor.check()).online).toBe(false);
    expect(changes.map((c) => c.online)).toEqual([true, false]);
    monitor.stop();
  });

  it('treats a portal that hangs as offline after the time-out', async () => {
    const portal = await startPortal(() => {
      /* never answers */
    });
    const { monitor } = monitorFor(() => portal.url, 300);
    expect((await monitor.check()).online).toBe(false);
    monitor.stop();
    await portal.close();
  });

  it('shares one request between concurrent checks', async () => {
    let requests = 0;
    const portal = await startPortal((_req, res) => {
      requests++;
      setTimeout(() => res.end('ok'), 50);
    });
    const { monitor } = monitorFor(() => portal.url);
    await Promise.all([monitor.check(), monitor.check(), monitor.check()]);
    expect(requests).toBe(1);
    monitor.stop();
    await portal.close();
  });
});
