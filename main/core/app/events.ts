// Core → renderer notifications, named and shaped by the contract. The shell forwards them over
// IPC; the demo over Server-Sent Events.
import type { EventName, EventPayload } from '../../../preload/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** A burst of changes becomes at most one push per window: the first at once, the last at its end. */
export const COALESCE_MS = 200;

interface Pacing {
  /** A push went out at this time; another waits until the window has passed. */
  lastAt: number;
  timer: ReturnType<typeof setTimeout> | null;
  read: () => unknown;
}

export class EventHub {
  private readonly listeners = new Set<EventListener>();
  private readonly paced = new Map<EventName, Pacing>();
  private closed = false;

  constructor(private readonly windowMs = COALESCE_MS) {}

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

  /**
   * Something `event` shows has changed: push it, at most once per window. The payload is read when
   * the push goes out, so a storm of changes ends with the newest state and never with a stale one.
   */
  soon<E extends EventName>(event: E, read: () => EventPayload<E> | Promise<EventPayload<E>>): void {
    if (this.closed) return;
    const p = this.paced.get(event) ?? { lastAt: 0, timer: null, read };
    p.read = read;
    this.paced.set(event, p);
    if (p.timer) return;
    const wait = Math.max(0, p.lastAt + this.windowMs - Date.now());
    p.timer = setTimeout(() => {
      p.timer = null;
      p.lastAt = Date.now();
      void Promise.resolve()
        .then(() => p.read() as EventPayload<E>)
        .then(
          (payload) => {
            if (!this.closed) this.emit(event, payload);
          },
          () => {},
        );
    }, wait);
    p.timer.unref?.();
  }

  /** No more paced pushes (the core is shutting down). */
  close(): void {
    this.closed = true;
    for (const p of this.paced.values()) if (p.timer) clearTimeout(p.timer);
  }
}
