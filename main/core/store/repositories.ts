import { appointmentsRepository } from './appointments';
import { auditRepository } from './audit';
import type { Store } from './database';
import { doctorsRepository } from './doctors';
import { meetingMappingsRepository } from './meeting-mappings';
import { outboxRepository } from './outbox';
import { patientsRepository } from './patients';
import type { Clock } from './row-mapping';
import { settingsRepository } from './settings';
import { syncStateRepository } from './sync-state';

/** Every table's repository over one connection; statements are prepared once, here. */
export function createRepositories(store: Store, clock: Clock = () => new Date()) {
  const { db } = store;
  return {
    doctors: doctorsRepository(db, clock),
    patients: patientsRepository(db, clock),
    appointments: appointmentsRepository(db, clock),
    mappings: meetingMappingsRepository(db, clock),
    outbox: outboxRepository(db, clock),
    audit: auditRepository(db, clock),
    settings: settingsRepository(db, clock),
    syncState: syncStateRepository(db, clock),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
