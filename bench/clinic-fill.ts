// Shared by the store and core benchmarks: a clinic's year of appointments, and percentiles.
import type { Repositories, Store } from '../main/core/store';

export interface Percentiles {
  p50Ms: number;
  p99Ms: number;
}

export function percentiles(samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Number(s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(3));
  return { p50Ms: at(0.5), p99Ms: at(0.99) };
}

export async function time(runs: number, fn: (i: number) => Promise<unknown>): Promise<Percentiles> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return percentiles(samples);
}

/**
 * A clinic of 10 doctors over a year (from 2030-01-01), `n` appointments, half tele-medical, one in
 * three with outbox work; doctor ids `doc-0`…`doc-9`. With `mappings`, every tele-medical visit has a
 * ready meeting and no outbox work is left, as in a clinic that has run for a year. Returns the
 * doctor ids.
 */
export async function fillClinic(
  store: Store,
  repos: Repositories,
  n: number,
  o: { mappings?: boolean } = {},
): Promise<string[]> {
  const doctors = Array.from({ length: 10 }, (_, d) => `doc-${d}`);
  await store.transaction(async () => {
    for (const id of doctors) await repos.doctors.insert({ id, displayName: id, email: `${id}@clinic.test` });
    await repos.patients.insert({ id: 'pat', displayName: 'Patient' });
    const perDoctorDay = Math.ceil(n / 10 / 365);
    for (let i = 0; i < n; i++) {
      const day = Math.floor(i / 10 / perDoctorDay);
      const slot = Math.floor(i / 10) % perDoctorDay;
      const start = new Date(Date.UTC(2030, 0, 1 + day, 7) + slot * 20 * 60_000);
      const a = await repos.appointments.insert({
        id: `a${i}`,
        doctorId: doctors[i % 10]!,
        patientId: 'pat',
        startUtc: `${start.toISOString().slice(0, 19)}Z`,
        timeZone: 'Europe/Berlin',
        durationMin: 20,
        visitType: i % 2 ? 'telemed' : 'in_person',
        status: 1,
        reason: null,
        notes: null,
        reference: `CC-B${i}`,
        source: 'local',
        sourceId: null,
      });
      if (o.mappings && a.visitType === 'telemed') {
        await repos.mappings.insert({
          appointmentId: a.id,
          doctorId: a.doctorId,
          reference: a.reference,
          state: 'ready',
          zoomMeetingId: String(80_000_000_000 + i),
          joinUrl: `https://zoom.example/j/${80_000_000_000 + i}?pwd=x`,
          passcode: `Pw${i}`,
        });
      }
      if (i % 3 === 0 && !o.mappings)
        await repos.outbox.enqueue({
          appointmentId: a.id,
          op: 'ensure',
          reference: a.reference,
          payload: {},
        });
    }
  });
  // Valid on both engines: the planner's statistics for the filled tables.
  await store.run('ANALYZE');
  return doctors;
}
