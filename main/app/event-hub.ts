// The service's events to its listeners (the IPC bridge, the shell, tests). What happens before
// anyone listens (start-up notices, a certificate about to expire) waits for the first listener.
import type { ConsoleEvent } from '../domain';

type Listener = (event: ConsoleEvent) => void;

/** At most this many events wait for a first listener; later ones before it are dropped. */
const EARLY_EVENTS = 50;

export interface EventHub {
  emit(event: ConsoleEvent): void;
  subscribe(listener: Listener): () => void;
  clear(): void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<Listener>();
  const early: ConsoleEvent[] = [];
  return {
    emit(event) {
      if (listeners.size === 0) {
        if (early.length < EARLY_EVENTS) early.push(event);
        return;
      }
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // One listener's failure must not stop the others.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      for (const event of early.splice(0)) listener(event);
      return () => {
        listeners.delete(listener);
      };
    },
    clear() {
      listeners.clear();
    },
  };
}
