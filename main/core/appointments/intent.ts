import type { Appointment, OutboxOp } from '../store/records';

/** Does this appointment, as it stands, call for a Zoom meeting? */
export const needsMeeting = (a: Appointment | undefined): boolean =>
  !!a && a.visitType === 'telemed' && a.status !== 0 && a.deletedAt === null;

const MEETING_FIELDS = ['startUtc', 'durationMin', 'timeZone', 'doctorId'] as const;

export interface MeetingIntent {
  op: OutboxOp;
  reason: 'created' | 'changed' | 'cancelled' | 'deleted' | 'no-longer-telemed' | 'restored';
}

/**
 * What the provisioning engine must do after an appointment changed, or nothing. Patient, reason
 * and notes never reach Zoom, so changing them needs no meeting work.
 */
export function meetingIntent(
  before: Appointment | undefined,
  after: Appointment,
): MeetingIntent | undefined {
  const had = needsMeeting(before);
  const needs = needsMeeting(after);
  if (!had && !needs) return undefined;
  if (!had) return { op: 'ensure', reason: before ? 'restored' : 'created' };
  if (!needs) {
    if (after.deletedAt !== null) return { op: 'delete', reason: 'deleted' };
    if (after.status === 0) return { op: 'delete', reason: 'cancelled' };
    return { op: 'delete', reason: 'no-longer-telemed' };
  }
  return MEETING_FIELDS.some((f) => before![f] !== after[f])
    ? { op: 'ensure', reason: 'changed' }
    : undefined;
}

/** The outbox payload: enough for the engine to act, nothing it must not send or store. */
export function intentPayload(intent: MeetingIntent, before: Appointment | undefined, after: Appointment) {
  return {
    appointmentId: after.id,
    reason: intent.reason,
    desired:
      intent.op === 'ensure'
        ? {
            doctorId: after.doctorId,
            startUtc: after.startUtc,
            durationMin: after.durationMin,
            timeZone: after.timeZone,
          }
        : null,
    // A host change means the old meeting lives under the previous doctor's account.
    previousDoctorId: before && before.doctorId !== after.doctorId ? before.doctorId : null,
    appointmentVersion: after.version,
  };
}
