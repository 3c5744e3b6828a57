// Doctors and patients from the site, found by their site id (or, for a doctor, by e-mail when the
// clinic already set that doctor up locally), created when new.
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/database';
import type { Repositories } from '../store/repositories';
import type { SitePerson } from './source';

export const SOURCE = 'kivicare';

export function sitePeople(store: Store, repos: Repositories) {
  // The repositories have no lookup by source for people yet; these two reads fill that gap.
  const doctorBySource = store.db.prepare('SELECT id FROM doctors WHERE source = ? AND source_id = ?');
  const patientBySource = store.db.prepare('SELECT id FROM patients WHERE source = ? AND source_id = ?');
  const localDoctorByEmail = store.db.prepare(
    `SELECT id FROM doctors WHERE source = 'local' AND email = ? COLLATE NOCASE ORDER BY created_at LIMIT 1`,
  );
  const idOf = (row: unknown) => (row as { id?: string } | undefined)?.id;

  return {
    doctorId(p: SitePerson): string {
      const known = idOf(doctorBySource.get(SOURCE, p.siteId));
      if (known) return known;
      // The same doctor may already be here with Zoom connected: one person, one row.
      const local = p.email ? idOf(localDoctorByEmail.get(p.email)) : undefined;
      if (local) return local;
      return repos.doctors.insert({
        id: randomUUID(),
        displayName: p.name ?? `KiviCare doctor ${p.siteId}`,
        email: p.email ?? '',
        source: SOURCE,
        sourceId: p.siteId,
      }).id;
    },
    patientId(p: SitePerson): string {
      const known = idOf(patientBySource.get(SOURCE, p.siteId));
      if (known) return known;
      return repos.patients.insert({
        id: randomUUID(),
        displayName: p.name ?? `KiviCare patient ${p.siteId}`,
        email: p.email,
        source: SOURCE,
        sourceId: p.siteId,
      }).id;
    },
  };
}
