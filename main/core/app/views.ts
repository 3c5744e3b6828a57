// Records → what the renderer may see. The schemas in the contract strip anything else, and no
// start URL ever exists in these records to begin with.
import { needsMeeting } from '../appointments/intent';
import type { Waiting } from '../clinic/waiting';
import type { Appointment, Doctor, MeetingMapping, Patient } from '../store/records';

type MeetingStateView =
  | 'none'
  | 'past'
  | 'creating'
  | 'updating'
  | 'deleting'
  | 'ready'
  | 'needs-reconnect'
  | 'failed'
  | 'site-managed';

/**
 * `queuedProblem` is asked only for a visit still waiting for its first meeting (an outbox read).
 * A visit that ended before its meeting was made gets none (the engine makes no meeting for the
 * past): it says so instead of "being created" for ever. `waiting` says which other desktop is
 * expected to make a meeting this desktop cannot make (a clinic of desktops); its words are the
 * problem then.
 */
export function meetingView(
  a: Appointment,
  m: MeetingMapping | undefined,
  queuedProblem: () => string | null,
  nowMs: number,
  liveOf: (meetingId: string | null) => LiveView = () => NOT_SEEN,
  waiting: (doctorId: string) => Waiting | null = () => null,
) {
  const base = {
    joinUrl: null,
    meetingId: null,
    problem: null,
    provisionedBy: null,
    waiting: null,
    ...NOT_SEEN,
  };
  const waited = () => {
    const w = waiting(a.doctorId);
    return w && { problem: w.words, waiting: w.away ? ('desktop-away' as const) : ('desktop' as const) };
  };
  if (m?.provisionedBy === 'kivicare') {
    return {
      ...base,
      state: 'site-managed' as const,
      joinUrl: m.joinUrl,
      meetingId: m.zoomMeetingId,
      provisionedBy: 'kivicare' as const,
    };
  }
  const over = Date.parse(a.startUtc) + a.durationMin * 60_000 <= nowMs;
  if (!m || m.state === 'deleted' || (over && !m.zoomMeetingId)) {
    const state: MeetingStateView = !needsMeeting(a) ? 'none' : over ? 'past' : 'creating';
    if (state !== 'creating') return { ...base, state };
    return { ...base, state, ...(waited() ?? { problem: queuedProblem() }) };
  }
  const ready = m.state === 'ready' || m.state === 'updating';
  return {
    state: m.state as MeetingStateView,
    joinUrl: ready ? m.joinUrl : null,
    meetingId: ready ? m.zoomMeetingId : null,
    problem: m.lastErrorMessage,
    provisionedBy: m.provisionedBy,
    waiting: null,
    ...(ready ? liveOf(m.zoomMeetingId) : NOT_SEEN),
    // Begun by a desktop not seen since, or parked here for want of a sign-in that another desktop
    // holds: the meeting waits for that desktop, and the row names it.
    ...(m.state === 'creating' || (m.state === 'needs-reconnect' && m.lastErrorKind === 'reconnect-needed')
      ? waited()
      : null),
  };
}

/**
 * Whether meetingView asks `queuedProblem` for this visit (the same test as its own), so a list
 * reads the outbox only for the visits that will show its problem.
 */
export function asksQueuedProblem(a: Appointment, m: MeetingMapping | undefined, nowMs: number): boolean {
  if (m?.provisionedBy === 'kivicare') return false;
  const over = Date.parse(a.startUtc) + a.durationMin * 60_000 <= nowMs;
  if (!m || m.state === 'deleted' || (over && !m.zoomMeetingId)) return needsMeeting(a) && !over;
  return false;
}

/** What Zoom last said the meeting is doing, and when this desktop opened its start link. */
export interface LiveView {
  live: 'waiting' | 'started' | 'ended' | null;
  openedAt: string | null;
}
const NOT_SEEN: LiveView = { live: null, openedAt: null };

/**
 * Appointments that overlap another of the same doctor (cancelled ones do not count). One sweep
 * per doctor in start order: a visit overlaps when it starts before the latest end seen so far.
 */
export function overlappingIds(list: readonly Appointment[]): Set<string> {
  const out = new Set<string>();
  const byDoctor = new Map<string, Appointment[]>();
  for (const a of list) {
    if (a.status === 0 || a.deletedAt) continue;
    const mine = byDoctor.get(a.doctorId) ?? [];
    mine.push(a);
    byDoctor.set(a.doctorId, mine);
  }
  for (const mine of byDoctor.values()) {
    mine.sort((x, y) => Date.parse(x.startUtc) - Date.parse(y.startUtc));
    let latest: { id: string; end: number } | null = null;
    for (const a of mine) {
      const start = Date.parse(a.startUtc);
      const end = start + a.durationMin * 60_000;
      if (latest && start < latest.end) {
        out.add(a.id);
        out.add(latest.id);
      }
      if (!latest || end > latest.end) latest = { id: a.id, end };
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
    nowMs: number;
    live?(meetingId: string | null): LiveView;
    waiting?(doctorId: string): Waiting | null;
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
    meeting: meetingView(
      a,
      lookups.mapping(a.id),
      () => lookups.queuedProblem(a.id),
      lookups.nowMs,
      lookups.live,
      lookups.waiting,
    ),
  };
}
