// Doctors and patients from the site, found by their site id (or, for a doctor, by e-mail when the
// clinic already set that doctor up locally), created when new.
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/database';
import type { Repositories } from '../store/repositories';
import type { SitePerson } from './source';

export const SOURCE = 'kivicare';

export function sitePeople(store: Store, repos: Repositories) {
  // The repositories have no lookup by source for people yet; these two reads fill that gap.
  const doctorBySource = store.db.prepare(
    'SELECT id, display_name, email FROM doctors WHERE source = ? AND source_id = ?',
  );
  const patientBySource = store.db.prepare(
    'SELECT id, display_name, email FROM patients WHERE source = ? AND source_id = ?',
  );
  const localDoctorByEmail = store.db.prepare(
    `SELECT id FROM doctors WHERE source = 'local' AND email = ? COLLATE NOCASE ORDER BY created_at LIMIT 1`,
  );
  const idOf = (row: unknown) => (row as { id?: string } | undefined)?.id;
  type Known = { id: string; display_name: string; email?: string | null } | undefined;

  return {
    doctorId(p: SitePerson): string {
      const known = doctorBySource.get(SOURCE, p.siteId) as Known;
      if (known) {
        // The site is the truth for the people it owns: a corrected name follows it here.
        if (p.name && p.name !== known.display_name) repos.doctors.rename(known.id, p.name);
        // The site's address fills a blank one; an address set here (the doctor's Zoom login,
        // which may differ from the site's) is never overwritten by a sync.
        if (p.email && !known.email) repos.doctors.setEmail(known.id, p.email);
        return known.id;
      }
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
      const known = patientBySource.get(SOURCE, p.siteId) as Known;
      if (known) {
        const email = p.email ?? null;
        if ((p.name && p.name !== known.display_name) || (email && email !== known.email)) {
          repos.patients.updateProfile(known.id, { displayName: p.name ?? known.display_name, email });
        }
        return known.id;
      }
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
