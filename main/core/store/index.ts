export type { AppointmentChanges, NewAppointment } from './appointments';
export { type OpenStoreOptions, openStore, type Store } from './database';
export type { NewDoctor } from './doctors';
export type { OutboxIntent } from './outbox';
export type { NewPatient } from './patients';
export type * from './records';
export { createRepositories, type Repositories } from './repositories';
export type { Clock } from './row-mapping';
