import { appointmentsRepository } from './appointments';
import { auditRepository } from './audit';
import { desktopsRepository } from './desktops';
import { doctorsRepository } from './doctors';
import { meetingMappingsRepository } from './meeting-mappings';
import { outboxRepository } from './outbox';
import { patientsRepository } from './patients';
import type { Clock } from './row-mapping';
import { settingsRepository } from './settings';
import type { Store } from './sql';
import { syncStateRepository } from './sync-state';

/**
 * Every table's repository over one store (either engine). `desktopId` names this desktop in the
 * outbox's leases; a single desktop may leave the default.
 */
export function createRepositories(store: Store, clock: Clock = () => new Date(), desktopId?: string) {
  return {
    doctors: doctorsRepository(store, clock),
    patients: patientsRepository(store, clock),
    appointments: appointmentsRepository(store, clock),
    mappings: meetingMappingsRepository(store, clock),
    outbox: outboxRepository(store, clock, desktopId),
    audit: auditRepository(store, clock),
    settings: settingsRepository(store, clock),
    syncState: syncStateRepository(store, clock),
    desktops: desktopsRepository(store, clock),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
