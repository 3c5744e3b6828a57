// Outbox queries only the provisioning engine needs: bringing parked work back when a doctor
// reconnects, and waking delayed work when Zoom answers again after an outage.
import type { DatabaseSync } from 'node:sqlite';

export function outboxExtras(db: DatabaseSync, now: () => Date) {
  const resume = db.prepare(
    `UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ?
     WHERE state = 'parked' AND appointment_id IN (
       SELECT a.id FROM appointments a WHERE a.doctor_id = ?
       UNION SELECT m.appointment_id FROM meeting_mappings m WHERE m.doctor_id = ?)`,
  );
  const wake = db.prepare(
    `UPDATE outbox SET next_attempt_at = ?, updated_at = ?
     WHERE state = 'pending' AND next_attempt_at > ? AND next_attempt_at <= ?`,
  );
  const parked = db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'parked'`);
  const iso = () => now().toISOString();
  return {
    resumeDoctor: (doctorId: string): number => Number(resume.run(iso(), iso(), doctorId, doctorId).changes),
    /**
     * Work backing off because Zoom was unreachable goes now. Work waiting longer than any back-off
     * (`horizonMs`) waits for what Zoom said (the daily limit's midnight, a meeting in progress).
     */
    wakeAll: (horizonMs: number): number =>
      Number(wake.run(iso(), iso(), iso(), new Date(now().getTime() + horizonMs).toISOString()).changes),
    parkedCount: (): number => Number((parked.get() as { n: number }).n),
  };
}
