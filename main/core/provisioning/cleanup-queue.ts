// Meetings to delete on Zoom that no appointment owns any more (see migration 4). An entry is a
// meeting id, or `ref:<reference>` for meetings a create may have made without its answer
// arriving: those are found by the reference in their topic, then deleted.
import type { DatabaseSync } from 'node:sqlite';

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

const toItem = (r: Record<string, unknown>): CleanupItem => ({
  id: Number(r.id),
  zoomMeetingId: String(r.zoom_meeting_id),
  doctorId: String(r.doctor_id),
  appointmentId: (r.appointment_id as string | null) ?? null,
  reason: String(r.reason),
  hostUserId: (r.host_user_id as string | null) ?? null,
  attempts: Number(r.attempts),
  nextAttemptAt: String(r.next_attempt_at),
  lastError: (r.last_error as string | null) ?? null,
  state: r.state as CleanupItem['state'],
});

const REF = 'ref:';
/** The clean-up entry for "whatever meeting carries this reference". */
export const byReference = (reference: string) => `${REF}${reference}`;
/** The reference of such an entry, or null for a plain meeting id. */
export const referenceOf = (entry: string): string | null =>
  entry.startsWith(REF) ? entry.slice(REF.length) : null;

export function cleanupQueue(db: DatabaseSync, now: () => Date) {
  const add = db.prepare(
    `INSERT INTO zoom_cleanup (zoom_meeting_id, doctor_id, appointment_id, reason, host_user_id, next_attempt_at, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT DO NOTHING`,
  );
  const due = db.prepare(
    `SELECT * FROM zoom_cleanup WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
  );
  const finish = db.prepare(`UPDATE zoom_cleanup SET state = 'done', updated_at = ? WHERE id = ?`);
  const retry = db.prepare(
    `UPDATE zoom_cleanup SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?`,
  );
  const claim = db.prepare(`UPDATE zoom_cleanup SET next_attempt_at = ?, updated_at = ? WHERE id = ?`);
  const park = db.prepare(
    `UPDATE zoom_cleanup SET state = 'parked', attempts = attempts + 1, last_error = ?, updated_at = ? WHERE id = ?`,
  );
  const unpark = db.prepare(
    `UPDATE zoom_cleanup SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE state = 'parked' AND doctor_id = ?`,
  );
  const wake = db.prepare(
    `UPDATE zoom_cleanup SET next_attempt_at = ?
     WHERE state = 'pending' AND next_attempt_at > ? AND next_attempt_at <= ?`,
  );
  const open = db.prepare(`SELECT COUNT(*) AS n FROM zoom_cleanup WHERE state != 'done'`);
  const openOnAccount = db.prepare(
    `SELECT COUNT(*) AS n FROM zoom_cleanup WHERE state != 'done' AND doctor_id = ? AND host_user_id = ?`,
  );
  const queued = db.prepare(
    `SELECT 1 FROM zoom_cleanup WHERE zoom_meeting_id = ? AND state != 'done' LIMIT 1`,
  );
  const iso = () => now().toISOString();
  return {
    add(
      zoomMeetingId: string,
      doctorId: string,
      appointmentId: string | null,
      reason: string,
      hostUserId: string | null = null,
    ): void {
      add.run(zoomMeetingId, doctorId, appointmentId, reason, hostUserId, iso(), iso(), iso());
    },
    /** Meetings still to delete on this previous account of the doctor. */
    openOnAccount: (doctorId: string, hostUserId: string): number =>
      Number((openOnAccount.get(doctorId, hostUserId) as { n: number }).n),
    due: (limit = 20): CleanupItem[] => (due.all(iso(), limit) as Record<string, unknown>[]).map(toItem),
    complete: (id: number) => void finish.run(iso(), id),
    claim: (id: number, untilIso: string) => void claim.run(untilIso, iso(), id),
    retryLater: (id: number, error: string, atIso: string) => void retry.run(error, atIso, iso(), id),
    park: (id: number, error: string) => void park.run(error, iso(), id),
    resumeDoctor: (doctorId: string) => Number(unpark.run(iso(), iso(), doctorId).changes),
    /** Like the outbox's: only deletes backing off, not those waiting for a meeting to end. */
    wakeAll: (horizonMs: number) =>
      Number(wake.run(iso(), iso(), new Date(now().getTime() + horizonMs).toISOString()).changes),
    /** Is this meeting on its way out? Such a meeting must never become an appointment's again. */
    isQueued: (zoomMeetingId: string): boolean => queued.get(zoomMeetingId) !== undefined,
    openCount: (): number => Number((open.get() as { n: number }).n),
  };
}
export type CleanupQueue = ReturnType<typeof cleanupQueue>;
