// What front desk and doctors do with a meeting: start it (main opens the start URL itself),
// copy the join link or the invitation, mail it, or try again.
import { DateTime } from 'luxon';
import { needsMeeting } from '../../appointments/intent';
import { AppError } from '../../errors';
import { invitationMailto, invitationText } from '../../meetings/invitation';
import type { Appointment } from '../../store/records';
import { connectionOf } from './connections';
import { type HandlerContext, type HandlersOf, ok } from './context';

export function meetingHandlers({
  s,
  ports,
  actor,
  view,
  liveAppointment,
}: HandlerContext): HandlersOf<'meetings'> {
  const joinable = async (appointmentId: string) => {
    const a = await liveAppointment(appointmentId);
    const m = await s.repos.mappings.get(appointmentId);
    const v = (await view(a)).meeting;
    if (!v.joinUrl || !m) {
      throw new AppError(
        'not-found',
        'This visit has no meeting link yet. It is being set up; try again shortly.',
      );
    }
    return { a, m, joinUrl: v.joinUrl };
  };

  /** A cancelled visit's notice: what the patient needs after a cancellation, and no link. */
  const cancellation = async (a: Appointment) => {
    const start = DateTime.fromISO(a.startUtc, { zone: 'utc' }).setZone(a.timeZone).setLocale('en-GB');
    const doctor = await s.doctorName(a.doctorId);
    return {
      a,
      subject: `Cancelled: your video visit with ${doctor}`,
      text: [
        `Your video visit with ${doctor} at ${s.settings.get().clinicName} on ${start.toFormat('cccc d LLLL yyyy')} at ${start.toFormat('HH:mm')} (${a.timeZone}) is cancelled.`,
        '',
        'The meeting link you were sent no longer works. Please call the clinic if you would like a new time.',
      ].join('\n'),
    };
  };

  const invitation = async (appointmentId: string) => {
    const cancelled = await s.repos.appointments.get(appointmentId);
    if (cancelled && !cancelled.deletedAt && cancelled.status === 0) return cancellation(cancelled);
    const { a, m, joinUrl } = await joinable(appointmentId);
    const settings = s.settings.get();
    const doctorName = await s.doctorName(a.doctorId);
    return {
      a,
      subject: `Your video visit with ${doctorName}`,
      text: invitationText({
        clinicName: settings.clinicName,
        doctorName,
        startUtc: a.startUtc,
        timeZone: a.timeZone,
        durationMin: a.durationMin,
        joinUrl,
        passcode: m.passcode,
        meetingId: m.zoomMeetingId,
      }),
    };
  };

  /** A retry cannot help while the doctor cannot host: say what is needed instead of queueing. */
  const retryWouldHelp = async (doctorId: string) => {
    const c = await connectionOf(s, doctorId);
    if (c.state === 'connected') return;
    const name = await s.doctorName(doctorId);
    if ((await s.clinicZoom.mode()) === 'clinic-wide') {
      throw new AppError(
        'reconnect-needed',
        `${c.lastError?.message ?? `${name} cannot use the clinic Zoom account yet.`} Trying again cannot help until the clinic admin fixes it in Settings.`,
      );
    }
    const what = c.state === 'disconnected' ? 'connect' : 'reconnect';
    throw new AppError(
      'reconnect-needed',
      `${name} must ${what} Zoom first: trying again cannot help until then. ${name} does it in Zoom connections after unlocking their profile.`,
    );
  };

  return {
    'meetings:start': async ({ appointmentId }) => {
      const doctorId = s.profiles.unlockedDoctorId();
      if (!doctorId) throw new AppError('locked', 'Unlock your doctor profile to start a visit.');
      const url = await s.engine.startUrl(appointmentId, doctorId);
      s.profiles.touch();
      await ports.openOutside(url);
      await s.repos.audit.append({
        actor: `doctor:${doctorId}`,
        action: 'meeting.started',
        entity: 'appointment',
        entityId: appointmentId,
      });
      return ok;
    },

    'meetings:copyJoinLink': async ({ appointmentId }) => {
      await ports.writeClipboard((await joinable(appointmentId)).joinUrl);
      return ok;
    },

    'meetings:copyInvitation': async ({ appointmentId }) => {
      await ports.writeClipboard((await invitation(appointmentId)).text);
      return ok;
    },

    'meetings:emailInvitation': async ({ appointmentId }) => {
      const { a, text, subject } = await invitation(appointmentId);
      const to = (await s.repos.patients.get(a.patientId))?.email ?? null;
      await ports.openOutside(invitationMailto(to, subject, text));
      return ok;
    },

    'meetings:phoneDetails': async ({ appointmentId }) => {
      const { m } = await joinable(appointmentId);
      if (!m.zoomMeetingId || !m.passcode) {
        throw new AppError('not-found', 'This visit’s meeting has no ID and passcode to read out.');
      }
      // A deliberate reveal, recorded: who read the passcode of which visit, never the passcode.
      await s.repos.audit.append({
        actor: actor(),
        action: 'meeting.phoneDetails',
        entity: 'appointment',
        entityId: appointmentId,
      });
      return { meetingId: m.zoomMeetingId, passcode: m.passcode };
    },

    'meetings:retry': async ({ appointmentId }) => {
      const a = await liveAppointment(appointmentId);
      await retryWouldHelp(a.doctorId);
      await s.store.transaction(async () => {
        await s.repos.outbox.enqueue({
          appointmentId,
          op: needsMeeting(a) ? 'ensure' : 'delete',
          reference: a.reference,
          payload: { appointmentId, reason: 'retry' },
        });
        await s.repos.audit.append({
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
