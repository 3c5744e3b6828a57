// The one place every IPC request passes through, in Electron (ipcMain.handle) and in the browser
// demo's bridge alike: sender check, request validation, handler, response validation.
import type { z } from 'zod';
import {
  type Channel,
  channels,
  type IpcError,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../../../preload/contract';
import { isAppError } from '../errors';

export type HandlerTable = {
  [C in Channel]: (request: z.output<(typeof channels)[C]['request']>) => Promise<ResponseOf<C>>;
};

export interface DispatchOptions {
  /** Origin of the frame that sent the request (e.g. `app://companion`). */
  senderOrigin: string | null | undefined;
  /** Origins allowed to call handlers: the app's own renderer, nothing else. */
  trustedOrigins: readonly string[];
  /** Called with a description of refused or failed requests; never receives payload values. */
  onError?: (channel: string, error: IpcError, cause?: unknown) => void;
}

export const isKnownChannel = (c: unknown): c is Channel =>
  typeof c === 'string' && Object.hasOwn(channels, c);

/** Decision: may a frame with this origin call handlers at all? */
export function isTrustedSender(origin: string | null | undefined, trusted: readonly string[]): boolean {
  if (typeof origin !== 'string' || origin === '' || origin === 'null') return false;
  return trusted.includes(origin);
}

function zodMessage(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The request was not valid.';
  const where = first.path.length ? ` (${first.path.join('.')})` : '';
  return `The request was not valid${where}: ${first.message}`;
}

export async function dispatch<C extends Channel>(
  table: HandlerTable,
  channel: C | string,
  rawRequest: unknown,
  options: DispatchOptions,
): Promise<Result<ResponseOf<C>>> {
  const fail = (error: IpcError, cause?: unknown): Result<never> => {
    options.onError?.(String(channel), error, cause);
    return { ok: false, error };
  };
  if (!isTrustedSender(options.senderOrigin, options.trustedOrigins)) {
    return fail({ kind: 'forbidden-sender', message: 'This window may not use the companion.' });
  }
  if (!isKnownChannel(channel)) {
    return fail({ kind: 'unknown-channel', message: 'Unknown request.' });
  }
  const spec = channels[channel];
  const parsed = spec.request.safeParse(rawRequest ?? {});
  if (!parsed.success) {
    return fail({ kind: 'invalid-request', message: zodMessage(parsed.error) });
  }
  try {
    const handler = table[channel] as (r: unknown) => Promise<unknown>;
    const value = await handler(parsed.data as RequestOf<C>);
    const out = spec.response.safeParse(value);
    if (!out.success) {
      return fail({ kind: 'internal', message: 'The companion produced an unexpected answer.' }, out.error);
    }
    return { ok: true, value: out.data as ResponseOf<C> };
  } catch (e) {
    if (isAppError(e)) return fail({ kind: e.kind, message: e.message }, e);
    return fail({ kind: 'internal', message: 'Something went wrong inside the companion.' }, e);
  }
}
