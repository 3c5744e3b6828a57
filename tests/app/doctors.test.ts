// The clinic admin removes a doctor: refused while the doctor has visits ahead or belongs to the
// KiviCare site; otherwise the doctor leaves every list, their PIN goes, and past visits keep
// their name.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestCompanion, type TestCompanion } from './test-companion';

let t: TestCompanion;
beforeAll(async () => {
  t = await startTestCompanion();
  await t.call('profiles:setAdminSecret', { newSecret: 'clinic-admin-secret' });
});
afterAll(() => t?.dispose());

it('a doctor with visits ahead, or from the KiviCare site, is not removed; one without is, PIN and all', async () => {
  const s = t.companion.services;
  const busy = await t.call('doctors:create', { displayName: 'Dr. Busy' });
  const free = await t.call('doctors:create', { displayName: 'Dr. Free' });
  await t.call('profiles:setPin', { doctorId: free.id, newPin: '246813' });
  // Whose PIN is set, read for the whole list at once.
  expect((await t.call('doctors:list', {})).map((d) => [d.displayName, d.hasPin])).toEqual([
    ['Dr. Busy', false],
    ['Dr. Free', true],
  ]);
  const patient = await t.call('patients:create', { displayName: 'Una Patient' });
  const tomorrow = DateTime.now().setZone('Europe/Berlin').plus({ days: 1 }).toISODate()!;
  await t.call('appointments:create', {
    doctorId: busy.id,
    patientId: patient.id,
    date: tomorrow,
    time: '10:00',
    durationMin: 20,
    visitType: 'in_person',
  });
  await expect(t.call('doctors:remove', { id: busy.id })).rejects.toMatchObject({
    kind: 'conflict',
    message: expect.stringContaining('1 visit ahead'),
  });
  await s.repos.doctors.insert({
    id: 'kc-1',
    displayName: 'Dr. Site',
    email: '',
    source: 'kivicare',
    sourceId: '3',
  });
  await expect(t.call('doctors:remove', { id: 'kc-1' })).rejects.toMatchObject({ kind: 'conflict' });

  await t.call('doctors:remove', { id: free.id });
  const listed = (await t.call('doctors:list', {})).map((d) => d.displayName);
  expect(listed).toEqual(['Dr. Busy', 'Dr. Site']);
  expect(await s.profiles.hasPin(free.id)).toBe(false);
  expect((await s.repos.doctors.get(free.id))?.displayName).toBe('Dr. Free');
  await expect(t.call('profiles:unlock', { doctorId: free.id, pin: '246813' })).rejects.toMatchObject({
    kind: 'not-found',
  });
});
