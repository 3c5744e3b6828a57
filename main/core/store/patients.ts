import type { DatabaseSync } from 'node:sqlite';
import type { Patient } from './records';
import { type Clock, isoNow, toRecord, toRecords } from './row-mapping';

export type NewPatient = Pick<Patient, 'id' | 'displayName'> &
  Partial<Pick<Patient, 'email' | 'phone' | 'source' | 'sourceId'>>;

export function patientsRepository(db: DatabaseSync, clock: Clock) {
  const insert = db.prepare(
    `INSERT INTO patients (id, display_name, email, phone, source, source_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare('SELECT * FROM patients WHERE id = ?');
  const byEmail = db.prepare('SELECT * FROM patients WHERE email = ? COLLATE NOCASE ORDER BY created_at');
  const all = db.prepare('SELECT * FROM patients ORDER BY display_name COLLATE NOCASE');
  const rename = db.prepare(
    'UPDATE patients SET display_name = ?, email = COALESCE(?, email), updated_at = ? WHERE id = ?',
  );

  return {
    insert(p: NewPatient): Patient {
      const at = isoNow(clock);
      insert.run(
        p.id,
        p.displayName,
        p.email ?? null,
        p.phone ?? null,
        p.source ?? 'local',
        p.sourceId ?? null,
        at,
        at,
      );
      return this.get(p.id)!;
    },
    get: (id: string): Patient | undefined => {
      const row = byId.get(id);
      return row ? toRecord<Patient>(row) : undefined;
    },
    findByEmail: (email: string): Patient[] => toRecords<Patient>(byEmail.all(email)),
    list: (): Patient[] => toRecords<Patient>(all.all()),
    /** A name or e-mail corrected at the source (e.g. the KiviCare site); a missing e-mail keeps ours. */
    updateProfile: (id: string, p: { displayName: string; email?: string | null }): void => {
      rename.run(p.displayName, p.email ?? null, isoNow(clock), id);
    },
  };
}
export type PatientsRepository = ReturnType<typeof patientsRepository>;
