import type { Appointment } from './records';
import { type Clock, isoNow } from './row-mapping';
import type { Sql, SqlParam } from './sql';

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

const IN_RANGE = `SELECT * FROM appointments WHERE start_utc >= ? AND start_utc < ? AND deleted_at IS NULL
     ORDER BY start_utc, id`;
const DOCTOR_IN_RANGE = `SELECT * FROM appointments WHERE doctor_id = ? AND start_utc >= ? AND start_utc < ? AND deleted_at IS NULL
     ORDER BY start_utc, id`;

export function appointmentsRepository(db: Sql, clock: Clock) {
  const one = (id: string) => db.row<Appointment>('SELECT * FROM appointments WHERE id = ?', [id]);

  return {
    insert: (a: NewAppointment): Promise<Appointment> => {
      const at = isoNow(clock);
      return db.row<Appointment>(
        `INSERT INTO appointments (id, doctor_id, patient_id, start_utc, time_zone, duration_min, visit_type,
           status, reason, notes, reference, source, source_id, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING *`,
        [
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
        ],
      ) as Promise<Appointment>;
    },
    /** Deleted appointments are returned too; callers decide what a tombstone means. */
    get: one,
    getByReference: (reference: string) =>
      db.row<Appointment>('SELECT * FROM appointments WHERE reference = ?', [reference]),
    getBySource: (source: string, sourceId: string) =>
      db.row<Appointment>('SELECT * FROM appointments WHERE source = ? AND source_id = ?', [
        source,
        sourceId,
      ]),
    /**
     * Applies changes only if the row is still at expectedVersion; returns the new row, or
     * undefined when someone else changed it first (or it does not exist).
     */
    update: (id: string, expectedVersion: number, changes: AppointmentChanges) => {
      const keys = (Object.keys(changes) as Array<keyof AppointmentChanges>)
        .filter((k) => k in columnOf)
        .sort();
      const sql = `UPDATE appointments SET ${keys.map((k) => `${columnOf[k]} = ?, `).join('')}version = version + 1,
        updated_at = ? WHERE id = ? AND version = ? RETURNING *`;
      const values = keys.map((k) => changes[k] as SqlParam);
      return db.row<Appointment>(sql, [...values, isoNow(clock), id, expectedVersion]);
    },
    listRange: (fromUtc: string, toUtc: string) => db.rows<Appointment>(IN_RANGE, [fromUtc, toUtc]),
    listDoctorRange: (doctorId: string, fromUtc: string, toUtc: string) =>
      db.rows<Appointment>(DOCTOR_IN_RANGE, [doctorId, fromUtc, toUtc]),
    /** Live (not cancelled, not deleted) bookings of this patient with this doctor at this start. */
    findSameSlot: (doctorId: string, startUtc: string, patientId: string) =>
      db.rows<Appointment>(
        `SELECT * FROM appointments WHERE doctor_id = ? AND start_utc = ? AND patient_id = ?
           AND deleted_at IS NULL AND status <> 0`,
        [doctorId, startUtc, patientId],
      ),
  };
}
export type AppointmentsRepository = ReturnType<typeof appointmentsRepository>;
