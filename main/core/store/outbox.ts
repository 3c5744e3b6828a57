import { laterSql, nowSql } from './clock-sql';
import type { OutboxItem, OutboxOp } from './records';
import { type Clock, isoNow } from './row-mapping';
import { findSecretKey } from './secrets';
import type { Store } from './sql';

export interface OutboxIntent {
  appointmentId: string;
  op: OutboxOp;
  reference: string;
  /** What the appointment should look like on Zoom; never a token, passcode or URL. */
  payload: Record<string, unknown>;
  /** Defaults to now: work is due immediately. */
  notBefore?: string;
}

/** A desktop's hold on one outbox item: who holds it, and the fencing number of that claim. */
export interface Lease {
  id: number;
  fence: number;
}

const JSON_COLUMNS = ['payload'] as const;

/** How long a claim holds before another desktop may take the work over (a dead desktop's). */
export const DEFAULT_LEASE_MS = 120_000;

export function outboxRepository(db: Store, clock: Clock, desktopId = 'this-desktop') {
  const byId = (id: number) => db.row<OutboxItem>('SELECT * FROM outbox WHERE id = ?', [id], JSON_COLUMNS);
  /**
   * A newer intent for the same visit waits while this one is in flight (see claim). When this one
   * ends, the newer one is handed on: written as pending again, so the server tells every desktop
   * (the outbox trigger) and it goes now, not when a desktop's timer next looks.
   */
  const handOn = async (id: number, ended: boolean): Promise<boolean> => {
    if (ended && db.engine === 'postgres')
      await db.run(
        `UPDATE outbox SET state = 'pending' WHERE state = 'pending' AND id <> ?
           AND appointment_id = (SELECT appointment_id FROM outbox WHERE id = ?)`,
        [id, id],
      );
    return ended;
  };

  return {
    /**
     * Records an intent; call inside the transaction that changes the appointment. Older pending
     * intents for the same appointment are superseded: the engine only needs the latest wish.
     */
    async enqueue(intent: OutboxIntent): Promise<OutboxItem> {
      const secret = findSecretKey(intent.payload);
      if (secret) throw new Error(`Outbox payload must not carry secrets (found "${secret}")`);
      const at = isoNow(clock);
      await db.run(
        `UPDATE outbox SET state = 'superseded', updated_at = ? WHERE appointment_id = ? AND state = 'pending'`,
        [at, intent.appointmentId],
      );
      // Due now on the database's clock, which every desktop's engine compares with (as leases
      // are): a reception PC whose clock runs ahead must not hold the doctor's desktop back.
      const due = intent.notBefore ? { sql: '?', params: [intent.notBefore] } : nowSql(db, clock);
      return (await db.row<OutboxItem>(
        `INSERT INTO outbox (appointment_id, op, payload, reference, attempts, next_attempt_at, state, fence, created_at, updated_at)
         VALUES (?, ?, ?, ?, 0, ${due.sql}, 'pending', 0, ?, ?) RETURNING *`,
        [
          intent.appointmentId,
          intent.op,
          JSON.stringify(intent.payload),
          intent.reference,
          ...due.params,
          at,
          at,
        ],
        JSON_COLUMNS,
      ))!;
    },
    get: byId,
    /**
     * Work whose time has come, oldest first: pending items that are due, and items in flight
     * whose desktop let its lease lapse (it died or hangs; another desktop takes over).
     */
    due(nowIso: string, limit = 20): Promise<OutboxItem[]> {
      const now = nowSql(db, clock);
      // Two index walks (outbox_scan, outbox_lease), each stopping at `limit`, then merged: one
      // WHERE with an OR would make SQLite read and sort every due row first.
      return db.rows<OutboxItem>(
        `SELECT * FROM (SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?
             ORDER BY next_attempt_at, id LIMIT ?) AS due_pending
         UNION ALL
         SELECT * FROM (SELECT * FROM outbox WHERE state = 'in-flight' AND lease_until < ${now.sql}
             ORDER BY lease_until, id LIMIT ?) AS lapsed
         ORDER BY next_attempt_at, id LIMIT ?`,
        [nowIso, limit, ...now.params, limit, limit],
        JSON_COLUMNS,
      );
    },
    /**
     * When the next pending item falls due (or a lease lapses), for scheduling a timer; with
     * `afterIso`, the first such moment after it (what is due already is left to another desktop).
     */
    async nextDueAt(afterIso?: string): Promise<string | null> {
      const after = (column: string) => (afterIso ? ` AND ${column} > ?` : '');
      const row = await db.row<{ at: string | null }>(
        `SELECT MIN(at) AS at FROM (
           SELECT MIN(next_attempt_at) AS at FROM outbox WHERE state = 'pending'${after('next_attempt_at')}
           UNION ALL SELECT MIN(lease_until) AS at FROM outbox WHERE state = 'in-flight'${after('lease_until')}) AS due`,
        afterIso ? [afterIso, afterIso] : [],
      );
      return row?.at ?? null;
    },
    forAppointment: (appointmentId: string) =>
      db.rows<OutboxItem>(
        'SELECT * FROM outbox WHERE appointment_id = ? ORDER BY id',
        [appointmentId],
        JSON_COLUMNS,
      ),
    /**
     * pending (or in flight under a lapsed lease) → in flight under this desktop's lease; the new
     * fencing number, or undefined if another desktop took it or it was superseded.
     */
    async claim(id: number, leaseMs = DEFAULT_LEASE_MS): Promise<Lease | undefined> {
      const now = nowSql(db, clock);
      const until = laterSql(db, clock, leaseMs);
      // One appointment is worked on by one desktop at a time: a newer intent waits while an older
      // one is in flight under a live lease elsewhere (two creates at once could make two meetings).
      // A transaction of its own, so two desktops' claims are serialized against each other.
      const row = await db.transaction(() =>
        db.row<{ fence: number }>(
          `UPDATE outbox SET state = 'in-flight', attempts = attempts + 1, fence = fence + 1,
             lease_owner = ?, lease_until = ${until.sql}, updated_at = ?
           WHERE id = ? AND (state = 'pending'
             OR (state = 'in-flight' AND lease_until IS NOT NULL AND lease_until < ${now.sql}))
             AND NOT EXISTS (SELECT 1 FROM outbox other WHERE other.appointment_id = outbox.appointment_id
               AND other.id <> outbox.id AND other.state = 'in-flight' AND other.lease_until >= ${now.sql})
           RETURNING fence`,
          [desktopId, ...until.params, isoNow(clock), id, ...now.params, ...now.params],
        ),
      );
      return row ? { id, fence: Number(row.fence) } : undefined;
    },
    /** Extends a lease still held (a long call); false when it was lost. */
    renew: async (lease: Lease, leaseMs = DEFAULT_LEASE_MS): Promise<boolean> => {
      const until = laterSql(db, clock, leaseMs);
      return (
        (await db.run(
          `UPDATE outbox SET lease_until = ${until.sql} WHERE id = ? AND state = 'in-flight' AND fence = ?`,
          [...until.params, lease.id, lease.fence],
        )) === 1
      );
    },
    /** Whether this claim is still the current one; read inside the transaction that writes a result. */
    holds: async (lease: Lease): Promise<boolean> =>
      (await db.row(
        `SELECT id FROM outbox WHERE id = ? AND state = 'in-flight' AND fence = ?${db.engine === 'postgres' ? ' FOR UPDATE' : ''}`,
        [lease.id, lease.fence],
      )) !== undefined,
    complete: async (lease: Lease): Promise<boolean> =>
      handOn(
        lease.id,
        (await db.run(
          `UPDATE outbox SET state = 'done', last_error = NULL, lease_owner = NULL, lease_until = NULL, updated_at = ?
           WHERE id = ? AND state = 'in-flight' AND fence = ?`,
          [isoNow(clock), lease.id, lease.fence],
        )) === 1,
      ),
    retryLater: async (lease: Lease, error: string, nextAttemptAt: string): Promise<boolean> =>
      (await db.run(
        `UPDATE outbox SET state = 'pending', last_error = ?, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL,
           updated_at = ? WHERE id = ? AND state = 'in-flight' AND fence = ?`,
        [error, nextAttemptAt, isoNow(clock), lease.id, lease.fence],
      )) === 1,
    /**
     * Hands a claimed item back untouched (another desktop is to do it): pending again, its
     * attempt not counted, its fence raised by the claim so nothing this claim began can write.
     */
    release: async (lease: Lease): Promise<boolean> =>
      (await db.run(
        `UPDATE outbox SET state = 'pending', attempts = attempts - 1, lease_owner = NULL, lease_until = NULL,
           updated_at = ? WHERE id = ? AND state = 'in-flight' AND fence = ?`,
        [isoNow(clock), lease.id, lease.fence],
      )) === 1,
    /** Gives up until a person acts (e.g. the doctor reconnects Zoom): under a lease, or while pending. */
    park: async (item: Lease | number, error: string): Promise<boolean> =>
      handOn(
        typeof item === 'number' ? item : item.id,
        (await db.run(
          `UPDATE outbox SET state = 'parked', last_error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?
           WHERE id = ? AND (state = 'pending' OR (state = 'in-flight' AND fence = ?))`,
          [
            error,
            isoNow(clock),
            typeof item === 'number' ? item : item.id,
            typeof item === 'number' ? -1 : item.fence,
          ],
        )) === 1,
      ),
    /**
     * After this desktop restarts, the work it had in flight is pending again (the engine's ops
     * are idempotent). Other desktops' claims are theirs until their leases lapse.
     */
    releaseInFlight: async (): Promise<number> =>
      db.run(
        `UPDATE outbox SET state = 'pending', lease_owner = NULL, lease_until = NULL, updated_at = ?
         WHERE state = 'in-flight' AND (lease_owner = ? OR lease_owner IS NULL)`,
        [isoNow(clock), desktopId],
      ),
    pendingCount: async (): Promise<number> =>
      Number((await db.row<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'`))!.n),
  };
}
export type OutboxRepository = ReturnType<typeof outboxRepository>;
