import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { AppointmentBook } from '../../main/core/appointments/book';
import { openStore } from '../../main/core/store';

/** A book on a real SQLite file in a temp folder, with a settable clock and two doctors, two patients. */
export function bookFactory() {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  return async (clinicTimeZone = 'Europe/Berlin') => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-book-'));
    const store = openStore(join(dir, 'clinic.db'));
    cleanups.push(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const clock = { now: new Date('2030-01-01T08:00:00.000Z') };
    const book = new AppointmentBook({ store, clinicTimeZone, clock: () => clock.now });
    await book.repos.doctors.insert({ id: 'doc-lee', displayName: 'Dr. Lee', email: 'lee@clinic.test' });
    await book.repos.doctors.insert({ id: 'doc-kim', displayName: 'Dr. Kim', email: 'kim@clinic.test' });
    await book.repos.patients.insert({ id: 'pat-ana', displayName: 'Ana Alvarez', email: 'ana@mail.test' });
    await book.repos.patients.insert({ id: 'pat-ben', displayName: 'Ben Brown' });
    return { store, book, clock };
  };
}

export const telemed = (overrides: Record<string, unknown> = {}) => ({
  doctorId: 'doc-lee',
  patientId: 'pat-ana',
  startUtc: '2030-01-07T09:00:00Z',
  timeZone: 'Europe/Berlin',
  durationMin: 20,
  visitType: 'telemed' as const,
  reason: 'Persistent cough',
  ...overrides,
});
