// Whether the composition root has wired a channel yet (the lead integrates services over time):
// scenarios that need a channel skip, naming it, until it answers for real.

import type { HandlerTable } from '../../main/core/ipc/dispatch';
import { dispatch } from '../../main/core/ipc/dispatch';
import type { Channel } from '../../preload/contract';

const NOT_WIRED = /not available yet/i;

export async function isWired(
  handlers: HandlerTable,
  channel: Channel,
  request: unknown = {},
): Promise<boolean> {
  const r = await dispatch(handlers, channel, request, {
    caller: () => ({ role: 'admin' }),
    senderOrigin: 'probe://',
    trustedOrigins: ['probe://'],
  });
  return r.ok || !NOT_WIRED.test(r.error.message);
}
