import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { Appointment } from './records';
import { type Clock, isoNow, listRecords, toRecord, toRecords } from './row-mapping';

export type NewAppointment = Omit<Appointment, 'version' | 'createdAt' | 'updatedAt' | 'deletedAt'>;
export type AppointmentChanges = Partial<
  Pick<
    Appointment,
    | 'doctorId'
    | 'patientId'
    | 'startUtc'
    | 'timeZone'
    | 'durationMin'
    | 'visitType'
    | 'status'
    | 'reason'
    | 'notes'
    | 'deletedAt'
  >
>;

const columnOf: Record<keyof AppointmentChanges, string> = {
  doctorId: 'doctor_id',
  patientId: 'patient_id',
  startUtc: 'start_utc',
  timeZone: 'time_zone',
  durationMin: 'duration_min',
  visitType: 'visit_type',
  status: 'status',
  reason: 'reason',
  notes: 'notes',
  deletedAt: 'deleted_at',
};

/** Longest visit the schema allows: bounds the look-back of an overlap search. */
export const MAX_DURATION_MIN = 480;

export function appointmentsRepository(db: DatabaseSync, clock: Clock) {
  const insert = db.prepare(
    `INSERT INTO appointments (id, doctor_id, patient_id, start_utc, time_zone, duration_min, visit_type,
       status, reason, notes, reference, source, source_id, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const byId = db.prepare('SELECT * FROM appointments WHERE id = ?');
  const byReference = db.prepare('SELECT * FROM appointments WHERE reference = ?');
  const inRange = db.prepare(
    `SELECT * FROM appointments WHERE start_utc >= ? AND start_utc < ? AND deleted_at IS NULL
     ORDER BY start_utc, id`,
  );
  const doctorInRange = db.prepare(
    `SELECT * FROM appointments WHERE doctor_id = ? AND start_utc >= ? AND start_utc < ? AND deleted_at IS NULL
     ORDER BY start_utc, id`,
  );
  const sameSlot = db.prepare(
    `SELECT * FROM appointments WHERE doctor_id = ? AND start_utc = ? AND patient_id = ?
       AND deleted_at IS NULL AND status <> 0`,
  );
  const bySource = db.prepare('SELECT * FROM appointments WHERE source = ? AND source_id = ?');
  const updates = new Map<string, ReturnType<DatabaseSync['prepare']>>();

  const one = (row: unknown) => (row ? toRecord<Appointment>(row) : undefined);

  return {
    insert(a: NewAppointment): Appointment {
      const at = isoNow(clock);
      insert.run(
        a.id,
        a.doctorId,
        a.patientId,
        a.startUtc,
        a.timeZone,
        a.durationMin,
        a.visitType,
        a.status,
        a.reason,
        a.notes,
        a.reference,
        a.source,
        a.sourceId,
        at,
        at,
      );
      return one(byId.get(a.id))!;
    },
    /** Deleted appointments are returned too; callers decide what a tombstone means. */
    get: (id: string): Appointment | undefined => one(byId.get(id)),
    getByReference: (reference: string): Appointment | undefined => one(byReference.get(reference)),
    getBySource: (source: string, sourceId: string): Appointment | undefined =>
      one(bySource.get(source, sourceId)),
    /**
     * Applies changes only if the row is still at expectedVersion; returns the new row, or
     * undefined when someone else changed it first (or it does not exist).
     */
    update(id: string, expectedVersion: number, changes: AppointmentChanges): Appointment | undefined {
      const keys = (Object.keys(changes) as Array<keyof AppointmentChanges>)
        .filter((k) => k in columnOf)
        .sort();
      const sql = `UPDATE appointments SET ${keys.map((k) => `${columnOf[k]} = ?, `).join('')}version = version + 1,
        updated_at = ? WHERE id = ? AND version = ?`;
      let stmt = updates.get(sql);
      if (!stmt) {
        stmt = db.prepare(sql);
        updates.set(sql, stmt);
      }
      const values = keys.map((k) => changes[k] as SQLInputValue);
      const result = stmt.run(...values, isoNow(clock), id, expectedVersion);
      return result.changes === 1 ? one(byId.get(id)) : undefined;
    },
    listRange: (fromUtc: string, toUtc: string): Appointment[] =>
      listRecords<Appointment>(inRange, fromUtc, toUtc),
    listDoctorRange: (doctorId: string, fromUtc: string, toUtc: string): Appointment[] =>
      listRecords<Appointment>(doctorInRange, doctorId, fromUtc, toUtc),
    /** Live (not cancelled, not deleted) bookings of this patient with this doctor at this start. */
    findSameSlot: (doctorId: string, startUtc: string, patientId: string): Appointment[] =>
      toRecords<Appointment>(sameSlot.all(doctorId, startUtc, patientId)),
  };
}
export type AppointmentsRepository = ReturnType<typeof appointmentsRepository>;
