import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Doctor } from './records';
import { type Clock, isoNow, toRecord, toRecords } from './row-mapping';

export type NewDoctor = Pick<Doctor, 'id' | 'displayName' | 'email'> &
  Partial<Pick<Doctor, 'zoomUserId' | 'source' | 'sourceId'>>;

export function doctorsRepository(db: DatabaseSync, clock: Clock) {
  const insert = db.prepare(
    `INSERT INTO doctors (id, display_name, email, zoom_user_id, source, source_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare('SELECT * FROM doctors WHERE id = ?');
  // Prepared on first use: these name a column of migration 5, and the repository also serves a
  // database being upgraded from an older schema.
  let allStmt: StatementSync | undefined;
  const all = () =>
    (allStmt ??= db.prepare(
      'SELECT * FROM doctors WHERE removed_at IS NULL ORDER BY display_name COLLATE NOCASE',
    ));
  let removeStmt: StatementSync | undefined;
  const markRemoved = () =>
    (removeStmt ??= db.prepare('UPDATE doctors SET removed_at = ?, updated_at = ? WHERE id = ?'));
  const setZoomUser = db.prepare('UPDATE doctors SET zoom_user_id = ?, updated_at = ? WHERE id = ?');
  const rename = db.prepare('UPDATE doctors SET display_name = ?, updated_at = ? WHERE id = ?');
  const setEmail = db.prepare('UPDATE doctors SET email = ?, updated_at = ? WHERE id = ?');

  return {
    insert(d: NewDoctor): Doctor {
      const at = isoNow(clock);
      insert.run(
        d.id,
        d.displayName,
        d.email,
        d.zoomUserId ?? null,
        d.source ?? 'local',
        d.sourceId ?? null,
        at,
        at,
      );
      return this.get(d.id)!;
    },
    get: (id: string): Doctor | undefined => {
      const row = byId.get(id);
      return row ? toRecord<Doctor>(row) : undefined;
    },
    list: (): Doctor[] => toRecords<Doctor>(all().all()),
    setZoomUserId: (id: string, zoomUserId: string | null) => {
      setZoomUser.run(zoomUserId, isoNow(clock), id);
    },
    /** A name corrected at the source; the e-mail stays, as it names the doctor's Zoom user. */
    rename: (id: string, displayName: string) => {
      rename.run(displayName, isoNow(clock), id);
    },
    /** Leaves every list; the row stays so past visits still name the doctor. */
    remove: (id: string) => {
      const at = isoNow(clock);
      markRemoved().run(at, at, id);
    },
    /** The address that names the doctor's Zoom user (clinic-wide mode); '' for none. */
    setEmail: (id: string, email: string) => {
      setEmail.run(email, isoNow(clock), id);
    },
  };
}
export type DoctorsRepository = ReturnType<typeof doctorsRepository>;
