import type { DatabaseSync } from 'node:sqlite';
import type { OutboxItem, OutboxOp } from './records';
import { type Clock, isoNow, toRecord, toRecords } from './row-mapping';
import { findSecretKey } from './secrets';

export interface OutboxIntent {
  appointmentId: string;
  op: OutboxOp;
  reference: string;
  /** What the appointment should look like on Zoom; never a token, passcode or URL. */
  payload: Record<string, unknown>;
  /** Defaults to now: work is due immediately. */
  notBefore?: string;
}

const JSON_COLUMNS = ['payload'] as const;

export function outboxRepository(db: DatabaseSync, clock: Clock) {
  const insert = db.prepare(
    `INSERT INTO outbox (appointment_id, op, payload, reference, attempts, next_attempt_at, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, 0, ?, 'pending', ?, ?)`,
  );
  const supersede = db.prepare(
    `UPDATE outbox SET state = 'superseded', updated_at = ? WHERE appointment_id = ? AND state = 'pending'`,
  );
  const byId = db.prepare('SELECT * FROM outbox WHERE id = ?');
  const due = db.prepare(
    `SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
  );
  const nextDue = db.prepare(`SELECT MIN(next_attempt_at) AS at FROM outbox WHERE state = 'pending'`);
  const forAppointment = db.prepare('SELECT * FROM outbox WHERE appointment_id = ? ORDER BY id');
  const claim = db.prepare(
    `UPDATE outbox SET state = 'in-flight', attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = 'pending'`,
  );
  const finish = db.prepare(
    `UPDATE outbox SET state = 'done', last_error = NULL, updated_at = ? WHERE id = ? AND state = 'in-flight'`,
  );
  const retry = db.prepare(
    `UPDATE outbox SET state = 'pending', last_error = ?, next_attempt_at = ?, updated_at = ?
     WHERE id = ? AND state = 'in-flight'`,
  );
  const park = db.prepare(
    `UPDATE outbox SET state = 'parked', last_error = ?, updated_at = ? WHERE id = ? AND state IN ('in-flight', 'pending')`,
  );
  const release = db.prepare(`UPDATE outbox SET state = 'pending', updated_at = ? WHERE state = 'in-flight'`);
  const countPending = db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'`);

  const one = (row: unknown) => (row ? toRecord<OutboxItem>(row, JSON_COLUMNS) : undefined);

  return {
    /**
     * Records an intent; call inside the transaction that changes the appointment. Older pending
     * intents for the same appointment are superseded: the engine only needs the latest wish.
     */
    enqueue(intent: OutboxIntent): OutboxItem {
      const secret = findSecretKey(intent.payload);
      if (secret) throw new Error(`Outbox payload must not carry secrets (found "${secret}")`);
      const at = isoNow(clock);
      supersede.run(at, intent.appointmentId);
      const { lastInsertRowid } = insert.run(
        intent.appointmentId,
        intent.op,
        JSON.stringify(intent.payload),
        intent.reference,
        intent.notBefore ?? at,
        at,
        at,
      );
      return one(byId.get(lastInsertRowid))!;
    },
    get: (id: number): OutboxItem | undefined => one(byId.get(id)),
    /** Pending work whose time has come, oldest first. */
    due: (nowIso: string, limit = 20): OutboxItem[] =>
      toRecords<OutboxItem>(due.all(nowIso, limit), JSON_COLUMNS),
    /** When the next pending item falls due, for scheduling a timer. */
    nextDueAt: (): string | null => (nextDue.get() as { at: string | null }).at,
    forAppointment: (appointmentId: string): OutboxItem[] =>
      toRecords<OutboxItem>(forAppointment.all(appointmentId), JSON_COLUMNS),
    /** pending → in-flight; false if another worker took it or it was superseded. */
    claim: (id: number): boolean => claim.run(isoNow(clock), id).changes === 1,
    complete: (id: number): boolean => finish.run(isoNow(clock), id).changes === 1,
    retryLater: (id: number, error: string, nextAttemptAt: string): boolean =>
      retry.run(error, nextAttemptAt, isoNow(clock), id).changes === 1,
    /** Gives up until a person acts (e.g. the doctor reconnects Zoom). */
    park: (id: number, error: string): boolean => park.run(error, isoNow(clock), id).changes === 1,
    /** After a crash, work that was in flight is pending again; the engine's ops are idempotent. */
    releaseInFlight: (): number => Number(release.run(isoNow(clock)).changes),
    pendingCount: (): number => Number((countPending.get() as { n: number }).n),
  };
}
export type OutboxRepository = ReturnType<typeof outboxRepository>;
