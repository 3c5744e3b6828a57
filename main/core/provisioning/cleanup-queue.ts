// Meetings to delete on Zoom that no appointment owns any more (see migration 4). An entry is a
// meeting id, or `ref:<reference>` for meetings a create may have made without its answer
// arriving: those are found by the reference in their topic, then deleted.
import type { Sql, SqlParam } from '../store/sql';

export interface CleanupItem {
  id: number;
  zoomMeetingId: string;
  doctorId: string;
  appointmentId: string | null;
  reason: string;
  /** Set when the meeting is on the doctor's previous Zoom account (see migration 5). */
  hostUserId: string | null;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  state: 'pending' | 'done' | 'parked';
}

const toItem = (r: CleanupItem): CleanupItem => ({
  id: Number(r.id),
  zoomMeetingId: String(r.zoomMeetingId),
  doctorId: String(r.doctorId),
  appointmentId: r.appointmentId ?? null,
  reason: String(r.reason),
  hostUserId: r.hostUserId ?? null,
  attempts: Number(r.attempts),
  nextAttemptAt: String(r.nextAttemptAt),
  lastError: r.lastError ?? null,
  state: r.state,
});

const REF = 'ref:';
/** The clean-up entry for "whatever meeting carries this reference". */
export const byReference = (reference: string) => `${REF}${reference}`;
/** The reference of such an entry, or null for a plain meeting id. */
export const referenceOf = (entry: string): string | null =>
  entry.startsWith(REF) ? entry.slice(REF.length) : null;

export function cleanupQueue(db: Sql, now: () => Date) {
  const iso = () => now().toISOString();
  const count = async (sql: string, params: SqlParam[] = []) =>
    Number((await db.row<{ n: number }>(sql, params))?.n ?? 0);
  return {
    async add(
      zoomMeetingId: string,
      doctorId: string,
      appointmentId: string | null,
      reason: string,
      hostUserId: string | null = null,
    ): Promise<void> {
      await db.run(
        `INSERT INTO zoom_cleanup (zoom_meeting_id, doctor_id, appointment_id, reason, host_user_id, next_attempt_at, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT DO NOTHING`,
        [zoomMeetingId, doctorId, appointmentId, reason, hostUserId, iso(), iso(), iso()],
      );
    },
    /** Meetings still to delete on this previous account of the doctor. */
    openOnAccount: (doctorId: string, hostUserId: string): Promise<number> =>
      count(
        `SELECT COUNT(*) AS n FROM zoom_cleanup WHERE state != 'done' AND doctor_id = ? AND host_user_id = ?`,
        [doctorId, hostUserId],
      ),
    due: async (limit = 20): Promise<CleanupItem[]> =>
      (
        await db.rows<CleanupItem>(
          `SELECT * FROM zoom_cleanup WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
          [iso(), limit],
        )
      ).map(toItem),
    complete: async (id: number) => {
      await db.run(`UPDATE zoom_cleanup SET state = 'done', updated_at = ? WHERE id = ?`, [iso(), id]);
    },
    /**
     * Takes a due entry by pushing its time forward; false when another worker (or another desktop)
     * took it first. The attempt itself is counted once, when it fails.
     */
    claim: async (id: number, untilIso: string): Promise<boolean> =>
      (await db.run(
        `UPDATE zoom_cleanup SET next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'pending' AND next_attempt_at <= ?`,
        [untilIso, iso(), id, iso()],
      )) === 1,
    retryLater: async (id: number, error: string, atIso: string) => {
      await db.run(
        `UPDATE zoom_cleanup SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?`,
        [error, atIso, iso(), id],
      );
    },
    park: async (id: number, error: string) => {
      await db.run(
        `UPDATE zoom_cleanup SET state = 'parked', attempts = attempts + 1, last_error = ?, updated_at = ? WHERE id = ?`,
        [error, iso(), id],
      );
    },
    resumeDoctor: (doctorId: string): Promise<number> =>
      db.run(
        `UPDATE zoom_cleanup SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE state = 'parked' AND doctor_id = ?`,
        [iso(), iso(), doctorId],
      ),
    /** Like the outbox's: only deletes backing off, not those waiting for a meeting to end. */
    wakeAll: (horizonMs: number): Promise<number> =>
      db.run(
        `UPDATE zoom_cleanup SET next_attempt_at = ?
         WHERE state = 'pending' AND next_attempt_at > ? AND next_attempt_at <= ?`,
        [iso(), iso(), new Date(now().getTime() + horizonMs).toISOString()],
      ),
    /** Is this meeting on its way out? Such a meeting must never become an appointment's again. */
    isQueued: async (zoomMeetingId: string): Promise<boolean> =>
      (await db.row(`SELECT id FROM zoom_cleanup WHERE zoom_meeting_id = ? AND state != 'done' LIMIT 1`, [
        zoomMeetingId,
      ])) !== undefined,
    openCount: (): Promise<number> => count(`SELECT COUNT(*) AS n FROM zoom_cleanup WHERE state != 'done'`),
  };
}
export type CleanupQueue = ReturnType<typeof cleanupQueue>;
