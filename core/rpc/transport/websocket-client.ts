import { ApiError } from '../errors';
import { createRpcClientTransport } from '../rpc';
import type { ClientTransport } from '../client';
import type { WireMessage } from '../wire';
import { decodeWireFrame, encodeWireMessage } from '../wire-frame';
import { say } from '../../messages/say';

/** The part of the WebSocket API used here; the browser's WebSocket and the `ws` package both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  /** Set to 'arraybuffer': binary frames (wire-frame.ts) then arrive as ArrayBuffers, in browsers and `ws` alike. */
  binaryType: string;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface WebSocketTransport extends ClientTransport {
  status(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
}

export interface WebSocketTransportOptions {
  url: string;
  createSocket: (url: string) => WebSocketLike;
  /** Delay before reconnecting after the host went away; doubles up to 10 s. */
  reconnectDelayMs?: number;
}

const OPEN = 1;

/**
 * The browser host's transport. Calls made while the socket is (re)connecting wait for it;
 * calls in flight when it drops fail with DISCONNECTED so nothing waits forever.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const baseDelay = options.reconnectDelayMs ?? 500;
  let socket: WebSocketLike | null = null;
  let status: ConnectionStatus = 'connecting';
  let delay = baseDelay;
  let closed = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  // Encoded already, so a file too large to send is refused at the call, not at (re)connection.
  const queued: (string | Uint8Array)[] = [];
  const messageListeners = new Set<(message: WireMessage) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();

  const setStatus = (next: ConnectionStatus) => {
    if (next === status) return;
    status = next;
    for (const listener of [...statusListeners]) listener(next);
  };

  const rpc = createRpcClientTransport({
    send(message) {
      if (closed) throw new ApiError('DISCONNECTED', say('error.connectionClosed'));
      const frame = encodeWireMessage(message);
      if (socket && socket.readyState === OPEN) socket.send(frame);
      else queued.push(frame);
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
  });

  const connect = () => {
    setStatus('connecting');
    const ws = options.createSocket(options.url);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => {
      delay = baseDelay;
      setStatus('connected');
      for (const frame of queued.splice(0)) ws.send(frame);
    };
    ws.onmessage = (event) => {
      const data = event.data;
      const decoded =
        typeof data === 'string'
          ? decodeWireFrame(data, false)
          : data instanceof ArrayBuffer || data instanceof Uint8Array
            ? decodeWireFrame(data, true)
            : null;
      if (!decoded?.ok) return;
      for (const listener of [...messageListeners]) listener(decoded.message);
    };
    ws.onerror = () => {
      // onclose follows and decides what to do.
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      rpc.failPending(new ApiError('DISCONNECTED', say('error.connectionLost')));
      if (closed) return;
      setStatus('disconnected');
      reconnectTimer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10_000);
    };
  };
  connect();

  return {
    invoke: (method, args) => rpc.invoke(method, args),
    onEvent: (listener) => rpc.onEvent(listener),
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    close() {
      closed = true;
      clearTimeout(reconnectTimer);
      socket?.close();
      socket = null;
    },
  };
}
