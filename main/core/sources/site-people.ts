// Doctors and patients from the site, found by their site id (or, for a doctor, by e-mail when the
// clinic already set that doctor up locally), created when new.
import { randomUUID } from 'node:crypto';
import type { Repositories } from '../store/repositories';
import type { SitePerson } from './source';

export const SOURCE = 'kivicare';

export function sitePeople(repos: Repositories) {
  return {
    async doctorId(p: SitePerson): Promise<string> {
      const known = await repos.doctors.getBySource(SOURCE, p.siteId);
      if (known) {
        // The site is the truth for the people it owns: a corrected name follows it here.
        if (p.name && p.name !== known.displayName) await repos.doctors.rename(known.id, p.name);
        // The site's address fills a blank one; an address set here (the doctor's Zoom login,
        // which may differ from the site's) is never overwritten by a sync.
        if (p.email && !known.email) await repos.doctors.setEmail(known.id, p.email);
        return known.id;
      }
      // The same doctor may already be here with Zoom connected: one person, one row.
      const local = p.email ? (await repos.doctors.findLocalByEmail(p.email))?.id : undefined;
      if (local) return local;
      const created = await repos.doctors.insert({
        id: randomUUID(),
        displayName: p.name ?? `KiviCare doctor ${p.siteId}`,
        email: p.email ?? '',
        source: SOURCE,
        sourceId: p.siteId,
      });
      return created.id;
    },
    async patientId(p: SitePerson): Promise<string> {
      const known = await repos.patients.getBySource(SOURCE, p.siteId);
      if (known) {
        const email = p.email ?? null;
        if ((p.name && p.name !== known.displayName) || (email && email !== known.email)) {
          await repos.patients.updateProfile(known.id, { displayName: p.name ?? known.displayName, email });
        }
        return known.id;
      }
      const created = await repos.patients.insert({
        id: randomUUID(),
        displayName: p.name ?? `KiviCare patient ${p.siteId}`,
        email: p.email,
        source: SOURCE,
        sourceId: p.siteId,
      });
      return created.id;
    },
  };
}
