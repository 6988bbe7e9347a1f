/** The untyped half every transport implements; `core/api/client.ts` types it with the contract. */
export interface ClientTransport {
  /** Resolves with the result or rejects with an `ApiError`. */
  invoke(method: string, args: unknown): Promise<unknown>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}
