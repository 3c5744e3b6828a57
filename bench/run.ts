// `npm run bench`: every speed and size figure, side by side in one run, each next to its goal,
// and the same figures as JSON (bench/results.json) so versions can be compared.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { printClinicServerBench, runClinicServerBench } from './clinic-server.bench';
import { runCoreBench } from './core.bench';
import { printProvisioningBench, runProvisioningBench } from './provisioning.bench';
import { measureRenderer } from './renderer.bench';
import { runStoreBench } from './store.bench';

const only = new Set(process.argv.slice(2));
const want = (name: string) => only.size === 0 || only.has(name);
const results: Record<string, unknown> = {
  at: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  // The machine may be shared: its load (1, 5, 15 min) before and after says how quiet it was.
  loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
};
const goals: Record<string, { figure: string; goal: string; met: boolean }> = {};

/** A goal is a test on the figure; `met` is always computed from it, never written down. */
function goal(name: string, figure: string, text: string, met: boolean): void {
  goals[name] = { figure, goal: text, met };
}

if (want('provisioning')) {
  const p60 = await runProvisioningBench({ appointments: 60 });
  printProvisioningBench(p60);
  const p600 = await runProvisioningBench({ appointments: 600, sequential: false });
  printProvisioningBench(p600);
  results.provisioning = { visits60: p60, visits600: p600 };
  for (const [p, limit] of [
    [p60, 1.3],
    [p600, 1.1],
  ] as const) {
    goal(
      `provision ${p.appointments} visits vs reachable bound`,
      `${p.engine.vsBound}x (${p.engine.ms} ms vs ${p.reachableBoundMs} ms; ${p.engine.rateLimited} 429s)`,
      `<= ${limit}x, no 429`,
      p.engine.vsBound <= limit && p.engine.rateLimited === 0,
    );
  }
  const c = p60.startClick;
  goal(
    'start click, URL < 90 min old',
    `${c.cached.roundTrips} round trips, ${c.cached.ms} ms`,
    '0 round trips',
    c.cached.roundTrips === 0,
  );
  goal(
    'start click, URL > 90 min old',
    `${c.staleUrl.roundTrips} round trips, ${c.staleUrl.ms} ms`,
    '<= 1 round trip',
    c.staleUrl.roundTrips <= 1,
  );
  goal(
    'start click, next visit fetched ahead',
    `${c.fetchedAhead.roundTrips} round trips, ${c.fetchedAhead.ms} ms (fetching ahead: ${p60.fetchAhead.requests} requests for ${p60.fetchAhead.visits} visits)`,
    '0 round trips',
    c.fetchedAhead.roundTrips === 0,
  );
  goal(
    'start click, URL and token expired',
    `${c.staleUrlAndToken.roundTrips} round trips (${c.staleUrlAndToken.routes.join(', ')}), ${c.staleUrlAndToken.ms} ms`,
    '<= 1 round trip',
    c.staleUrlAndToken.roundTrips <= 1,
  );
}

if (want('store')) {
  const s = await runStoreBench();
  console.log(`Store at ${s.appointments} appointments (fill ${s.fillMs} ms)`);
  console.table({
    "one doctor's day": s.doctorDay,
    'one day, all doctors': s.clinicDay,
    'outbox scan': s.outboxScan,
  });
  results.store = s;
  for (const [k, v] of Object.entries({
    "doctor's day": s.doctorDay,
    'clinic day': s.clinicDay,
    'outbox scan': s.outboxScan,
  })) {
    goal(`store ${k} p50 / p99`, `${v.p50Ms} / ${v.p99Ms} ms`, 'p50 < 1 ms', v.p50Ms < 1);
  }
}

