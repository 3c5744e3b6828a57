// The one place every IPC request passes through, in Electron (ipcMain.handle) and in the browser
// demo's bridge alike: sender check, request validation, handler, response validation.
import type { z } from 'zod';
import {
  type Access,
  type Channel,
  channels,
  type IpcError,
  type RequestOf,
  type ResponseOf,
  type Result,
  type Role,
} from '../../../preload/contract';
import { isAppError } from '../errors';

/** Each handler gets the request and the caller the dispatcher checked it for. */
export type HandlerTable = {
  [C in Channel]: (
    request: z.output<(typeof channels)[C]['request']>,
    caller: Caller,
  ) => Promise<ResponseOf<C>>;
};

import type { Caller } from '../profiles/session';

/** Who is asking: the profile unlocked on this desktop when the request arrives. */
export type { Caller };

/** The dispatcher's view of a profile: its role, and for a doctor, whose. */
export function callerOf(
  p: { role: 'front-desk' } | { role: 'doctor'; doctorId: string } | { role: 'admin' },
): Caller {
  return p.role === 'doctor' ? { role: 'doctor', doctorId: p.doctorId } : { role: p.role };
}

export interface DispatchOptions {
  /** The profile in use, read by the core (never taken from the request). */
  caller: () => Caller;
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

const ROLE_WORDS: Record<Role, string> = {
  'front-desk': 'front desk',
  doctor: 'the doctor, in their own unlocked profile',
  admin: 'the clinic admin',
};

export const OWN_ONLY = 'A doctor can do this only for their own profile.';

/** Who can do it, in words the person refused can act on. */
export function refusal(access: Access): string {
  const who = access.roles.map((r) => ROLE_WORDS[r]);
  if (access.roles.length === 3) return 'This is not allowed.';
  const list = who.length > 1 ? `${who.slice(0, -1).join(', ')} or ${who.at(-1)}` : who[0];
  const hint = access.roles.includes('admin') ? ' Unlock the admin profile (Profile → Clinic admin).' : '';
  return `Only ${list} can do this.${hint}`;
}

/** With `own`, a doctor's request must name the doctor's own profile. */
export function ownsRequest(access: Access, who: Caller, request: unknown): boolean {
  if (!access.own || who.role !== 'doctor') return true;
  const named = (request as Record<string, unknown> | null)?.[access.own];
  return named === who.doctorId;
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
  const who = options.caller();
  // Roles first: a refused caller learns nothing from validation and causes nothing.
  if (!spec.roles.includes(who.role)) {
    return fail({ kind: 'not-allowed', message: refusal(spec) });
  }
  const parsed = spec.request.safeParse(rawRequest ?? {});
  if (!parsed.success) {
    return fail({ kind: 'invalid-request', message: zodMessage(parsed.error) });
  }
  if (!ownsRequest(spec, who, parsed.data)) {
    return fail({ kind: 'not-allowed', message: OWN_ONLY });
  }
  try {
    const handler = table[channel] as (r: unknown, caller: Caller) => Promise<unknown>;
    const value = await handler(parsed.data as RequestOf<C>, who);
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
