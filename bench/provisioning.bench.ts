// Provisioning 60 and 600 tele-medical visits against the Zoom sandbox with 150 ms added latency
// and Zoom's Medium rate limit (20 creates/s per account), next to the reachable bound those two
// set and a sequential loop; and the doctor's Start click, its Zoom round trips counted from the
// sandbox's request log.
// Run: npx tsx bench/provisioning.bench.ts   (or import runProvisioningBench into a bench runner)
import { pathToFileURL } from 'node:url';
import { NOW_PLAN, NowWatcher } from '../main/core/meetings/now-watcher';
import { startHarness } from '../tests/provisioning/harness';

export interface ProvisioningBenchOptions {
  appointments?: number;
  latencyMs?: number;
  /** Engine concurrency of the measured run; the shipped default when left out. */
  concurrency?: number;
  /** Also time a one-at-a-time loop (default true). */
  sequential?: boolean;
}

export interface DayRun {
  concurrency: number;
  ms: number;
  meetings: number;
  zoomRequests: number;
  rateLimited: number;
  vsBound: number;
}

export interface StartClick {
  ms: number;
  /** Requests the sandbox received during the click (API and OAuth). */
  roundTrips: number;
  routes: string[];
}

export interface ProvisioningBenchResult {
  appointments: number;
  latencyMs: number;
  mediumPerSecond: number;
  /**
   * The reachable bound: Zoom lets `rate` creates through in the first second and as many in each
   * second after, so the last one starts after ceil(n/rate)-1 s and ends one round trip later.
   */
  reachableBoundMs: number;
  engine: DayRun;
  sequential: DayRun | null;
  startClick: {
    /** Start URL fetched less than 90 minutes ago (kept from the create). */
    cached: StartClick;
    /** Start URL older than 90 minutes, access token still valid. */
    staleUrl: StartClick;
    /** Start URL and access token both expired (91 minutes idle). */
    staleUrlAndToken: StartClick;
    /** The next visit after 91 idle minutes, its link fetched ahead by the Now watcher. */
    fetchedAhead: StartClick;
  };
  /** What fetching ahead cost: Zoom requests (token refreshes included) for the visits fetched. */
  fetchAhead: { visits: number; requests: number };
}

const MEDIUM_PER_SECOND = 20;
const DOCTORS = ['lee', 'patel', 'garcia'] as const;

