import type { MeetingMapping, MeetingState } from './records';
import { type Clock, isoNow } from './row-mapping';
import { inJsonList, type Sql, type SqlParam } from './sql';

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

export function meetingMappingsRepository(db: Sql, clock: Clock) {
  const get = (appointmentId: string) =>
    db.row<MeetingMapping>('SELECT * FROM meeting_mappings WHERE appointment_id = ?', [appointmentId]);
  // A list of ids as one JSON parameter: one statement for any number of ids, on both engines.
  const byAppointments = `SELECT * FROM meeting_mappings WHERE ${inJsonList(db.engine, 'appointment_id')}`;

  return {
    insert: (m: NewMeetingMapping): Promise<MeetingMapping> => {
      const at = isoNow(clock);
      return db.row<MeetingMapping>(
        `INSERT INTO meeting_mappings (appointment_id, doctor_id, zoom_meeting_id, zoom_uuid, join_url, passcode,
           host_email, host_id, reference, provisioned_by, state, last_error_kind, last_error_message, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [
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
        ],
      ) as Promise<MeetingMapping>;
    },
    get,
    /** The mappings of many appointments in one read (a day list), by appointment id. */
    async forAppointments(appointmentIds: string[]): Promise<Map<string, MeetingMapping>> {
      if (appointmentIds.length === 0) return new Map();
      const rows = await db.rows<MeetingMapping>(byAppointments, [JSON.stringify(appointmentIds)]);
      return new Map(rows.map((m) => [m.appointmentId, m]));
    },
    getByReference: (reference: string) =>
      db.row<MeetingMapping>('SELECT * FROM meeting_mappings WHERE reference = ?', [reference]),
    listByState: (state: MeetingState) =>
      db.rows<MeetingMapping>('SELECT * FROM meeting_mappings WHERE state = ? ORDER BY updated_at, id', [
        state,
      ]),
    update: (appointmentId: string, changes: MeetingMappingChanges) => {
      const keys = (Object.keys(changes) as Array<keyof MeetingMappingChanges>)
        .filter((k) => k in columnOf)
        .sort();
      const sql = `UPDATE meeting_mappings SET ${keys.map((k) => `${columnOf[k]} = ?, `).join('')}updated_at = ?
        WHERE appointment_id = ? RETURNING *`;
      return db.row<MeetingMapping>(sql, [
        ...keys.map((k) => (changes[k] ?? null) as SqlParam),
        isoNow(clock),
        appointmentId,
      ]);
    },
    /** For generatePasscode: a passcode is never reused across meetings. */
    passcodeInUse: async (passcode: string): Promise<boolean> =>
      (await db.row('SELECT 1 AS used FROM meeting_mappings WHERE passcode = ? LIMIT 1', [passcode])) !==
      undefined,
    remove: async (appointmentId: string): Promise<boolean> =>
      (await db.run('DELETE FROM meeting_mappings WHERE appointment_id = ?', [appointmentId])) === 1,
  };
}
export type MeetingMappingsRepository = ReturnType<typeof meetingMappingsRepository>;
