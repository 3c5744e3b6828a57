// The clinic of the clinic-server bench (bench/clinic-server.bench.ts), shared by the bench and its
// desktop processes: 20 doctors, their Zoom users, and 10,000 visits over 50 clinic days of about
// 200 visits each, so the day under test looks like a real one while most of the table lies in the
// past and the future.
import { DateTime } from 'luxon';
import type { Repositories, Store } from '../main/core/store';
import type { SqlParam } from '../main/core/store/sql';

export const ZONE = 'Europe/Berlin';
/** A visit's slot length; a doctor's day starts at 08:00. */
export const SLOT_MIN = 20;

export interface ClinicPlan {
  doctors: number;
  visits: number;
  /** Visits per doctor per day: 10 makes a clinic day of 200 visits with 20 doctors. */
  perDoctorDay: number;
  /** The day under test (clinic zone), a week ahead; the filled days lie around it. */
  day: string;
}

export const doctorId = (d: number) => `doc-${String(d).padStart(2, '0')}`;
export const doctorEmail = (d: number) => `dr.${String(d).padStart(2, '0')}@clinic.test`;
export const patientId = (p: number) => `pat-${String(p).padStart(3, '0')}`;
export const PATIENTS = 500;

export function clinicPlan(o: Partial<ClinicPlan> = {}, now = new Date()): ClinicPlan {
  return {
    doctors: o.doctors ?? 20,
    visits: o.visits ?? 10_000,
    perDoctorDay: o.perDoctorDay ?? 10,
    day: o.day ?? shiftDay(DateTime.fromJSDate(now, { zone: ZONE }).toISODate()!, 7),
  };
}

export const shiftDay = (date: string, days: number): string =>
  DateTime.fromISO(date, { zone: ZONE }).plus({ days }).toISODate()!;

/** A local wall-clock time on a clinic day as the store's UTC text. */
export function utcOf(date: string, minutesAfterEight: number): string {
  return DateTime.fromISO(`${date}T08:00`, { zone: ZONE })
    .plus({ minutes: minutesAfterEight })
    .toUTC()
    .toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
}

/** "13:40" for the n-th afternoon slot (from 13:00), for bookings made through the page's channel. */
export const afternoonTime = (slot: number): string => {
  const m = 13 * 60 + slot * SLOT_MIN;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/**
 * Fills an empty, migrated store in one transaction: the doctors and 500 patients through the
 * repositories, the visits and their meetings by multi-row INSERTs of the repositories' columns
 * (one round trip per 500 rows: 10,000 single inserts take about 9 s on PostgreSQL here). Every
 * other visit is tele-medical with a ready meeting (a clinic that has run for a while: no outbox
 * work left). The days are centred on `plan.day`, mornings only, so the afternoons of the day
 * under test are free for the bookings the bench makes.
 */
export async function fillClinicPlan(store: Store, repos: Repositories, plan: ClinicPlan): Promise<void> {
  const perDay = plan.doctors * plan.perDoctorDay;
  const days = Math.ceil(plan.visits / perDay);
  const firstDay = shiftDay(plan.day, -Math.floor(days / 2));
  const at = new Date().toISOString();
  const visits: SqlParam[][] = [];
  const meetings: SqlParam[][] = [];
  let date = firstDay;
  for (let i = 0; i < plan.visits; i++) {
    const inDay = i % perDay;
    if (i > 0 && inDay === 0) date = shiftDay(date, 1);
    const doctor = inDay % plan.doctors;
    const slot = Math.floor(inDay / plan.doctors);
    const telemed = (doctor + slot) % 2 === 0;
    const id = `v${i}`;
    const reference = `CC-F${i}`;
    // appointments: id, doctor, patient, start, zone, duration, type, status, reason, notes,
    // reference, source, source id, version, created, updated
    visits.push([
      id,
      doctorId(doctor),
      patientId(i % PATIENTS),
      utcOf(date, slot * SLOT_MIN),
      ZONE,
      SLOT_MIN,
      telemed ? 'telemed' : 'in_person',
      1,
      null,
      null,
      reference,
      'local',
      null,
      1,
      at,
      at,
    ]);
    if (telemed) {
      const meetingId = String(81_000_000_000 + i);
      // meeting_mappings: appointment, doctor, meeting id, join URL, passcode, reference, made by,
      // state, created, updated
      meetings.push([
        id,
        doctorId(doctor),
        meetingId,
        `https://zoom.example/j/${meetingId}?pwd=x`,
        `Pw${i}`,
        reference,
        'companion',
        'ready',
        at,
        at,
      ]);
    }
  }
  await store.transaction(async () => {
    for (let d = 0; d < plan.doctors; d++)
      await repos.doctors.insert({
        id: doctorId(d),
        displayName: `Dr. ${String(d).padStart(2, '0')}`,
        email: doctorEmail(d),
      });
    await insertRows(
      store,
      'patients (id, display_name, source, created_at, updated_at)',
      Array.from({ length: PATIENTS }, (_, p) => [patientId(p), `Patient ${p}`, 'local', at, at]),
    );
    await insertRows(
      store,
      `appointments (id, doctor_id, patient_id, start_utc, time_zone, duration_min, visit_type, status,
         reason, notes, reference, source, source_id, version, created_at, updated_at)`,
      visits,
    );
    await insertRows(
      store,
      `meeting_mappings (appointment_id, doctor_id, zoom_meeting_id, join_url, passcode, reference,
         provisioned_by, state, created_at, updated_at)`,
      meetings,
    );
  });
  // Valid on both engines: the planner's statistics for the filled tables.
  await store.run('ANALYZE');
}

/** INSERT INTO `target` VALUES (…), (…), … in statements of 500 rows (portable SQL). */
async function insertRows(store: Store, target: string, rows: SqlParam[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const tuple = `(${batch[0]!.map(() => '?').join(', ')})`;
    await store.run(`INSERT INTO ${target} VALUES ${batch.map(() => tuple).join(', ')}`, batch.flat());
  }
}
