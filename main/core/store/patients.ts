import type { Patient } from './records';
import { type Clock, isoNow } from './row-mapping';
import { inJsonList, type Sql } from './sql';

export type NewPatient = Pick<Patient, 'id' | 'displayName'> &
  Partial<Pick<Patient, 'email' | 'phone' | 'source' | 'sourceId'>>;

export function patientsRepository(db: Sql, clock: Clock) {
  return {
    insert: (p: NewPatient): Promise<Patient> => {
      const at = isoNow(clock);
      return db.row<Patient>(
        `INSERT INTO patients (id, display_name, email, phone, source, source_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [
          p.id,
          p.displayName,
          p.email ?? null,
          p.phone ?? null,
          p.source ?? 'local',
          p.sourceId ?? null,
          at,
          at,
        ],
      ) as Promise<Patient>;
    },
    get: (id: string) => db.row<Patient>('SELECT * FROM patients WHERE id = ?', [id]),
    /** Many at once (a day list's), by id: one query however many. */
    async getMany(ids: readonly string[]): Promise<Map<string, Patient>> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const rows = await db.rows<Patient>(`SELECT * FROM patients WHERE ${inJsonList(db.engine, 'id')}`, [
        JSON.stringify(unique),
      ]);
      return new Map(rows.map((r) => [r.id, r]));
    },
    getBySource: (source: string, sourceId: string) =>
      db.row<Patient>('SELECT * FROM patients WHERE source = ? AND source_id = ?', [source, sourceId]),
    findByEmail: (email: string) =>
      db.rows<Patient>('SELECT * FROM patients WHERE lower(email) = lower(?) ORDER BY created_at', [email]),
    list: () => db.rows<Patient>('SELECT * FROM patients ORDER BY lower(display_name), id'),
    /** A name or e-mail corrected at the source (e.g. the KiviCare site); a missing e-mail keeps ours. */
    updateProfile: async (id: string, p: { displayName: string; email?: string | null }): Promise<void> => {
      await db.run(
        'UPDATE patients SET display_name = ?, email = COALESCE(?, email), updated_at = ? WHERE id = ?',
        [p.displayName, p.email ?? null, isoNow(clock), id],
      );
    },
  };
}
export type PatientsRepository = ReturnType<typeof patientsRepository>;
