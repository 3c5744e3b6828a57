// Fan-out of the events the page follows (the contract's, plus the demo's own `demo:open` and `demo:clipboard`).
export type DemoEventName = string;
export type DemoListener = (event: DemoEventName, payload: unknown) => void;

export class EventHub {
  private readonly listeners = new Set<DemoListener>();

  subscribe(listener: DemoListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: DemoEventName, payload: unknown): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch {
        // One broken page connection must not stop the others from hearing the event.
      }
    }
  }
}
