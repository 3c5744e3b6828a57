// Calls the handler table the way a trusted page would: through dispatch, so requests are
// validated exactly as in the app. Used by demo seeding and tests.
import type { Channel, RequestOf, ResponseOf } from '../../../preload/contract';
import { AppError } from '../errors';
import { dispatch, type HandlerTable } from '../ipc/dispatch';

const SEED_ORIGIN = 'demo://seed';

export function caller(handlers: HandlerTable) {
  return async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> => {
    const r = await dispatch(handlers, channel, request, {
      senderOrigin: SEED_ORIGIN,
      trustedOrigins: [SEED_ORIGIN],
    });
    if (!r.ok) throw new AppError(r.error.kind, `${channel}: ${r.error.message}`);
    return r.value;
  };
}

export type Caller = ReturnType<typeof caller>;
