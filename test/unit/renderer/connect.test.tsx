// @vitest-environment jsdom
import type { FieldKeyBridge } from '../../../core/rpc/transport/bridge-client';
import type { WebSocketLike } from '../../../core/rpc/transport/websocket-client';
import { ACCESS_TOKEN_STORAGE_KEY } from '../../../renderer/src/api/access-token';
import { browserEnvironment, connectToCore, type ConnectEnvironment } from '../../../renderer/src/api/connect';

/** A socket that never opens unless told to, recording what it was asked to send. */
class FakeSocket implements WebSocketLike {
  readyState = 0;
  binaryType = 'blob';
  sent: string[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({ code: 1006, reason: '' });
  }
  answerEach() {
    for (const raw of this.sent.splice(0)) {
      const { id } = JSON.parse(raw) as { id: number };
      this.onmessage?.({ data: JSON.stringify({ type: 'result', id, ok: true, result: { answeredBy: 'socket' } }) });
    }
  }
}

function environment(options: { href?: string; bridge?: FieldKeyBridge; sessionStatus?: number | 'network-error'; stored?: string } = {}) {
  const storage = new Map<string, string>(options.stored ? [[ACCESS_TOKEN_STORAGE_KEY, options.stored]] : []);
  const fetches: { url: string; headers: Record<string, string> }[] = [];
  /** What became of each answer's body: read to the end, cancelled, or left open. */
  const bodies: { read: boolean; cancelled: boolean }[] = [];
  const sockets: FakeSocket[] = [];
  let sessionStatus = options.sessionStatus ?? 200;
  const href = options.href ?? 'http://127.0.0.1:4000/?token=secret';
  const env: ConnectEnvironment = {
    bridge: options.bridge,
    location: { href, host: new URL(href).host, protocol: 'http:' },
    history: { state: null, replaceState: () => {} },
    storage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
      removeItem: (key) => void storage.delete(key),
    },
    fetch: async (url, init) => {
      fetches.push({ url, headers: init.headers });
      if (sessionStatus === 'network-error') throw new TypeError('Failed to fetch');
      const body = { read: false, cancelled: false };
      bodies.push(body);
      const chunks = [new TextEncoder().encode('{"ok":'), new TextEncoder().encode('true}')];
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          const chunk = chunks.shift();
          if (chunk) controller.enqueue(chunk);
          else {
            body.read = true;
            controller.close();
          }
        },
        cancel() {
          body.cancelled = true;
        },
      });
      return new Response(stream, { status: sessionStatus, headers: { 'Content-Type': 'application/json' } });
    },
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
  };
  return { env, storage, fetches, bodies, sockets, setSessionStatus: (status: number) => (sessionStatus = status) };
}

function fakeBridge(): FieldKeyBridge & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    invoke: async (method, args) => {
      calls.push([method, args]);
      return { ok: true, result: { answeredBy: 'bridge' } };
    },
    onEvent: () => () => {},
  };
}

