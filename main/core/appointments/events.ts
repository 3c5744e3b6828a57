export interface BookEvents {
  /** After a commit that changed appointments; ids in change order. */
  'appointments-changed': { ids: string[] };
  /** After a commit that queued meeting work for the provisioning engine. */
  'outbox-has-work': { pending: number };
}
export type BookEventName = keyof BookEvents;
type Listener<E extends BookEventName> = (payload: BookEvents[E]) => void;

/** A tiny typed emitter; a listener that throws is reported, never undoes the committed change. */
export class BookEmitter {
  private readonly listeners = new Map<BookEventName, Set<Listener<BookEventName>>>();

  constructor(private readonly onListenerError: (e: unknown) => void = (e) => console.error(e)) {}

  on<E extends BookEventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<BookEventName>);
    return () => set.delete(listener as Listener<BookEventName>);
  }

  emit<E extends BookEventName>(event: E, payload: BookEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (e) {
        this.onListenerError(e);
      }
    }
  }
}
