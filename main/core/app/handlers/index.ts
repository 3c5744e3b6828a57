// The handler table: every contract channel mapped onto the core services, one file per concern.
// The dispatcher has already validated the request; responses are validated (and stripped) again
// on the way out.
import type { HandlerTable } from '../../ipc/dispatch';
import type { KiviCareService } from '../kivicare';
import { whileServerAway } from '../server-away';
import type { Services } from '../services';
import { appHandlers } from './app';
import { appointmentHandlers } from './appointments';
import { connectionHandlers } from './connections';
import { type HandlerPorts, handlerContext } from './context';
import { meetingHandlers } from './meetings';
import { peopleHandlers } from './people';

export type { HandlerPorts } from './context';

export function createHandlers(s: Services, ports: HandlerPorts, kivicare: KiviCareService): HandlerTable {
  const ctx = handlerContext(s, ports, kivicare);
  return whileServerAway(
    s,
    {
      ...appHandlers(ctx),
      ...peopleHandlers(ctx),
      ...appointmentHandlers(ctx),
      ...meetingHandlers(ctx),
      ...connectionHandlers(ctx),
    },
    ports,
  );
}