describe('connectToCore', () => {
  it('picks the Electron bridge when window.fieldkey exists: no token, no HTTP, no socket', async () => {
    const bridge = fakeBridge();
    window.fieldkey = bridge;
    try {
      const { env, fetches, sockets } = environment({ href: 'app://fieldkey/', bridge: browserEnvironment().bridge });
      const connection = await connectToCore(env);
      expect(connection.kind).toBe('connected');
      if (connection.kind !== 'connected') return;
      expect(connection.link).toBeNull();
      await expect(connection.client.invoke('settings.get')).resolves.toEqual({ answeredBy: 'bridge' });
      expect(bridge.calls).toEqual([['settings.get', {}]]);
      expect(fetches).toEqual([]);
      expect(sockets).toEqual([]);
    } finally {
      delete window.fieldkey;
    }
  });

  it('without the bridge, checks the token with GET /api/session, then opens the WebSocket with it', async () => {
    expect(browserEnvironment().bridge).toBeUndefined();
    const { env, fetches, sockets } = environment({ href: 'http://127.0.0.1:4000/?token=s%2Bcret' });
    const connection = await connectToCore(env);

    expect(fetches).toEqual([{ url: '/api/session', headers: { Authorization: 'Bearer s+cret' } }]);
    expect(sockets.map((socket) => socket.url)).toEqual(['ws://127.0.0.1:4000/api/ws?token=s%2Bcret']);
    expect(connection.kind).toBe('connected');
    if (connection.kind !== 'connected') return;
    expect(connection.link?.status()).toBe('connecting');

    const answer = connection.client.invoke('app.info');
    sockets[0]!.open();
    sockets[0]!.answerEach();
    await expect(answer).resolves.toEqual({ answeredBy: 'socket' });
    expect(connection.link?.status()).toBe('connected');
  });

  it.each([200, 401, 500])(
    'reads the whole body of the GET /api/session answer (%i), so the browser can close the request',
    async (status) => {
      const { env, bodies } = environment({ sessionStatus: status });
      await connectToCore(env);
      expect(bodies).toHaveLength(1);
      expect(bodies[0]!.read || bodies[0]!.cancelled).toBe(true);
    },
  );

  it('reads the body of the check made when the socket drops, too', async () => {
    vi.useFakeTimers();
    try {
      const { env, sockets, bodies } = environment();
      await connectToCore(env);
      sockets[0]!.open();
      sockets[0]!.drop();
      await vi.advanceTimersByTimeAsync(0);
      expect(bodies).toHaveLength(2);
      expect(bodies.every((body) => body.read || body.cancelled)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses with missing-token when there is no token at all, without calling the host', async () => {
    const { env, fetches, sockets } = environment({ href: 'http://127.0.0.1:4000/' });
    await expect(connectToCore(env)).resolves.toEqual({ kind: 'refused', problem: 'missing-token' });
    expect(fetches).toEqual([]);
    expect(sockets).toEqual([]);
  });

  it('refuses with wrong-token on 401, opens no socket, and forgets the stored token', async () => {
    const { env, storage, sockets } = environment({ href: 'http://127.0.0.1:4000/', stored: 'stale', sessionStatus: 401 });
    await expect(connectToCore(env)).resolves.toEqual({ kind: 'refused', problem: 'wrong-token' });
    expect(sockets).toEqual([]);
    expect(storage.has(ACCESS_TOKEN_STORAGE_KEY)).toBe(false);
  });

  it('says the host is unreachable when the preflight cannot connect', async () => {
    const { env, sockets } = environment({ sessionStatus: 'network-error' });
    await expect(connectToCore(env)).resolves.toEqual({ kind: 'refused', problem: 'host-unreachable' });
    expect(sockets).toEqual([]);
  });

  it('reports lost access when the socket drops and the host now refuses the token (it restarted)', async () => {
    vi.useFakeTimers();
    try {
      const { env, sockets, setSessionStatus, storage } = environment();
      const connection = await connectToCore(env);
      if (connection.kind !== 'connected' || !connection.link) throw new Error('expected a browser-host connection');
      const lost = vi.fn();
      connection.link.onAccessLost(lost);
      sockets[0]!.open();

      setSessionStatus(401);
      sockets[0]!.drop();
      await vi.advanceTimersByTimeAsync(0);
      expect(lost).toHaveBeenCalledTimes(1);
      expect(storage.has(ACCESS_TOKEN_STORAGE_KEY)).toBe(false);
      // It stops trying: no reconnect attempts after access is lost.
      await vi.advanceTimersByTimeAsync(30_000);
      expect(sockets).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps reconnecting (and reports nothing) while the host is merely down', async () => {
    vi.useFakeTimers();
    try {
      const { env, sockets } = environment();
      const connection = await connectToCore(env);
      if (connection.kind !== 'connected' || !connection.link) throw new Error('expected a browser-host connection');
      const lost = vi.fn();
      connection.link.onAccessLost(lost);
      sockets[0]!.open();
      sockets[0]!.drop();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(lost).not.toHaveBeenCalled();
      expect(sockets.length).toBeGreaterThan(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
