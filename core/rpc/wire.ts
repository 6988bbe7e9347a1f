import type { ApiErrorShape } from './errors';

/** Messages every message-based transport (WebSocket, utility process) carries. */
export interface WireInvoke {
  type: 'invoke';
  id: number;
  method: string;
  args: unknown;
}

export type WireResult =
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: ApiErrorShape };

export interface WireEvent {
  type: 'event';
  name: string;
  payload: unknown;
}

export type WireMessage = WireInvoke | WireResult | WireEvent;

/** What a bridge's invoke resolves to: the result or the error, never a thrown Error. */
export type InvokeOutcome = { ok: true; result: unknown } | { ok: false; error: ApiErrorShape };

/** An abstract two-way message pipe (VS Code's IMessagePassingProtocol, in short). */
export interface MessageChannelLike {
  send(message: WireMessage): void;
  onMessage(listener: (message: WireMessage) => void): () => void;
}

export function isWireMessage(value: unknown): value is WireMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'invoke' || type === 'result' || type === 'event';
}
