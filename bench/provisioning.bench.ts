// Provisioning a day of 60 tele-medical visits against the Zoom sandbox with 150 ms added latency
// and Zoom's Medium rate limit (20 creates/s per account), next to the lower bound those two set and
// a sequential loop; and the doctor's Start click with a cached and an expired start URL.
// Run: npx tsx bench/provisioning.bench.ts   (or import runProvisioningBench into a bench runner)
import { pathToFileURL } from 'node:url';
import { startHarness } from '../tests/provisioning/harness';

export interface ProvisioningBenchOptions {
  appointments?: number;
  latencyMs?: number;
  /** Engine concurrency of the measured run. */
  concurrency?: number;
}

export interface DayRun {
  concurrency: number;
  ms: number;
  meetings: number;
  zoomRequests: number;
  rateLimited: number;
  vsBound: number;
}

export interface ProvisioningBenchResult {
  appointments: number;
  latencyMs: number;
  mediumPerSecond: number;
  lowerBoundMs: number;
  /** Zoom counts in fixed one-second windows: the last window opens after ceil(n/rate)-1 s, plus one round trip. */
  windowBoundMs: number;
  engine: DayRun;
  sequential: DayRun;
  startClick: { cachedMs: number; expiredMs: number };
}

const MEDIUM_PER_SECOND = 20;
const DOCTORS = ['lee', 'patel', 'garcia'] as const;

async function provisionDay(n: number, latencyMs: number, concurrency: number, lowerBoundMs: number) {
  const h = await startHarness({ rateLimits: { light: 30, medium: MEDIUM_PER_SECOND, heavy: 10 } });
  try {
    const s = await h.open({ concurrency });
    for (const d of DOCTORS) await h.connect(s, d);
    h.sandbox.faults.add({ path: '/**', effect: { kind: 'latency', ms: latencyMs } });
    const before = h.sandbox.stats();
    s.engine.start(); // its timer picks up anything Zoom asked to retry later
    const t0 = performance.now();
    const day = s.book.transaction(() =>
      Array.from({ length: n }, (_, i) =>
        h.book(s, { doctor: DOCTORS[i % 3], hoursAhead: 24 + i / 4, patient: i }),
      ),
    );
    const ready = () => day.filter((a) => s.repos.mappings.get(a.id)?.state === 'ready').length;
    while (ready() < n) {
      await s.engine.drain();
      if (ready() < n) await new Promise((r) => setTimeout(r, 20));
      if (performance.now() - t0 > 120_000)
        throw new Error(`only ${ready()} of ${n} meetings after 2 minutes`);
    }
    const ms = performance.now() - t0;
    const after = h.sandbox.stats();
    const run: DayRun = {
      concurrency,
      ms: Math.round(ms),
      meetings: h.sandbox.meetings().length,
      zoomRequests: after.requests - before.requests,
      rateLimited: after.rateLimited - before.rateLimited,
      vsBound: Number((ms / lowerBoundMs).toFixed(2)),
    };
    // The start click on the last visit: cached (from the create) and expired (> 90 minutes).
    const last = day.at(-1)!;
    const doctorId = s.repos.appointments.get(last.id)!.doctorId;
    let t = performance.now();
    await s.engine.startUrl(last.id, doctorId);
    const cachedMs = performance.now() - t;
    h.clock.advance(91 * 60_000);
    t = performance.now();
    const url = await s.engine.startUrl(last.id, doctorId);
    const expiredMs = performance.now() - t;
    if (h.sandbox.startUrlState(url) !== 'valid') throw new Error('the fresh start URL is not valid');
    return { run, startClick: { cachedMs: round(cachedMs), expiredMs: round(expiredMs) } };
  } finally {
    await h.close();
  }
}

const round = (ms: number) => Number(ms.toFixed(2));

export async function runProvisioningBench(
  o: ProvisioningBenchOptions = {},
): Promise<ProvisioningBenchResult> {
  const n = o.appointments ?? 60;
  const latencyMs = o.latencyMs ?? 150;
  // Creates cannot go faster than the Medium limit allows, nor one faster than a round trip.
  const lowerBoundMs = Math.max((n / MEDIUM_PER_SECOND) * 1000, latencyMs);
  const windowBoundMs = (Math.ceil(n / MEDIUM_PER_SECOND) - 1) * 1000 + latencyMs;
  const engine = await provisionDay(n, latencyMs, o.concurrency ?? 6, lowerBoundMs);
  const sequential = await provisionDay(n, latencyMs, 1, lowerBoundMs);
  return {
    appointments: n,
    latencyMs,
    mediumPerSecond: MEDIUM_PER_SECOND,
    lowerBoundMs,
    windowBoundMs,
    engine: engine.run,
    sequential: sequential.run,
    startClick: engine.startClick,
  };
}

export function printProvisioningBench(r: ProvisioningBenchResult): void {
  console.log(
    `Provisioning ${r.appointments} tele-medical visits, +${r.latencyMs} ms latency, Medium ${r.mediumPerSecond}/s`,
  );
  console.table({
    'lower bound max(n/rate, latency)': {
      ms: r.lowerBoundMs,
      'x bound': 1,
      meetings: '',
      requests: '',
      '429s': '',
    },
    'tighter bound (fixed 1 s windows)': {
      ms: r.windowBoundMs,
      'x bound': Number((r.windowBoundMs / r.lowerBoundMs).toFixed(2)),
      meetings: '',
      requests: '',
      '429s': '',
    },
    [`engine (concurrency ${r.engine.concurrency})`]: row(r.engine),
    'sequential loop (concurrency 1)': row(r.sequential),
  });
  console.table({
    'start click, cached URL': { ms: r.startClick.cachedMs },
    'start click, expired URL (GET)': { ms: r.startClick.expiredMs },
  });
}

const row = (d: DayRun) => ({
  ms: d.ms,
  'x bound': d.vsBound,
  meetings: d.meetings,
  requests: d.zoomRequests,
  '429s': d.rateLimited,
});

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const concurrency = process.env.CONCURRENCY ? Number(process.env.CONCURRENCY) : undefined;
  const r = await runProvisioningBench({ concurrency });
  printProvisioningBench(r);
  console.log(JSON.stringify(r));
}
