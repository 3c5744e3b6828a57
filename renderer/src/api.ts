// The renderer's only door to the app: window.companion, typed by the contract.
import type {
  Channel,
  CompanionApi,
  EventName,
  EventPayload,
  RequestOf,
  ResponseOf,
  Result,
} from '../../preload/contract';

declare global {
  interface Window {
    companion?: CompanionApi;
  }
}

const notConnected = { kind: 'internal', message: 'This window is not connected to the companion.' } as const;

export async function invoke<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
): Promise<Result<ResponseOf<C>>> {
  const api = window.companion;
  if (!api) return { ok: false, error: notConnected };
  try {
    return await api.invoke(channel, request);
  } catch {
    // A broken transport is reported like any other failure: in words, never thrown at React.
    return { ok: false, error: { kind: 'internal', message: 'The companion did not answer. Try again.' } };
  }
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const api = window.companion;
  if (!api) return () => {};
  return api.on(event, listener);
}
