// Demo data through the public handler table: doctors with PINs, patients, and today's visits
// (with one overlap and a free gap, so the timeline has something to show).
import { DateTime } from 'luxon';
import type { HandlerTable } from '../ipc/dispatch';
import { type Caller, caller } from './call';

export interface DemoDoctor {
  id: string;
  displayName: string;
  email: string;
  pin: string;
}

export interface SeedResult {
  date: string;
  doctors: DemoDoctor[];
  /** The demo clinic admin's PIN. */
  adminPin: string;
  patientIds: string[];
  appointmentIds: string[];
}

/** The sandbox's demo users, so a doctor signs in to "their" Zoom account on the consent page. */
const DOCTORS = [
  { displayName: 'Dr. Grace Lee', email: 'dr.lee@sandbox.test', pin: '246813' },
  { displayName: 'Dr. Anil Patel', email: 'dr.patel@sandbox.test', pin: '135724' },
  { displayName: 'Dr. Sofia Garcia', email: 'dr.garcia@sandbox.test', pin: '864209' },
];
/** The demo clinic admin (IT or the practice manager). */
export const DEMO_ADMIN_PIN = '909090';

const PATIENTS = [
  'Amara Okafor',
  'Ben Hoffmann',
  'Chloé Dubois',
  'Diego Ramírez',
  'Emma Johansson',
  'Farid Haddad',
  'Grace Kim',
  'Hiro Tanaka',
  'Isla MacLeod',
  'Jonas Weber',
  'Keira Walsh',
  'Luca Rossi',
];

/** [doctor index, patient index, time, minutes, visit type] */
const VISITS: Array<[number, number, string, number, 'telemed' | 'in_person']> = [
  [0, 0, '09:00', 20, 'telemed'],
  [0, 1, '09:30', 30, 'in_person'],
  [0, 2, '09:45', 20, 'telemed'],
  [0, 3, '11:30', 20, 'telemed'],
  [0, 4, '14:00', 40, 'in_person'],
  [1, 5, '08:30', 20, 'telemed'],
  [1, 6, '10:00', 30, 'telemed'],
  [1, 7, '13:15', 20, 'in_person'],
  [2, 8, '09:15', 20, 'in_person'],
  [2, 9, '10:30', 20, 'telemed'],
  [2, 10, '15:00', 30, 'telemed'],
  [2, 11, '16:00', 20, 'in_person'],
];

export async function clinicZone(call: Caller): Promise<string> {
  return (await call('app:getStatus', {})).clinicTimeZone;
}

/** Clinic-local date and time of each demo visit: on `date` as listed, or today from shortly after now. */
function visitTimes(zone: string, date: string | undefined): Array<{ date: string; time: string }> {
  const first = Math.min(...VISITS.map(([, , t]) => minutes(t)));
  const now = DateTime.now().setZone(zone);
  // The book only takes visits in the future: today's demo day starts 20 minutes from now.
  const base = date
    ? DateTime.fromISO(date, { zone }).startOf('day').plus({ minutes: first })
    : now.plus({ minutes: 20 + (5 - ((now.minute + 20) % 5)) }).startOf('minute');
  return VISITS.map(([, , t]) => {
    const at = base.plus({ minutes: minutes(t) - first });
    return { date: at.toISODate()!, time: at.toFormat('HH:mm') };
  });
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Seeds on `date` (e.g. tomorrow, for tests) or, by default, today from shortly after now. */
export async function seedDemo(handlers: HandlerTable, date?: string): Promise<SeedResult> {
  const call = caller(handlers);
  const times = visitTimes(await clinicZone(call), date);
  // As on a new desktop: the first admin PIN is set by whoever sets the clinic up, then locked away.
  await call('profiles:setAdminSecret', { newSecret: DEMO_ADMIN_PIN });
  await call('profiles:lock', {});
  const day = times[0]!.date;
  const doctors: DemoDoctor[] = [];
  for (const d of DOCTORS) {
    const doc = await call('doctors:create', { displayName: d.displayName, email: d.email });
    await call('profiles:setPin', { doctorId: doc.id, newPin: d.pin });
    doctors.push({ id: doc.id, displayName: d.displayName, email: d.email, pin: d.pin });
  }
  const patientIds: string[] = [];
  for (const name of PATIENTS) {
    const email = `${name.split(' ')[0]!.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '')}@patients.test`;
    patientIds.push((await call('patients:create', { displayName: name, email })).id);
  }
  const appointmentIds: string[] = [];
  for (const [i, [doctor, patient, , durationMin, visitType]] of VISITS.entries()) {
    const a = await call('appointments:create', {
      doctorId: doctors[doctor]!.id,
      patientId: patientIds[patient]!,
      ...times[i]!,
      durationMin,
      visitType,
    });
    appointmentIds.push(a.id);
  }
  return { date: day, doctors, adminPin: DEMO_ADMIN_PIN, patientIds, appointmentIds };
}

/** What the demo prints after its "Demo ready" line(s): the admin's and each doctor's PIN. */
export function demoPinLines(seeded: Pick<SeedResult, 'adminPin' | 'doctors'>): string[] {
  return [
    `  Clinic admin: PIN ${seeded.adminPin}`,
    ...seeded.doctors.map((d) => `  ${d.displayName}: PIN ${d.pin} (Zoom sandbox user ${d.email})`),
  ];
}

/** Many in-person visits on one day, for the front desk's scale test and the bench. */
export async function seedBulk(
  handlers: HandlerTable,
  date: string,
  count: number,
  doctorIds: string[],
): Promise<void> {
  const call = caller(handlers);
  const patients: string[] = [];
  for (let i = 0; i < 200; i++) {
    patients.push(
      (await call('patients:create', { displayName: `Bulk Patient ${String(i).padStart(3, '0')}` })).id,
    );
  }
  for (let i = 0; i < count; i++) {
    const minutes = 7 * 60 + ((i * 5) % (12 * 60));
    await call('appointments:create', {
      doctorId: doctorIds[i % doctorIds.length]!,
      patientId: patients[i % patients.length]!,
      date,
      time: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
      durationMin: 15,
      visitType: 'in_person',
    });
  }
}
