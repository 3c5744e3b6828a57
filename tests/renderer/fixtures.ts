// Appointment views as the contract shapes them, for the pure renderer functions' tests.
import type { Appointment } from '../../renderer/src/lib/types';

let n = 0;
export function appt(patch: Partial<Appointment> & { startUtc: string }): Appointment {
  n++;
  return {
    id: `a${n}`,
    version: 1,
    doctorId: 'd1',
    doctorName: 'Dr. Lee',
    patientId: `p${n}`,
    patientName: `Patient ${n}`,
    timeZone: 'Europe/Berlin',
    durationMin: 30,
    visitType: 'telemed',
    status: 1,
    source: 'local',
    overlaps: false,
    meeting: {
      state: 'ready',
      joinUrl: null,
      meetingId: null,
      problem: null,
      provisionedBy: null,
      live: null,
      openedAt: null,
      waiting: null,
    },
    ...patch,
  };
}
