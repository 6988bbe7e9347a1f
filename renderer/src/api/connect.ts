import { createApiClient, type ApiClient } from '../../../core/api/client';
import { createBridgeTransport, type FieldKeyBridge } from '../../../core/rpc/transport/bridge-client';
import { createWebSocketTransport, type ConnectionStatus, type WebSocketLike } from '../../../core/rpc/transport/websocket-client';
import { forgetAccessToken, takeAccessToken, type AccessTokenEnvironment } from './access-token';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a browser. */
    fieldkey?: FieldKeyBridge;
  }
}

/** The live link to the browser host; the desktop app's bridge has none (it cannot drop). */
export interface HostLink {
  status(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** Fires once when the host refuses our token (it was restarted, so the token changed). */
  onAccessLost(listener: () => void): () => void;
}

export type AccessProblem = 'missing-token' | 'wrong-token' | 'token-expired' | 'host-unreachable';

export type CoreConnection = { kind: 'connected'; client: ApiClient; link: HostLink | null } | { kind: 'refused'; problem: AccessProblem };

export interface ConnectEnvironment extends AccessTokenEnvironment {
  bridge: FieldKeyBridge | undefined;
  location: Pick<Location, 'href' | 'host' | 'protocol'>;
  /** `window.fetch`; the body of every answer is read, so the browser can let go of the connection. */
  fetch: (url: string, init: { headers: Record<string, string>; cache: 'no-store' }) => Promise<Pick<Response, 'status' | 'arrayBuffer'>>;
  createSocket: (url: string) => WebSocketLike;
}

/**
 * Picks how this renderer reaches the core: the Electron preload bridge when present, else the
 * browser host over a WebSocket, after checking the access token so a wrong one gets a clear
 * page instead of a socket that never opens.
 */
export async function connectToCore(env: ConnectEnvironment): Promise<CoreConnection> {
  if (env.bridge) {
    return { kind: 'connected', client: createApiClient(createBridgeTransport(env.bridge)), link: null };
  }

  const token = takeAccessToken(env);
  if (!token) return { kind: 'refused', problem: 'missing-token' };

  const sessionStatus = await checkSession(env, token);
  if (sessionStatus === 401) {
    forgetAccessToken(env.storage);
    return { kind: 'refused', problem: 'wrong-token' };
  }
  if (sessionStatus !== 200) return { kind: 'refused', problem: 'host-unreachable' };

  const socketScheme = env.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const transport = createWebSocketTransport({
    url: `${socketScheme}//${env.location.host}/api/ws?token=${encodeURIComponent(token)}`,
    createSocket: env.createSocket,
  });

  const accessLostListeners = new Set<() => void>();
  let accessLost = false;
  transport.onStatus((status) => {
    if (status !== 'disconnected' || accessLost) return;
    // A socket that drops may mean the host restarted with a new token: then reconnecting can
    // never succeed, and the person needs to open the new address instead of waiting.
    void checkSession(env, token).then((statusCode) => {
      if (statusCode !== 401 || accessLost) return;
      accessLost = true;
      transport.close();
      forgetAccessToken(env.storage);
      for (const listener of [...accessLostListeners]) listener();
    });
  });

  const link: HostLink = {
    status: () => transport.status(),
    onStatus: (listener) => transport.onStatus(listener),
    onAccessLost(listener) {
      accessLostListeners.add(listener);
      return () => accessLostListeners.delete(listener);
    },
  };
  return { kind: 'connected', client: createApiClient(transport), link };
}

/** The HTTP status of `GET /api/session`, or 0 when the host cannot be reached at all. */
async function checkSession(env: ConnectEnvironment, token: string): Promise<number> {
  try {
    const response = await env.fetch('/api/session', { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
    // Only the status matters, but a body never read keeps the request open in the browser until
    // it is collected (and its connection out of the keep-alive pool); it is a few bytes.
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  } catch {
    return 0;
  }
}

/** The real page's environment. */
export function browserEnvironment(): ConnectEnvironment {
  return {
    bridge: window.fieldkey,
    location: window.location,
    history: window.history,
    storage: window.sessionStorage,
    fetch: (url, init) => window.fetch(url, init),
    createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
  };
}