if (want('core')) {
  const c = await runCoreBench();
  console.log(`The core at ${c.appointments} appointments (${c.rowsPerDay} rows in a clinic day)`);
  console.table({
    'appointments:listDay, clinic day': c.listDay,
    "appointments:listDay, one doctor's day": c.listDoctorDay,
    'RSS / heap used (MB)': { p50Ms: c.rssMb, p99Ms: c.heapUsedMb, maxMs: '' },
  });
  results.core = c;
  goal(
    'appointments:listDay at 100k, clinic day p50 / p99',
    `${c.listDay.p50Ms} / ${c.listDay.p99Ms} ms (max ${c.listDay.maxMs})`,
    'p50 < 2 ms, p99 < 10 ms',
    c.listDay.p50Ms < 2 && c.listDay.p99Ms < 10,
  );
  goal(
    "appointments:listDay at 100k, doctor's day p50 / p99",
    `${c.listDoctorDay.p50Ms} / ${c.listDoctorDay.p99Ms} ms`,
    'p50 < 2 ms, p99 < 10 ms',
    c.listDoctorDay.p50Ms < 2 && c.listDoctorDay.p99Ms < 10,
  );
  goal('core RSS at 100k', `${c.rssMb} MB (heap ${c.heapUsedMb} MB)`, '< 150 MB', c.rssMb < 150);
}

if (want('clinic')) {
  const c = await runClinicServerBench();
  printClinicServerBench(c);
  results.clinicServer = c;
  for (const e of [c.embedded, ...(c.server ? [c.server] : [])]) {
    const on = e.engine === 'sqlite' ? 'embedded, 1 desktop' : `PostgreSQL, ${e.desktops.length} desktops`;
    goal(
      `clinic (${on}): book → join link at reception p50 / p99`,
      `${Math.round(e.bookToLink.p50Ms)} / ${Math.round(e.bookToLink.p99Ms)} ms (max ${Math.round(e.bookToLink.maxMs)}; ${e.bookToLink.n} visits)`,
      'p50 < 1 s',
      e.bookToLink.p50Ms < 1000,
    );
    goal(
      `clinic (${on}): meeting written → shown at reception p50 / p99`,
      `${e.meetingToShown.p50Ms} / ${e.meetingToShown.p99Ms} ms (max ${e.meetingToShown.maxMs})`,
      'p99 < 1 s',
      e.meetingToShown.p99Ms < 1000,
    );
    goal(
      `clinic (${on}): provision ${c.burst} visits vs reachable bound`,
      `${e.burst.vsBound}x (${e.burst.ms} ms vs ${c.reachableBoundMs} ms; ${e.burst.rateLimited} 429s)`,
      '<= 1.3x, no 429',
      e.burst.vsBound <= 1.3 && e.burst.rateLimited === 0,
    );
    goal(
      `clinic (${on}): appointments:listDay at ${c.visits / 1000}k, clinic day p50 / p99`,
      `${e.listDay.p50Ms} / ${e.listDay.p99Ms} ms (max ${e.listDay.maxMs}; ${e.listDay.rows} rows)`,
      'p50 < 2 ms, p99 < 10 ms',
      e.listDay.p50Ms < 2 && e.listDay.p99Ms < 10,
    );
  }
}

if (want('renderer')) {
  const r = await measureRenderer();
  console.log('Renderer');
  console.table({
    'bundle (gzip)': { value: `${(r.bundle.totalGzipBytes / 1024).toFixed(1)} KiB` },
    'first list paint (demo)': { value: r.firstListPaintMs === null ? 'n/a' : `${r.firstListPaintMs} ms` },
    'filter per keystroke, median / max': {
      value: r.filterKeystrokeMs
        ? `${r.filterKeystrokeMs.median} / ${r.filterKeystrokeMs.max} ms (${r.filterKeystrokeMs.rows} rows)`
        : 'n/a',
    },
  });
  for (const n of r.notes) console.log(`note: ${n}`);
  results.renderer = r;
  const kib = r.bundle.totalGzipBytes / 1024;
  goal('renderer bundle gzip', `${kib.toFixed(1)} KiB`, '< 150 KiB', kib < 150);
  goal(
    'filter keystroke at 2,000 rows (median)',
    r.filterKeystrokeMs ? `${r.filterKeystrokeMs.median} ms` : 'not measured',
    '< 16 ms',
    r.filterKeystrokeMs !== null && r.filterKeystrokeMs.median < 16,
  );
}

console.log('\nFigures against their goals');
console.table(goals);
const missed = Object.entries(goals).filter(([, g]) => !g.met);
console.log(missed.length === 0 ? 'Every goal met.' : `Goals missed: ${missed.map(([k]) => k).join('; ')}`);
results.goals = goals;
results.loadAverageAtEnd = os.loadavg().map((l) => Number(l.toFixed(2)));
writeFileSync(resolve(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('Written to bench/results.json');
