import type { Doctor } from './records';
import { type Clock, isoNow } from './row-mapping';
import { inJsonList, type Sql } from './sql';

export type NewDoctor = Pick<Doctor, 'id' | 'displayName' | 'email'> &
  Partial<Pick<Doctor, 'zoomUserId' | 'source' | 'sourceId'>>;

export function doctorsRepository(db: Sql, clock: Clock) {
  const set = async (column: string, value: string | null, id: string) => {
    await db.run(`UPDATE doctors SET ${column} = ?, updated_at = ? WHERE id = ?`, [value, isoNow(clock), id]);
  };
  return {
    insert: (d: NewDoctor): Promise<Doctor> => {
      const at = isoNow(clock);
      return db.row<Doctor>(
        `INSERT INTO doctors (id, display_name, email, zoom_user_id, source, source_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [d.id, d.displayName, d.email, d.zoomUserId ?? null, d.source ?? 'local', d.sourceId ?? null, at, at],
      ) as Promise<Doctor>;
    },
    get: (id: string) => db.row<Doctor>('SELECT * FROM doctors WHERE id = ?', [id]),
    /** Many at once (a day list's), by id: one query however many. */
    async getMany(ids: readonly string[]): Promise<Map<string, Doctor>> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const rows = await db.rows<Doctor>(`SELECT * FROM doctors WHERE ${inJsonList(db.engine, 'id')}`, [
        JSON.stringify(unique),
      ]);
      return new Map(rows.map((r) => [r.id, r]));
    },
    getBySource: (source: string, sourceId: string) =>
      db.row<Doctor>('SELECT * FROM doctors WHERE source = ? AND source_id = ?', [source, sourceId]),
    /** The first doctor set up here (not from a site) with this e-mail, any case. */
    findLocalByEmail: (email: string) =>
      db.row<Doctor>(
        `SELECT * FROM doctors WHERE source = 'local' AND lower(email) = lower(?) ORDER BY created_at LIMIT 1`,
        [email],
      ),
    list: () =>
      db.rows<Doctor>('SELECT * FROM doctors WHERE removed_at IS NULL ORDER BY lower(display_name), id'),
    setZoomUserId: (id: string, zoomUserId: string | null) => set('zoom_user_id', zoomUserId, id),
    /** A name corrected at the source; the e-mail stays, as it names the doctor's Zoom user. */
    rename: (id: string, displayName: string) => set('display_name', displayName, id),
    /** Leaves every list; the row stays so past visits still name the doctor. */
    remove: async (id: string) => {
      const at = isoNow(clock);
      await db.run('UPDATE doctors SET removed_at = ?, updated_at = ? WHERE id = ?', [at, at, id]);
    },
    /** The address that names the doctor's Zoom user (clinic-wide mode); '' for none. */
    setEmail: (id: string, email: string) => set('email', email, id),
  };
}
export type DoctorsRepository = ReturnType<typeof doctorsRepository>;
