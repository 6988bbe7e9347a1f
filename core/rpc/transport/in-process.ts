import type { RpcServer } from '../server';
import { createRpcClientTransport, serveRpc, type RpcClientTransport } from '../rpc';
import type { MessageChannelLike, WireMessage } from '../wire';

/**
 * A linked pair of channels in one process. Every message is structured-cloned and delivered
 * on a later tick, like a real transport, so in-process tests catch what would not serialise.
 */
export function createChannelPair(): [MessageChannelLike, MessageChannelLike] {
  const listeners: [Set<(m: WireMessage) => void>, Set<(m: WireMessage) => void>] = [new Set(), new Set()];
  const side = (own: 0 | 1): MessageChannelLike => ({
    send(message) {
      const copy = structuredClone(message);
      setImmediate(() => {
        for (const listener of [...listeners[own === 0 ? 1 : 0]]) listener(copy);
      });
    },
    onMessage(listener) {
      listeners[own].add(listener);
      return () => listeners[own].delete(listener);
    },
  });
  return [side(0), side(1)];
}

/** The in-process transport, for unit tests and tools that embed the core. */
export function createInProcessTransport(server: RpcServer): RpcClientTransport & { close(): void } {
  const [clientSide, serverSide] = createChannelPair();
  const stop = serveRpc(server, serverSide);
  const transport = createRpcClientTransport(clientSide);
  return Object.assign(transport, { close: stop });
}
