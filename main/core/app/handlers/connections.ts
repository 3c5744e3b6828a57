// Zoom connections per doctor (or through the clinic account), and the KiviCare site.
import { DateTime } from 'luxon';
import { needsMeeting } from '../../appointments/intent';
import { AppError } from '../../errors';
import { dayRangeUtc } from '../../time/day-range';
import type { Services } from '../services';
import { type HandlerContext, type HandlersOf, ok } from './context';

export function connectionHandlers({
  s,
  ports,
  kivicare,
  zone,
  knownDoctor,
}: HandlerContext): HandlersOf<'connections' | 'kivicare'> {
  const connectionView = async (doctorId: string) => {
    const st = await doctorConnection(doctorId);
    let reconnectBefore: string | null = null;
    if (st.state === 'reconnect-needed' || st.state === 'disconnected') {
      const today = DateTime.now().setZone(zone()).toISODate()!;
      const range = dayRangeUtc(today, zone());
      const nowIso = new Date().toISOString();
      const first = range
        ? (await s.repos.appointments.listDoctorRange(doctorId, range.fromUtc, range.toUtc)).find(
            (a) => needsMeeting(a) && a.startUtc > nowIso,
          )
        : undefined;
      reconnectBefore = first?.startUtc ?? null;
    }
    return {
      doctorId,
      state: st.state,
      accountEmail: st.email,
      pendingAccountEmail: 'pendingEmail' in st ? (st.pendingEmail ?? null) : null,
      accessTokenExpiresAt: st.accessTokenExpiresAt ? new Date(st.accessTokenExpiresAt).toISOString() : null,
      lastError: st.lastError?.message ?? null,
      reconnectBefore,
      connectingUntil:
        'connectingUntil' in st && st.connectingUntil ? new Date(st.connectingUntil).toISOString() : null,
    };
  };

  const doctorConnection = (doctorId: string) => connectionOf(s, doctorId);

  return {
    'connections:list': async () =>
      Promise.all((await s.repos.doctors.list()).map((d) => connectionView(d.id))),

    'connections:connect': async ({ doctorId }) => {
      // Read now: the account Zoom names at the end is checked against this doctor's e-mail.
      await knownDoctor(doctorId);
      if (!s.zoom.clientId) {
        throw new AppError(
          'invalid-request',
          'The Zoom app is not set up on this computer yet: IT must enter the Zoom client ID (see the README).',
        );
      }
      const { authorizeUrl, completion } = await s.connections.beginConnect(doctorId, {
        redirectMode: s.settings.get().redirectMode,
      });
      completion.catch((e) => s.logger.warn('connections.attempt-ended', { doctorId, error: e }));
      await ports.openOutside(authorizeUrl);
      return ok;
    },

    'connections:cancelConnect': async ({ doctorId }) => {
      await knownDoctor(doctorId);
      await s.connections.cancelConnect(doctorId);
      return ok;
    },

    'connections:disconnect': async ({ doctorId }, caller) => {
      await knownDoctor(doctorId);
      await s.connections.disconnect(doctorId);
      await s.repos.audit.append({
        actor: caller.role === 'admin' ? 'admin' : `doctor:${doctorId}`,
        action: 'doctor.zoom-disconnected',
        entity: 'doctor',
        entityId: doctorId,
      });
      return ok;
    },

    'connections:confirmAccount': async ({ doctorId, accountEmail }) => {
      await knownDoctor(doctorId);
      await s.connections.confirmAccount(doctorId, accountEmail);
      await s.repos.audit.append({
        actor: `doctor:${doctorId}`,
        action: 'doctor.zoom-account-confirmed',
        entity: 'doctor',
        entityId: doctorId,
      });
      return ok;
    },

    'connections:rejectAccount': async ({ doctorId }) => {
      await knownDoctor(doctorId);
      await s.connections.rejectAccount(doctorId);
      return ok;
    },

    'kivicare:get': async () => kivicare.view(),

    'kivicare:connect': async (input) => {
      await kivicare.connect(input);
      return kivicare.view();
    },

    'kivicare:disconnect': async () => {
      await kivicare.disconnect();
      return kivicare.view();
    },

    'kivicare:configure': async (input) => {
      await kivicare.configure(input);
      return kivicare.view();
    },

    'kivicare:syncNow': async ({ mode }) => {
      await kivicare.syncNow(mode);
      return kivicare.view();
    },
  };
}

/** In clinic-wide mode every doctor rides on the clinic account, named by their Zoom e-mail. */
export async function connectionOf(s: Services, doctorId: string) {
  if ((await s.clinicZoom.mode()) !== 'clinic-wide') return s.connections.status(doctorId);
  const clinic = await s.clinicZoom.view();
  const doctor = await s.doctor(doctorId);
  const email = doctor?.email || null;
  const ok = clinic.configured && email !== null;
  return {
    doctorId,
    state: ok ? ('connected' as const) : ('reconnect-needed' as const),
    email,
    accessTokenExpiresAt: null,
    lastError: ok
      ? null
      : {
          message: !clinic.configured
            ? 'The clinic Zoom account is not set up. IT must enter its credentials.'
            : `${doctor?.displayName ?? 'The doctor'} needs a Zoom e-mail address.`,
        },
  };
}
