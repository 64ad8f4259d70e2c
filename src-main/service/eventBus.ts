import type { EventName, EventPayloads } from '../../shared/contract/index.js';
import type { EventListener } from './types.js';

/** Fan-out of service events to the hosts' listeners. A throwing listener does not stop the others. */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      for (const listener of listeners) {
        try {
          listener(name, payload);
        } catch {
          // A host's broken socket or closed window must not break the emitter or other hosts.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
