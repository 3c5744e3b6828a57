// Custom-scheme URLs can arrive before the core exists (macOS open-url at launch); they wait here until it does.
export interface ProtocolUrlInbox {
  deliver(url: string): void;
  /** Hands queued and future URLs to the handler. */
  open(handler: (url: string) => Promise<void>): void;
}

export function createProtocolUrlInbox(onError: (error: unknown) => void): ProtocolUrlInbox {
  const queued: string[] = [];
  let handler: ((url: string) => Promise<void>) | null = null;
  const send = (url: string) => handler?.(url).catch(onError);
  return {
    deliver(url) {
      if (handler) void send(url);
      else queued.push(url);
    },
    open(h) {
      handler = h;
      for (const url of queued.splice(0)) void send(url);
    },
  };
}
