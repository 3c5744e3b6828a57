// Core → renderer notifications, named and shaped by the contract. The shell forwards them over
// IPC; the demo over Server-Sent Events.
import type { EventName, EventPayload } from '../../../preload/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch {
        // A broken listener must not stop the others or the change that caused the event.
      }
    }
  }
}
