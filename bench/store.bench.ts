// Store latency at clinic scale: 100,000 appointments (10 doctors, a year) in a temp database.
// Run: npx tsx bench/store.bench.ts   (or import runStoreBench into the lead's bench runner)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRepositories, openStore } from '../main/core/store';
import { dayRangeUtc } from '../main/core/time/day-range';
import { fillClinic, type Percentiles, time } from './clinic-fill';

export type { Percentiles } from './clinic-fill';

export interface StoreBenchResult {
  appointments: number;
  fillMs: number;
  doctorDay: Percentiles;
  clinicDay: Percentiles;
  outboxScan: Percentiles;
}

export async function runStoreBench(
  options: { appointments?: number; runs?: number } = {},
): Promise<StoreBenchResult> {
  const n = options.appointments ?? 100_000;
  const runs = options.runs ?? 500;
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-'));
  const store = openStore(join(dir, 'clinic.db'));
  try {
    const repos = createRepositories(store);
    const fillStart = performance.now();
    const doctors = await fillClinic(store, repos, n);
    const fillMs = Math.round(performance.now() - fillStart);
    const day = (i: number) =>
      dayRangeUtc(`2030-${String((i % 12) + 1).padStart(2, '0')}-15`, 'Europe/Berlin')!;
    return {
      appointments: n,
      fillMs,
      doctorDay: await time(runs, (i) =>
        repos.appointments.listDoctorRange(doctors[i % 10]!, day(i).fromUtc, day(i).toUtc),
      ),
      clinicDay: await time(runs, (i) => repos.appointments.listRange(day(i).fromUtc, day(i).toUtc)),
      outboxScan: await time(runs, () => repos.outbox.due('2031-01-01T00:00:00.000Z', 20)),
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runStoreBench(), null, 2));
}
