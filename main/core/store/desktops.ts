import { type Clock, isoNow } from './row-mapping';
import type { Store } from './sql';

export interface Desktop {
  id: string;
  name: string;
  appVersion: string;
  schemaVersion: number;
  startedAt: string;
  lastSeenAt: string;
}

/** The clinic's desktops on one database, and which doctors' Zoom sign-ins each one holds. */
export function desktopsRepository(db: Store, clock: Clock) {
  return {
    /** This desktop is alive (on start, then every heartbeat). */
    async seen(d: Omit<Desktop, 'startedAt' | 'lastSeenAt'> & { started?: boolean }): Promise<void> {
      const at = isoNow(clock);
      await db.run(
        `INSERT INTO desktops (id, name, app_version, schema_version, started_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, app_version = excluded.app_version,
           schema_version = excluded.schema_version, last_seen_at = excluded.last_seen_at${
             d.started ? ', started_at = excluded.started_at' : ''
           }`,
        [d.id, d.name, d.appVersion, d.schemaVersion, at, at],
      );
    },
    list: () => db.rows<Desktop>('SELECT * FROM desktops ORDER BY lower(name), id'),
    get: (id: string) => db.row<Desktop>('SELECT * FROM desktops WHERE id = ?', [id]),
    /** Replaces what this desktop holds: doctor ids, and '*' for the clinic-wide credentials. */
    async setCredentials(desktopId: string, doctorIds: readonly string[]): Promise<void> {
      await db.transaction(async () => {
        const held = new Set(
          (
            await db.rows<{ doctorId: string }>(
              'SELECT doctor_id FROM desktop_credentials WHERE desktop_id = ?',
              [desktopId],
            )
          ).map((r) => r.doctorId),
        );
        const wanted = new Set(doctorIds);
        for (const id of held) {
          if (!wanted.has(id))
            await db.run('DELETE FROM desktop_credentials WHERE desktop_id = ? AND doctor_id = ?', [
              desktopId,
              id,
            ]);
        }
        for (const id of wanted) {
          if (!held.has(id))
            await db.run('INSERT INTO desktop_credentials (desktop_id, doctor_id, since) VALUES (?, ?, ?)', [
              desktopId,
              id,
              isoNow(clock),
            ]);
        }
      });
    },
    /** The desktops that can make this doctor's meetings (their own sign-in or the clinic's). */
    holders: (doctorId: string) =>
      db.rows<Desktop>(
        `SELECT d.* FROM desktops d JOIN desktop_credentials c ON c.desktop_id = d.id
         WHERE c.doctor_id = ? OR c.doctor_id = '*' ORDER BY d.last_seen_at DESC, d.id`,
        [doctorId],
      ),
    /** Every (desktop, doctor) pair, for the day list's "waiting for Dr. Lee's desktop". */
    allCredentials: () =>
      db.rows<{ desktopId: string; doctorId: string; name: string; lastSeenAt: string }>(
        `SELECT c.desktop_id, c.doctor_id, d.name, d.last_seen_at FROM desktop_credentials c
         JOIN desktops d ON d.id = c.desktop_id ORDER BY d.last_seen_at DESC`,
      ),
  };
}
export type DesktopsRepository = ReturnType<typeof desktopsRepository>;