async function provisionDay(n: number, latencyMs: number, concurrency: number, boundMs: number) {
  // Zoom's daily limit (100 creates per host) would stop 600 visits for three doctors: it is lifted
  // here, since the per-second pace is what is measured.
  const h = await startHarness({
    rateLimits: { light: 30, medium: MEDIUM_PER_SECOND, heavy: 10 },
    dailyCreateUpdateLimit: n,
  });
  try {
    const s = await h.open(concurrency > 0 ? { concurrency } : {});
    for (const d of DOCTORS) await h.connect(s, d);
    h.sandbox.faults.add({ path: '/**', effect: { kind: 'latency', ms: latencyMs } });
    const before = h.sandbox.stats();
    await s.engine.start(); // its timer picks up anything Zoom asked to retry later
    const t0 = performance.now();
    const day = await s.book.transaction(async () => {
      const booked = [];
      for (let i = 0; i < n; i++)
        booked.push(await h.book(s, { doctor: DOCTORS[i % 3], hoursAhead: 24 + i / 4, patient: i }));
      return booked;
    });
    const ready = async () => {
      const mappings = await s.repos.mappings.forAppointments(day.map((a) => a.id));
      return [...mappings.values()].filter((m) => m.state === 'ready').length;
    };
    while ((await ready()) < n) {
      await s.engine.drain();
      if ((await ready()) < n) await new Promise((r) => setTimeout(r, 20));
      if (performance.now() - t0 > 120_000)
        throw new Error(`only ${await ready()} of ${n} meetings after 2 minutes`);
    }
    const ms = performance.now() - t0;
    const after = h.sandbox.stats();
    const run: DayRun = {
      concurrency,
      ms: Math.round(ms),
      meetings: h.sandbox.meetings().length,
      zoomRequests: after.requests - before.requests,
      rateLimited: after.rateLimited - before.rateLimited,
      vsBound: Number((ms / boundMs).toFixed(2)),
    };
    // The start click on the last visits: cached (from the create), then after 91 minutes.
    const click = async (a: (typeof day)[number]): Promise<StartClick> => {
      const doctorId = (await s.repos.appointments.get(a.id))!.doctorId;
      h.sandbox.clearRequests();
      const t = performance.now();
      const url = await s.engine.startUrl(a.id, doctorId);
      const ms = performance.now() - t;
      if (h.sandbox.startUrlState(url) !== 'valid') throw new Error('the start URL is not valid');
      const routes = h.sandbox.requests().map((r) => r.route);
      return { ms: round(ms), roundTrips: routes.length, routes };
    };
    const [a1, a2] = [day.at(-1)!, day.at(-4)!]; // same doctor (every third visit)
    const cached = await click(a1);
    h.clock.advance(91 * 60_000);
    const staleUrlAndToken = await click(a1);
    h.clock.advance(91 * 60_000 - 40 * 60_000); // token refreshed 0 min ago: still valid; URL of a2 now old
    const staleUrl = await click(a2);
    // The next visit, its link fetched ahead by the watcher (the Now view's): the click itself asks
    // Zoom nothing. The watcher's own requests, per visit fetched, are what fetching ahead costs.
    h.clock.advance(91 * 60_000); // every link and token expired again
    const first = day[0]!;
    const watcher = new NowWatcher({
      repos: s.repos,
      zoomFor: s.zoomFor,
      startUrls: s.engine.startUrls,
      live: s.engine.live,
      now: h.clock.now,
      onChange: () => {},
      // The bench's visits are a day ahead; the app fetches 45 minutes ahead.
      plan: { ...NOW_PLAN, aheadMs: Date.parse(first.startUtc) - h.clock.ms() + 60_000 },
    });
    h.sandbox.clearRequests();
    const visitsFetched = await watcher.tick();
    const aheadRequests = h.sandbox.requests().length;
    const fetchedAhead = await click(first);
    return {
      run,
      startClick: { cached, staleUrl, staleUrlAndToken, fetchedAhead },
      fetchAhead: { visits: visitsFetched, requests: aheadRequests },
    };
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
  const reachableBoundMs = (Math.ceil(n / MEDIUM_PER_SECOND) - 1) * 1000 + latencyMs;
  // The engine at its shipped concurrency unless one is asked for.
  const engine = await provisionDay(n, latencyMs, o.concurrency ?? 0, reachableBoundMs);
  const sequential = o.sequential === false ? null : await provisionDay(n, latencyMs, 1, reachableBoundMs);
  return {
    appointments: n,
    latencyMs,
    mediumPerSecond: MEDIUM_PER_SECOND,
    reachableBoundMs,
    engine: engine.run,
    sequential: sequential?.run ?? null,
    startClick: engine.startClick,
    fetchAhead: engine.fetchAhead,
  };
}

export function printProvisioningBench(r: ProvisioningBenchResult): void {
  console.log(
    `Provisioning ${r.appointments} tele-medical visits, +${r.latencyMs} ms latency, Medium ${r.mediumPerSecond}/s`,
  );
  console.table({
    'reachable bound ((ceil(n/rate)-1) s + one round trip)': {
      ms: r.reachableBoundMs,
      'x bound': 1,
      meetings: '',
      requests: '',
      '429s': '',
    },
    [`engine (concurrency ${r.engine.concurrency || 'default'})`]: row(r.engine),
    ...(r.sequential ? { 'sequential loop (concurrency 1)': row(r.sequential) } : {}),
  });
  const c = r.startClick;
  console.table({
    'start click, URL fetched < 90 min ago': { ms: c.cached.ms, 'round trips': c.cached.roundTrips },
    'start click, URL > 90 min old': { ms: c.staleUrl.ms, 'round trips': c.staleUrl.roundTrips },
    'start click, URL and token expired': {
      ms: c.staleUrlAndToken.ms,
      'round trips': c.staleUrlAndToken.roundTrips,
    },
    'start click, next visit fetched ahead': {
      ms: c.fetchedAhead.ms,
      'round trips': c.fetchedAhead.roundTrips,
    },
    [`fetching ahead (${r.fetchAhead.visits} visits)`]: { ms: '', 'round trips': r.fetchAhead.requests },
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
  const appointments = process.env.VISITS ? Number(process.env.VISITS) : undefined;
  const r = await runProvisioningBench({ concurrency, appointments });
  printProvisioningBench(r);
  console.log(JSON.stringify(r));
}
