// The IPC contract: the one definition of every channel between the renderer and main.
// The preload API, main's handler registration and the browser demo's bridge are all derived
// from this file. Main validates every request and every response with these schemas; a response
// schema is also the allow-list of what may cross into the renderer (zod strips unknown keys, so
// a token that slips into a handler's result never reaches the page).
import { z } from 'zod';

export const ErrorKind = z.enum([
  'invalid-request',
  'forbidden-sender',
  'unknown-channel',
  'not-found',
  'conflict',
  'locked',
  'reconnect-needed',
  'zoom-unavailable',
  'zoom-rate-limited',
  'zoom-daily-limit',
  'zoom-rejected',
  'oauth-refused',
  'vault-unavailable',
  'internal',
]);
export type ErrorKind = z.infer<typeof ErrorKind>;

/** An error as the UI receives it: a kind it can explain, and words a receptionist understands. */
export const IpcError = z.object({ kind: ErrorKind, message: z.string() });
export type IpcError = z.infer<typeof IpcError>;

const Empty = z.object({}).strict();

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  sandbox: z.boolean(),
  zoomOAuthBaseUrl: z.string(),
  zoomApiBaseUrl: z.string(),
});

/** Request/response schemas per channel. Add a channel here and everything else follows. */
export const channels = {
  'app:getInfo': { request: Empty, response: AppInfo },
} as const;

/** Main → renderer notifications (payload schemas). */
export const events = {
  'app:changed': z.object({ topic: z.string() }),
} as const;

export type Channel = keyof typeof channels;
export type EventName = keyof typeof events;
export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<(typeof channels)[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** The IPC channel name on the wire: one namespace so nothing else in Electron collides. */
export const wireChannel = (c: Channel): string => `companion:${c}`;
export const wireEvent = (e: EventName): string => `companion-event:${e}`;

export const channelNames = Object.keys(channels) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

/** What the preload exposes as `window.companion`, and what the demo bridge implements. */
export interface CompanionApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
