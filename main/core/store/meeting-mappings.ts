import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { MeetingMapping, MeetingState } from './records';
import { type Clock, isoNow, toRecord, toRecords } from './row-mapping';

export type NewMeetingMapping = Pick<MeetingMapping, 'appointmentId' | 'doctorId' | 'reference' | 'state'> &
  Partial<
    Omit<
      MeetingMapping,
      'id' | 'appointmentId' | 'doctorId' | 'reference' | 'state' | 'createdAt' | 'updatedAt'
    >
  >;
export type MeetingMappingChanges = Partial<
  Omit<MeetingMapping, 'id' | 'appointmentId' | 'reference' | 'provisionedBy' | 'createdAt' | 'updatedAt'>
>;

const columnOf: Record<keyof MeetingMappingChanges, string> = {
  doctorId: 'doctor_id',
  zoomMeetingId: 'zoom_meeting_id',
  zoomUuid: 'zoom_uuid',
  joinUrl: 'join_url',
  passcode: 'passcode',
  hostEmail: 'host_email',
  hostId: 'host_id',
  state: 'state',
  lastErrorKind: 'last_error_kind',
  lastErrorMessage: 'last_error_message',
};

export function meetingMappingsRepository(db: DatabaseSync, clock: Clock) {
  const insert = db.prepare(
    `INSERT INTO meeting_mappings (appointment_id, doctor_id, zoom_meeting_id, zoom_uuid, join_url, passcode,
       host_email, host_id, reference, provisioned_by, state, last_error_kind, last_error_message, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byAppointment = db.prepare('SELECT * FROM meeting_mappings WHERE appointment_id = ?');
  const byAppointments = db.prepare(
    'SELECT * FROM meeting_mappings WHERE appointment_id IN (SELECT value FROM json_each(?))',
  );
  const byReference = db.prepare('SELECT * FROM meeting_mappings WHERE reference = ?');
  const byState = db.prepare('SELECT * FROM meeting_mappings WHERE state = ? ORDER BY updated_at');
  const passcodeUsed = db.prepare('SELECT 1 FROM meeting_mappings WHERE passcode = ? LIMIT 1');
  const remove = db.prepare('DELETE FROM meeting_mappings WHERE appointment_id = ?');
  const updates = new Map<string, ReturnType<DatabaseSync['prepare']>>();

  const one = (row: unknown) => (row ? toRecord<MeetingMapping>(row) : undefined);

  return {
    insert(m: NewMeetingMapping): MeetingMapping {
      const at = isoNow(clock);
      insert.run(
        m.appointmentId,
        m.doctorId,
        m.zoomMeetingId ?? null,
        m.zoomUuid ?? null,
        m.joinUrl ?? null,
        m.passcode ?? null,
        m.hostEmail ?? null,
        m.hostId ?? null,
        m.reference,
        m.provisionedBy ?? 'companion',
        m.state,
        m.lastErrorKind ?? null,
        m.lastErrorMessage ?? null,
        at,
        at,
      );
      return one(byAppointment.get(m.appointmentId))!;
    },
    get: (appointmentId: string): MeetingMapping | undefined => one(byAppointment.get(appointmentId)),
    /** The mappings of many appointments in one read (a day list), by appointment id. */
    forAppointments(appointmentIds: string[]): Map<string, MeetingMapping> {
      const rows = toRecords<MeetingMapping>(byAppointments.all(JSON.stringify(appointmentIds)));
      return new Map(rows.map((m) => [m.appointmentId, m]));
    },
    getByReference: (reference: string): MeetingMapping | undefined => one(byReference.get(reference)),
    listByState: (state: MeetingState): MeetingMapping[] => toRecords<MeetingMapping>(byState.all(state)),
    update(appointmentId: string, changes: MeetingMappingChanges): MeetingMapping | undefined {
      const keys = (Object.keys(changes) as Array<keyof MeetingMappingChanges>)
        .filter((k) => k in columnOf)
        .sort();
      const sql = `UPDATE meeting_mappings SET ${keys.map((k) => `${columnOf[k]} = ?, `).join('')}updated_at = ?
        WHERE appointment_id = ?`;
      let stmt = updates.get(sql);
      if (!stmt) {
        stmt = db.prepare(sql);
        updates.set(sql, stmt);
      }
      stmt.run(...keys.map((k) => (changes[k] ?? null) as SQLInputValue), isoNow(clock), appointmentId);
      return one(byAppointment.get(appointmentId));
    },
    /** For generatePasscode: a passcode is never reused across meetings. */
    passcodeInUse: (passcode: string): boolean => passcodeUsed.get(passcode) !== undefined,
    remove: (appointmentId: string): boolean => remove.run(appointmentId).changes === 1,
  };
}
export type MeetingMappingsRepository = ReturnType<typeof meetingMappingsRepository>;
