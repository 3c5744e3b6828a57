// Records → what the renderer may see. The schemas in the contract strip anything else, and no
// start URL ever exists in these records to begin with.
import { needsMeeting } from '../appointments/intent';
import type { Appointment, Doctor, MeetingMapping, Patient } from '../store/records';

type MeetingStateView =
  | 'none'
  | 'creating'
  | 'updating'
  | 'deleting'
  | 'ready'
  | 'needs-reconnect'
  | 'failed'
  | 'site-managed';

export function meetingView(a: Appointment, m: MeetingMapping | undefined, queuedProblem: string | null) {
  const base = { joinUrl: null, meetingId: null, problem: null, provisionedBy: null };
  if (m?.provisionedBy === 'kivicare') {
    return {
      ...base,
      state: 'site-managed' as const,
      joinUrl: m.joinUrl,
      meetingId: m.zoomMeetingId,
      provisionedBy: 'kivicare' as const,
    };
  }
  if (!m || m.state === 'deleted') {
    const state: MeetingStateView = needsMeeting(a) ? 'creating' : 'none';
    return { ...base, state, problem: state === 'creating' ? queuedProblem : null };
  }
  const ready = m.state === 'ready' || m.state === 'updating';
  return {
    state: m.state as MeetingStateView,
    joinUrl: ready ? m.joinUrl : null,
    meetingId: ready ? m.zoomMeetingId : null,
    problem: m.lastErrorMessage,
    provisionedBy: m.provisionedBy,
  };
}

/** Appointments of one doctor that overlap in time (cancelled ones do not count). */
export function overlappingIds(list: readonly Appointment[]): Set<string> {
  const out = new Set<string>();
  const live = list.filter((a) => a.status !== 0 && !a.deletedAt);
  for (let i = 0; i < live.length; i++) {
    const a = live[i]!;
    const aEnd = Date.parse(a.startUtc) + a.durationMin * 60_000;
    for (let j = i + 1; j < live.length; j++) {
      const b = live[j]!;
      if (b.doctorId !== a.doctorId) continue;
      const bStart = Date.parse(b.startUtc);
      if (bStart < aEnd && Date.parse(a.startUtc) < bStart + b.durationMin * 60_000) {
        out.add(a.id);
        out.add(b.id);
      }
    }
  }
  return out;
}

export function appointmentView(
  a: Appointment,
  lookups: {
    doctor(id: string): Doctor | undefined;
    patient(id: string): Patient | undefined;
    mapping(id: string): MeetingMapping | undefined;
    queuedProblem(id: string): string | null;
  },
  overlaps: boolean,
) {
  return {
    id: a.id,
    version: a.version,
    doctorId: a.doctorId,
    doctorName: lookups.doctor(a.doctorId)?.displayName ?? 'Unknown doctor',
    patientId: a.patientId,
    patientName: lookups.patient(a.patientId)?.displayName ?? 'Unknown patient',
    startUtc: a.startUtc,
    timeZone: a.timeZone,
    durationMin: a.durationMin,
    visitType: a.visitType,
    status: a.status,
    source: a.source,
    overlaps,
    meeting: meetingView(a, lookups.mapping(a.id), lookups.queuedProblem(a.id)),
  };
}
