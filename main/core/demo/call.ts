// Calls the handler table the way a trusted page would: through dispatch, so requests are
// validated (and roles checked) exactly as in the app. Used by demo seeding and test set-up, which
// act as the clinic admin setting the clinic up unless told to act as someone else.
import type { Channel, RequestOf, ResponseOf } from '../../../preload/contract';
import { AppError } from '../errors';
import { type Caller as CallerRole, dispatch, type HandlerTable } from '../ipc/dispatch';

const SEED_ORIGIN = 'demo://seed';
export const SETUP_ADMIN: CallerRole = { role: 'admin' };

export function caller(handlers: HandlerTable, as: CallerRole | (() => CallerRole) = SETUP_ADMIN) {
  const who = typeof as === 'function' ? as : () => as;
  return async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> => {
    const r = await dispatch(handlers, channel, request, {
      caller: who,
      senderOrigin: SEED_ORIGIN,
      trustedOrigins: [SEED_ORIGIN],
    });
    if (!r.ok) throw new AppError(r.error.kind, `${channel}: ${r.error.message}`);
    return r.value;
  };
}

export type Caller = ReturnType<typeof caller>;
