// Who makes the meeting for a synced appointment: the site's Telemedicine add-on when it already has
// one, else the companion if the clinic chose that. Never both.
import { intentPayload } from '../appointments/intent';
import type { Appointment, MeetingMapping } from '../store/records';
import type { Repositories } from '../store/repositories';
import type { SiteMeeting } from './source';

export const SYNC_ACTOR = 'sync:kivicare';

/**
 * The appointment book queues meeting work for every telemed change. Where the companion has no
 * meeting of its own and must not make one (the site owns the meeting, or the clinic lets the site
 * make them), pending work is settled at once, in the same transaction, and audited, so the
 * provisioning engine never sees it. Work already in flight cannot be recalled: if it makes a
 * meeting, the next sync finds a companion meeting beside the site's and warns.
 */
export async function settleUnwantedIntents(
  repos: Repositories,
  appointmentId: string,
  reason: 'provisioned-by-kivicare' | 'clinic-uses-site-meetings',
): Promise<number> {
  let settled = 0;
  for (const item of await repos.outbox.forAppointment(appointmentId)) {
    if (item.state !== 'pending') continue;
    const lease = await repos.outbox.claim(item.id);
    if (lease && (await repos.outbox.complete(lease))) {
      settled++;
      await repos.audit.append({
        actor: SYNC_ACTOR,
        action: `meeting.${item.op}-skipped`,
        entity: 'appointment',
        entityId: appointmentId,
        detail: { reason, outboxId: item.id },
      });
    }
  }
  return settled;
}

/** Writes or refreshes the site's meeting as a mapping the companion shows but does not manage. */
export async function recordSiteMeeting(
  repos: Repositories,
  a: Appointment,
  meeting: SiteMeeting,
  existing: MeetingMapping | undefined,
): Promise<'created' | 'updated' | 'unchanged'> {
  const fields = {
    doctorId: a.doctorId,
    zoomMeetingId: meeting.zoomMeetingId,
    zoomUuid: meeting.zoomUuid,
    joinUrl: meeting.joinUrl,
    passcode: meeting.password,
    state: 'ready' as const,
  };
  if (!existing) {
    await repos.mappings.insert({
      appointmentId: a.id,
      reference: a.reference,
      provisionedBy: 'kivicare',
      ...fields,
    });
    return 'created';
  }
  const changed = (Object.keys(fields) as Array<keyof typeof fields>).some((k) => existing[k] !== fields[k]);
  if (!changed) return 'unchanged';
  await repos.mappings.update(a.id, fields);
  return 'updated';
}

/** The companion's own meeting for an appointment whose site meeting went away. */
export async function queueCompanionMeeting(repos: Repositories, a: Appointment): Promise<void> {
  const intent = { op: 'ensure' as const, reason: 'restored' as const };
  await repos.outbox.enqueue({
    appointmentId: a.id,
    op: 'ensure',
    reference: a.reference,
    payload: intentPayload(intent, undefined, a),
  });
}
