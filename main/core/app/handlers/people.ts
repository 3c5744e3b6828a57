// Who works here: doctor profiles (PIN, unlock, auto-lock), doctors and patients.
import { randomUUID } from 'node:crypto';
import { type HandlerContext, type HandlersOf, ok } from './context';

export function peopleHandlers({
  s,
  actor,
  knownDoctor,
}: HandlerContext): HandlersOf<'profiles' | 'doctors' | 'patients'> {
  const doctorView = (d: { id: string; displayName: string; email: string }) => ({
    id: d.id,
    displayName: d.displayName,
    email: d.email || null,
    hasPin: s.repos.settings.get<string>(`pin:${d.id}`) !== undefined,
  });

  return {
    'profiles:get': async () => s.profiles.current(),

    'profiles:unlock': async ({ doctorId, pin }) => {
      knownDoctor(doctorId);
      return s.profiles.unlock(doctorId, pin);
    },

    'profiles:lock': async () => s.profiles.lock(),

    'profiles:touch': async () => s.profiles.touch(),

    'profiles:setPin': async ({ doctorId, currentPin, newPin }) => {
      knownDoctor(doctorId);
      await s.profiles.setPin(doctorId, newPin, currentPin);
      return ok;
    },

    'doctors:list': async () => s.repos.doctors.list().map(doctorView),

    'doctors:create': async ({ displayName, email }) =>
      doctorView(s.repos.doctors.insert({ id: randomUUID(), displayName, email: email ?? '' })),

    'doctors:update': async ({ id, displayName, email }) => {
      knownDoctor(id);
      if (displayName !== undefined) s.repos.doctors.rename(id, displayName);
      if (email !== undefined) s.repos.doctors.setEmail(id, email);
      s.repos.audit.append({
        actor: actor(),
        action: 'doctor.updated',
        entity: 'doctor',
        entityId: id,
        detail: { name: displayName !== undefined, email: email !== undefined },
      });
      // Meetings parked for want of a Zoom e-mail (clinic-wide mode) may go ahead now.
      if (email) s.engine.resumeDoctor(id);
      return doctorView(s.repos.doctors.get(id)!);
    },

    'patients:list': async ({ query }) => {
      const q = query?.trim().toLowerCase();
      return s.repos.patients
        .list()
        .filter(
          (p) => !q || p.displayName.toLowerCase().includes(q) || (p.email ?? '').toLowerCase().includes(q),
        )
        .slice(0, 200)
        .map((p) => ({ id: p.id, displayName: p.displayName, email: p.email, phone: p.phone }));
    },

    'patients:create': async ({ displayName, email, phone }) => {
      const p = s.repos.patients.insert({
        id: randomUUID(),
        displayName,
        email: email ?? null,
        phone: phone ?? null,
      });
      return { id: p.id, displayName: p.displayName, email: p.email, phone: p.phone };
    },
  };
}
