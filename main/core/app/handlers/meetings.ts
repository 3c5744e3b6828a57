// What front desk and doctors do with a meeting: start it (main opens the start URL itself),
// copy the join link or the invitation, mail it, or try again.
import { needsMeeting } from '../../appointments/intent';
import { AppError } from '../../errors';
import { invitationMailto, invitationText } from '../../meetings/invitation';
import { type HandlerContext, type HandlersOf, ok } from './context';

export function meetingHandlers({
  s,
  ports,
  actor,
  view,
  liveAppointment,
}: HandlerContext): HandlersOf<'meetings'> {
  const joinable = (appointmentId: string) => {
    const a = liveAppointment(appointmentId);
    const m = s.repos.mappings.get(appointmentId);
    const v = view(a).meeting;
    if (!v.joinUrl || !m) {
      throw new AppError(
        'not-found',
        'This visit has no meeting link yet. It is being set up; try again shortly.',
      );
    }
    return { a, m, joinUrl: v.joinUrl };
  };

  const invitation = (appointmentId: string) => {
    const { a, m, joinUrl } = joinable(appointmentId);
    const settings = s.settings.get();
    return {
      a,
      text: invitationText({
        clinicName: settings.clinicName,
        doctorName: s.doctorName(a.doctorId),
        startUtc: a.startUtc,
        timeZone: a.timeZone,
        durationMin: a.durationMin,
        joinUrl,
        passcode: m.passcode,
        meetingId: m.zoomMeetingId,
      }),
    };
  };

  return {
    'meetings:start': async ({ appointmentId }) => {
      const doctorId = s.profiles.unlockedDoctorId();
      if (!doctorId) throw new AppError('locked', 'Unlock your doctor profile to start a visit.');
      const url = await s.engine.startUrl(appointmentId, doctorId);
      s.profiles.touch();
      await ports.openOutside(url);
      s.repos.audit.append({
        actor: `doctor:${doctorId}`,
        action: 'meeting.started',
        entity: 'appointment',
        entityId: appointmentId,
      });
      return ok;
    },

    'meetings:copyJoinLink': async ({ appointmentId }) => {
      await ports.writeClipboard(joinable(appointmentId).joinUrl);
      return ok;
    },

    'meetings:copyInvitation': async ({ appointmentId }) => {
      await ports.writeClipboard(invitation(appointmentId).text);
      return ok;
    },

    'meetings:emailInvitation': async ({ appointmentId }) => {
      const { a, text } = invitation(appointmentId);
      const to = s.repos.patients.get(a.patientId)?.email ?? null;
      await ports.openOutside(
        invitationMailto(to, `Your video visit with ${s.doctorName(a.doctorId)}`, text),
      );
      return ok;
    },

    'meetings:retry': async ({ appointmentId }) => {
      const a = liveAppointment(appointmentId);
      s.store.transaction(() => {
        s.repos.outbox.enqueue({
          appointmentId,
          op: needsMeeting(a) ? 'ensure' : 'delete',
          reference: a.reference,
          payload: { appointmentId, reason: 'retry' },
        });
        s.repos.audit.append({
          actor: actor(),
          action: 'meeting.retry',
          entity: 'appointment',
          entityId: appointmentId,
        });
      });
      s.engine.kick();
      return ok;
    },
  };
}
