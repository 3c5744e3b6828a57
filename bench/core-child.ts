// The child process of bench/core.bench.ts: starts the core on a clinic database of N appointments,
// times the day list through the real handler table and dispatcher, and prints its figures as JSON.
// Usage (bundled by core.bench.ts): node core-child.mjs N RUNS
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCompanion } from '../main/core/app/companion';
import { DATABASE_FILE } from '../main/core/app/services';
import { dispatch } from '../main/core/ipc/dispatch';
import { silentLogger } from '../main/core/logging/logger';
import { createRepositories, openStore } from '../main/core/store';
import { createDevFileCipher } from '../main/core/vault';
import { fillClinic, percentiles } from './clinic-fill';
import type { CoreBenchResult } from './core.bench';

const ORIGIN = 'app://companion';

async function measureInThisProcess(n: number, runs: number): Promise<CoreBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-core-bench-'));
  // The clinic's database is made first and closed: the core measured is one that starts on it.
  const seedStore = openStore(join(dataDir, DATABASE_FILE));
  const doctors = await fillClinic(seedStore, createRepositories(seedStore), n, { mappings: true });
  await seedStore.close();
  const companion = await createCompanion({
    appName: 'Clinic Companion',
    version: 'bench',
    platform: process.platform,
    dataDir,
    env: {},
    shell: { openOutside: async () => {}, writeClipboard: async () => {} },
    cipher: createDevFileCipher(dataDir),
    policy: { clinicTimeZone: 'Europe/Berlin' },
    sandbox: false,
    logger: silentLogger,
    reconcileEveryMs: 0,
    syncKiviCare: false,
  });
  try {
    const date = (i: number) =>
      `2030-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    const call = async (request: { date: string; doctorId?: string }) => {
      const r = await dispatch(companion.handlers, 'appointments:listDay', request, {
        caller: companion.caller,
        senderOrigin: ORIGIN,
        trustedOrigins: [ORIGIN],
      });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.appointments.length;
    };
    const rowsPerDay = await call({ date: date(0) });
    const timeIt = async (fn: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < 20; i++) await fn(i); // warm-up: JIT and SQLite page cache
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await fn(i);
        samples.push(performance.now() - t);
      }
      return { ...percentiles(samples), maxMs: Number(Math.max(...samples).toFixed(3)) };
    };
    const listDay = await timeIt((i) => call({ date: date(i) }));
    const listDoctorDay = await timeIt((i) => call({ date: date(i), doctorId: doctors[i % 10]! }));
    const mem = process.memoryUsage();
    return {
      appointments: n,
      rowsPerDay,
      listDay,
      listDoctorDay,
      rssMb: Math.round(mem.rss / 1024 / 1024),
      heapUsedMb: Math.round(mem.heapUsed / 1024 / 1024),
    };
  } finally {
    await companion.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const [n, runs] = process.argv.slice(2).map(Number);
console.log(JSON.stringify(await measureInThisProcess(n ?? 100_000, runs ?? 300)));
