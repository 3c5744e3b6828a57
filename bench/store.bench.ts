// Store latency at clinic scale: 100,000 appointments (10 doctors, a year) in a temp database.
// Run: npx tsx bench/store.bench.ts   (or import runStoreBench into the lead's bench runner)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRepositories, openStore } from '../main/core/store';
import { dayRangeUtc } from '../main/core/time/day-range';

export interface Percentiles {
  p50Ms: number;
  p99Ms: number;
}
export interface StoreBenchResult {
  appointments: number;
  fillMs: number;
  doctorDay: Percentiles;
  clinicDay: Percentiles;
  outboxScan: Percentiles;
}

function percentiles(samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Number(s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(3));
  return { p50Ms: at(0.5), p99Ms: at(0.99) };
}

function time(runs: number, fn: (i: number) => void): Percentiles {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(i);
    samples.push(performance.now() - t);
  }
  return percentiles(samples);
}

export function runStoreBench(options: { appointments?: number; runs?: number } = {}): StoreBenchResult {
  const n = options.appointments ?? 100_000;
  const runs = options.runs ?? 500;
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-'));
  const store = openStore(join(dir, 'clinic.db'));
  try {
    const repos = createRepositories(store);
    const doctors = Array.from({ length: 10 }, (_, d) => `doc-${d}`);
    const fillStart = performance.now();
    store.transaction(() => {
      for (const id of doctors) repos.doctors.insert({ id, displayName: id, email: `${id}@clinic.test` });
      repos.patients.insert({ id: 'pat', displayName: 'Patient' });
      const perDoctorDay = Math.ceil(n / 10 / 365);
      for (let i = 0; i < n; i++) {
        const day = Math.floor(i / 10 / perDoctorDay);
        const slot = Math.floor(i / 10) % perDoctorDay;
        const start = new Date(Date.UTC(2030, 0, 1 + day, 7) + slot * 20 * 60_000);
        const a = repos.appointments.insert({
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
        if (i % 3 === 0)
          repos.outbox.enqueue({ appointmentId: a.id, op: 'ensure', reference: a.reference, payload: {} });
      }
    });
    const fillMs = Math.round(performance.now() - fillStart);
    store.db.exec('ANALYZE');
    const day = (i: number) =>
      dayRangeUtc(`2030-${String((i % 12) + 1).padStart(2, '0')}-15`, 'Europe/Berlin')!;
    return {
      appointments: n,
      fillMs,
      doctorDay: time(runs, (i) =>
        repos.appointments.listDoctorRange(doctors[i % 10]!, day(i).fromUtc, day(i).toUtc),
      ),
      clinicDay: time(runs, (i) => repos.appointments.listRange(day(i).fromUtc, day(i).toUtc)),
      outboxScan: time(runs, () => repos.outbox.due('2031-01-01T00:00:00.000Z', 20)),
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(runStoreBench(), null, 2));
}
