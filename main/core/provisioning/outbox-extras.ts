// Outbox queries only the provisioning engine needs: bringing parked work back when a doctor
// reconnects, and waking delayed work when Zoom answers again after an outage.
import type { Sql } from '../store/sql';

export function outboxExtras(db: Sql, now: () => Date) {
  const iso = () => now().toISOString();
  return {
    resumeDoctor: (doctorId: string): Promise<number> =>
      db.run(
        `UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ?
         WHERE state = 'parked' AND appointment_id IN (
           SELECT a.id FROM appointments a WHERE a.doctor_id = ?
           UNION SELECT m.appointment_id FROM meeting_mappings m WHERE m.doctor_id = ?)`,
        [iso(), iso(), doctorId, doctorId],
      ),
    /**
     * Work backing off because Zoom was unreachable goes now. Work waiting longer than any back-off
     * (`horizonMs`) waits for what Zoom said (the daily limit's midnight, a meeting in progress).
     */
    wakeAll: (horizonMs: number): Promise<number> =>
      db.run(
        `UPDATE outbox SET next_attempt_at = ?, updated_at = ?
         WHERE state = 'pending' AND next_attempt_at > ? AND next_attempt_at <= ?`,
        [iso(), iso(), iso(), new Date(now().getTime() + horizonMs).toISOString()],
      ),
    parkedCount: async (): Promise<number> =>
      Number(
        (await db.row<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'parked'`))?.n ?? 0,
      ),
    /** The next time work falls due after `afterIso` (work due now but left to another desktop aside). */
    nextDueAfter: async (afterIso: string): Promise<string | null> =>
      (
        await db.row<{ at: string | null }>(
          `SELECT MIN(next_attempt_at) AS at FROM outbox WHERE state = 'pending' AND next_attempt_at > ?`,
          [afterIso],
        )
      )?.at ?? null,
  };
}
