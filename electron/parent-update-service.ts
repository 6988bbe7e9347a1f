import { say } from '../core/messages/say';
import { ApiError } from '../core/rpc/errors';
import { updateStateSchema, type UpdateState } from '../core/updates/contract';
import type { UpdateService } from '../core/updates/service';
import type { UpdatesChangedMessage, UpdatesOp, UpdatesRequestMessage, UpdatesResponseMessage } from './core-host-protocol';

export const UPDATES_REQUEST_TIMEOUT_MS = 10_000;

interface Pending {
  resolve: (state: UpdateState) => void;
  reject: (error: ApiError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The core's UpdateService inside the utility process: electron-updater runs in the main process
 * (it quits and relaunches the app), so every call is an `updates.request` to the parent,
 * answered by an `updates.response` with the same id; state changes arrive as `updates.changed`.
 */
export class ParentUpdateService implements UpdateService {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(state: UpdateState) => void>();

  constructor(
    private readonly sendToParent: (message: UpdatesRequestMessage) => void,
    private readonly timeoutMs = UPDATES_REQUEST_TIMEOUT_MS,
  ) {}

  state(): Promise<UpdateState> {
    return this.request('state');
  }
  setFeed(feedUrl: string | null): Promise<UpdateState> {
    return this.request('setFeed', feedUrl);
  }
  check(): Promise<UpdateState> {
    return this.request('check');
  }
  download(): Promise<UpdateState> {
    return this.request('download');
  }
  restart(): Promise<UpdateState> {
    return this.request('restart');
  }

  onChange(listener: (state: UpdateState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Settles the request an `updates.response` answers; unknown ids (timed out) are ignored. */
  handleResponse(message: UpdatesResponseMessage): void {
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    clearTimeout(waiting.timer);
    if (!message.ok) {
      waiting.reject(ApiError.fromShape(message.error));
      return;
    }
    const parsed = updateStateSchema.safeParse(message.state);
    if (parsed.success) waiting.resolve(parsed.data);
    else waiting.reject(new ApiError('INTERNAL', say('desktop.updates.unknownState')));
  }

  /** Passes on a state change; one that does not fit the contract is dropped. */
  handleChanged(message: UpdatesChangedMessage): void {
    const parsed = updateStateSchema.safeParse(message.state);
    if (!parsed.success) return;
    for (const listener of [...this.listeners]) listener(parsed.data);
  }

  /** Fails every request still waiting (the process is shutting down). */
  dispose(): void {
    for (const [id, waiting] of this.pending) {
      this.pending.delete(id);
      clearTimeout(waiting.timer);
      waiting.reject(new ApiError('DISCONNECTED', say('desktop.core.shuttingDown')));
    }
  }

  private request(op: UpdatesOp, feedUrl?: string | null): Promise<UpdateState> {
    const id = this.nextId++;
    return new Promise<UpdateState>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ApiError('TIMEOUT', say('desktop.updates.noAnswer')));
      }, this.timeoutMs);
      timer.unref?.();
      this.pending.set(id, { resolve, reject, timer });
      try {
        this.sendToParent(
          op === 'setFeed' ? { type: 'updates.request', id, op, feedUrl: feedUrl ?? null } : { type: 'updates.request', id, op },
        );
      } catch (err) {
        this.pending.delete(id);
        clearTimeout(timer);
        reject(err instanceof ApiError ? err : new ApiError('DISCONNECTED', say('desktop.core.mainUnreachable')));
      }
    });
  }
}
