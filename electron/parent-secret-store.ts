import { say } from '../core/messages/say';
import { ApiError } from '../core/rpc/errors';
import type { SecretStore } from '../core/secrets/secret-store';
import type { SecretsOp, SecretsRequestMessage, SecretsResponseMessage } from './core-host-protocol';

export const SECRETS_REQUEST_TIMEOUT_MS = 10_000;

interface Pending {
  resolve: (value: string | null) => void;
  reject: (error: ApiError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The core's secret store inside the utility process: safeStorage exists only in the main
 * process, so every get/set/delete is a `secrets.request` to the parent, answered by a
 * `secrets.response` with the same id. Nothing is cached here.
 */
export class ParentSecretStore implements SecretStore {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly sendToParent: (message: SecretsRequestMessage) => void,
    private readonly timeoutMs = SECRETS_REQUEST_TIMEOUT_MS,
  ) {}

  async get(name: string): Promise<string | null> {
    return this.request('get', name);
  }

  async set(name: string, value: string): Promise<void> {
    await this.request('set', name, value);
  }

  async delete(name: string): Promise<void> {
    await this.request('delete', name);
  }

  /** Settles the request a `secrets.response` answers; unknown ids (timed out) are ignored. */
  handleResponse(message: SecretsResponseMessage): void {
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    clearTimeout(waiting.timer);
    if (message.ok) waiting.resolve(typeof message.value === 'string' ? message.value : null);
    else waiting.reject(ApiError.fromShape(message.error));
  }

  /** Fails every request still waiting (the process is shutting down). */
  dispose(): void {
    for (const [id, waiting] of this.pending) {
      this.pending.delete(id);
      clearTimeout(waiting.timer);
      waiting.reject(new ApiError('DISCONNECTED', say('desktop.core.shuttingDown')));
    }
  }

  private request(op: SecretsOp, name: string, value?: string): Promise<string | null> {
    const id = this.nextId++;
    return new Promise<string | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ApiError('TIMEOUT', say('desktop.secrets.noAnswer')));
      }, this.timeoutMs);
      timer.unref?.();
      this.pending.set(id, { resolve, reject, timer });
      try {
        this.sendToParent(op === 'set' ? { type: 'secrets.request', id, op, name, value } : { type: 'secrets.request', id, op, name });
      } catch (err) {
        this.pending.delete(id);
        clearTimeout(timer);
        reject(err instanceof ApiError ? err : new ApiError('DISCONNECTED', say('desktop.core.mainUnreachable')));
      }
    });
  }
}
