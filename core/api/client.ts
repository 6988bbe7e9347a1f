/**
 * The typed API client: the renderer's only way to reach the core. It is transport-agnostic;
 * pick a transport from `core/rpc/transport/` (or the renderer's bridge) and wrap it.
 */
import type { ClientTransport } from '../rpc/client';
import type { ArgsOf, EventName, Events, MethodName, ResultOf } from './contract';

type ArgsParam<K extends MethodName> = Record<string, never> extends ArgsOf<K> ? [args?: ArgsOf<K>] : [args: ArgsOf<K>];

export interface ApiClient {
  invoke<K extends MethodName>(method: K, ...args: ArgsParam<K>): Promise<ResultOf<K>>;
  on<E extends EventName>(event: E, handler: (payload: Events[E]) => void): () => void;
}

export function createApiClient(transport: ClientTransport): ApiClient {
  return {
    invoke(method, ...args) {
      return transport.invoke(method, args[0] ?? {}) as Promise<never>;
    },
    on(event, handler) {
      return transport.onEvent((name, payload) => {
        if (name === event) handler(payload as never);
      });
    },
  };
}
