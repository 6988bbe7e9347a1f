import type { ClientTransport } from '../client';
import { outcomeToResult } from '../rpc';
import type { InvokeOutcome } from '../wire';

/** What Electron's preload exposes on `window.fieldkey`, and nothing more. */
export interface FieldKeyBridge {
  invoke(method: string, args: unknown): Promise<InvokeOutcome>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

/** The client transport over the preload bridge (Electron IPC underneath). */
export function createBridgeTransport(bridge: FieldKeyBridge): ClientTransport {
  return {
    async invoke(method, args) {
      return outcomeToResult(await bridge.invoke(method, args));
    },
    onEvent(listener) {
      return bridge.onEvent(listener);
    },
  };
}
