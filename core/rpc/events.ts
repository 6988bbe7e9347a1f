/** A listener for every event of an event map. */
export type EventListener<E extends object> = <K extends keyof E & string>(name: K, payload: E[K]) => void;

/**
 * What a feature needs to announce its events: typed by the feature's own event map, so a feature
 * depends on the kernel, never on the merged contract above it.
 */
export interface EventEmitter<E extends object> {
  emit<K extends keyof E & string>(name: K, payload: E[K]): void;
}

/** A typed event bus; transports subscribe once and forward everything. */
export class EventBus<E extends object> implements EventEmitter<E> {
  private readonly listeners = new Set<EventListener<E>>();

  emit<K extends keyof E & string>(name: K, payload: E[K]): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(name, payload);
      } catch {
        // One broken subscriber (a closed socket, say) must not stop the others.
      }
    }
  }

  subscribe(listener: EventListener<E>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** What a server needs from a bus: to hear every event, whatever its map. */
export interface EventSource {
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}
