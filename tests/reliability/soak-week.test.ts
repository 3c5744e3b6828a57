// The soak in small (2 doctors, 60 appointments, the same week of faults, one revoked token and an
// hour of Zoom down): every goal of `npm run soak` must hold on every CI run.
import { expect, it } from 'vitest';
import { runClinicWeek } from './soak/clinic-week';

it('a small clinic week under faults: one correct meeting per tele-visit, no duplicate, orphan or loss', {
  timeout: 240_000,
}, async () => {
  const f = await runClinicWeek({ doctors: 2, appointments: 60, burstSize: 3, maxRealMs: 200_000 });
  console.info(`[soak-small] ${JSON.stringify({ ...f, problems: f.problems.length })}`);
  expect(f.problems).toEqual([]);
  expect(f.finishedInTime).toBe(true);
  expect(f.appointments).toBe(60);
  expect(f.teleVisitsChecked).toBeGreaterThan(40);
  expect(f.exactlyOneCorrectMeeting).toBe(f.teleVisitsChecked);
  expect(f.duplicates).toBe(0);
  expect(f.orphansOnZoom).toBe(0);
  expect(f.lostAppointments).toBe(0);
  expect(f.flagged).toBe(0);
  // The faults really happened: errors, 429s, the outage's waiting work, the revoked doctor's parking.
  expect(f.faultsInjected).toBeGreaterThan(20);
  expect(f.rateLimitedAnswers).toBeGreaterThan(0);
  expect(f.drainAfterOutage.itemsWaiting).toBeGreaterThan(0);
  expect(f.revokedDoctorParked).toBeGreaterThan(0);
});
