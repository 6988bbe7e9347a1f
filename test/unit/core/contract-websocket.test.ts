import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createApiClient } from '../../../core/api/client';
import { createWebSocketTransport, type WebSocketLike } from '../../../core/rpc/transport/websocket-client';
import { startBrowserHost } from '../../../core/host/browser-host';
import { describeContract } from '../../support/contract-suite';

const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldkey-static-'));
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>FieldKey</title>');

describeContract('the browser host (HTTP + WebSocket)', async (core) => {
  const host = await startBrowserHost({ server: core.server, staticDir });
  const origin = `http://127.0.0.1:${host.port}`;
  const transport = createWebSocketTransport({
    url: `ws://127.0.0.1:${host.port}/api/ws?token=${host.token}`,
    createSocket: (url) => new WebSocket(url, { origin }) as unknown as WebSocketLike,
  });
  return {
    client: createApiClient(transport),
    teardown: async () => {
      transport.close();
      await host.close();
    },
  };
});
