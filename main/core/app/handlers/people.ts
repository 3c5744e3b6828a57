// Who works here: doctor profiles (PIN, unlock, auto-lock), doctors and patients.
import { randomUUID } from 'node:crypto';
import { type Access, channelNames, channels } from '../../../../preload/contract';
import { AppError } from '../../errors';
import { type HandlerContext, type HandlersOf, ok } from './context';

export function peopleHandlers({
  s,
  actor,
  knownDoctor,
}: HandlerContext): HandlersOf<'profiles' | 'doctors' | 'patients'> {
  type DoctorRow = { id: string; displayName: string; email: string };
  const view = (d: DoctorRow, pinned: Set<string>) => ({
    id: d.id,
    displayName: d.displayName,
    email: d.email || null,
    hasPin: pinned.has(d.id),
  });
  /** The doctors as the renderer sees them; whose PIN is set is read once for the whole list. */
  const doctorViews = async (list: readonly DoctorRow[]) => {
    const pinned = await s.profiles.withPin(list.map((d) => d.id));
    return list.map((d) => view(d, pinned));
  };
  const doctorView = async (d: DoctorRow) => (await doctorViews([d]))[0]!;

  return {
    'profiles:get': async () => s.profiles.current(),

    'profiles:unlock': async ({ doctorId, pin }) => {
      await knownDoctor(doctorId);
      return s.profiles.unlock(doctorId, pin);
    },

    'profiles:lock': async () => s.profiles.lock(),

    'profiles:touch': async () => s.profiles.touch(),

    'profiles:setPin': async ({ doctorId, currentPin, newPin }, caller) => {
      await knownDoctor(doctorId);
      await s.profiles.setPin(doctorId, newPin, currentPin, caller);
      await s.repos.audit.append({
        actor: caller.role === 'admin' ? 'admin' : `doctor:${doctorId}`,
        action: caller.role === 'admin' ? 'doctor.pin-reset' : 'doctor.pin-changed',
        entity: 'doctor',
        entityId: doctorId,
      });
      return ok;
    },

    'profiles:security': async () => {
      const admin = await s.profiles.adminSecret();
      return { adminSecretSet: admin.set, adminSecretByPolicy: admin.byPolicy };
    },

    'profiles:rights': async (_request, caller) => {
      const allowed = channelNames.filter((c) => channels[c].roles.includes(caller.role));
      const ownOnly =
        caller.role === 'doctor' ? allowed.filter((c) => (channels[c] as Access).own !== undefined) : [];
      return { allowed, ownOnly };
    },

    'profiles:unlockAdmin': async ({ secret }) => s.profiles.unlockAdmin(secret),

    'profiles:setAdminSecret': async ({ currentSecret, newSecret }, caller) => {
      const first = !(await s.profiles.adminSecret()).set;
      const profile = await s.profiles.setAdminSecret(newSecret, currentSecret, caller);
      await s.repos.audit.append({
        actor: 'admin',
        action: first ? 'admin.secret-set' : 'admin.secret-changed',
        entity: 'clinic',
        entityId: null,
      });
      return profile;
    },

    'doctors:list': async () => doctorViews(await s.repos.doctors.list()),

    'doctors:create': async ({ displayName, email }) =>
      doctorView(await s.repos.doctors.insert({ id: randomUUID(), displayName, email: email ?? '' })),

    'doctors:update': async ({ id, displayName, email }) => {
      await knownDoctor(id);
      if (displayName !== undefined) await s.repos.doctors.rename(id, displayName);
      if (email !== undefined) await s.repos.doctors.setEmail(id, email);
      await s.repos.audit.append({
        actor: actor(),
        action: 'doctor.updated',
        entity: 'doctor',
        entityId: id,
        detail: { name: displayName !== undefined, email: email !== undefined },
      });
      // Meetings parked for want of a Zoom e-mail (clinic-wide mode) may go ahead now.
      // Read through the services, so the names they word messages with follow the change.
      const updated = (await s.doctor(id))!;
      if (email) await s.engine.resumeDoctor(id);
      return doctorView(updated);
    },

    'doctors:remove': async ({ id }) => {
      const doctor = await knownDoctor(id);
      if (doctor.source === 'kivicare') {
        throw new AppError('conflict', 'This doctor comes from the KiviCare site: remove them there.');
      }
      const nowIso = s.now().toISOString();
      const ahead = (await s.repos.appointments.listDoctorRange(id, nowIso, '9999-12-31T00:00:00Z')).filter(
        (a) => a.status !== 0 && !a.deletedAt,
      ).length;
      if (ahead > 0) {
        throw new AppError(
          'conflict',
          `${doctor.displayName} still has ${ahead} visit${ahead === 1 ? '' : 's'} ahead. Move them to another doctor or cancel them first.`,
        );
      }
      await s.connections
        .disconnect(id)
        .catch((e) => s.logger.warn('doctor.remove-disconnect', { error: e }));
      await s.profiles.forgetDoctor(id);
      await s.repos.doctors.remove(id);
      await s.repos.audit.append({
        actor: 'admin',
        action: 'doctor.removed',
        entity: 'doctor',
        entityId: id,
      });
      return ok;
    },

    'patients:list': async ({ query }) => {
      const q = query?.trim().toLowerCase();
      return (await s.repos.patients.list())
        .filter(
          (p) => !q || p.displayName.toLowerCase().includes(q) || (p.email ?? '').toLowerCase().includes(q),
        )
        .slice(0, 200)
        .map((p) => ({ id: p.id, displayName: p.displayName, email: p.email, phone: p.phone }));
    },

    'patients:create': async ({ displayName, email, phone }) => {
      const p = await s.repos.patients.insert({
        id: randomUUID(),
        displayName,
        email: email ?? null,
        phone: phone ?? null,
      });
      return { id: p.id, displayName: p.displayName, email: p.email, phone: p.phone };
    },
  };
}
