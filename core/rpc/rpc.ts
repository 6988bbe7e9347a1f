import { ApiError, isApiErrorShape, toApiErrorShape } from './errors';
import type { RpcServer } from './server';
import type { ClientTransport } from './client';
import type { InvokeOutcome, MessageChannelLike, WireInvoke, WireMessage } from './wire';
import { say } from '../messages/say';

/** Runs one call through the server and returns its outcome; never throws. */
export async function invokeToOutcome(server: RpcServer, method: unknown, args: unknown): Promise<InvokeOutcome> {
  try {
    return { ok: true, result: await server.dispatch(method, args) };
  } catch (err) {
    return { ok: false, error: toApiErrorShape(err, (unexpected) => server.reportUnexpected(String(method), unexpected)) };
  }
}

export function outcomeToResult(outcome: InvokeOutcome): unknown {
  if (outcome.ok) return outcome.result;
  throw ApiError.fromShape(isApiErrorShape(outcome.error) ? outcome.error : toApiErrorShape(outcome.error));
}

/** Serves the API over a message channel: answers invokes and forwards every core event. */
export function serveRpc(server: RpcServer, channel: MessageChannelLike): () => void {
  const stopEvents = server.onEvent((name, payload) => channel.send({ type: 'event', name, payload }));
  const stopMessages = channel.onMessage((message) => {
    if (message.type !== 'invoke') return;
    const { id, method, args } = message as WireInvoke;
    void invokeToOutcome(server, method, args).then((outcome) =>
      channel.send(
        outcome.ok ? { type: 'result', id, ok: true, result: outcome.result } : { type: 'result', id, ok: false, error: outcome.error },
      ),
    );
  });
  return () => {
    stopEvents();
    stopMessages();
  };
}

export interface RpcClientTransport extends ClientTransport {
  /** Fails every call still waiting (the channel is gone); later calls go through `channel` again. */
  failPending(error: ApiError): void;
}

/** The client half over a message channel. */
export function createRpcClientTransport(channel: MessageChannelLike): RpcClientTransport {
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: ApiError) => void }>();
  const eventListeners = new Set<(name: string, payload: unknown) => void>();

  channel.onMessage((message: WireMessage) => {
    if (message.type === 'result') {
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      if (message.ok) call.resolve(message.result);
      else call.reject(ApiError.fromShape(message.error));
    } else if (message.type === 'event') {
      for (const listener of [...eventListeners]) listener(message.name, message.payload);
    }
  });

  return {
    invoke(method, args) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        try {
          channel.send({ type: 'invoke', id, method, args });
        } catch (err) {
          pending.delete(id);
          reject(err instanceof ApiError ? err : new ApiError('DISCONNECTED', say('error.coreUnreachable')));
        }
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    failPending(error) {
      for (const call of pending.values()) call.reject(error);
      pending.clear();
    },
  };
}
