// `npm run bench`: every speed and size figure, side by side in one run, each next to its goal,
// and the same figures as JSON (bench/results.json) so versions can be compared.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
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
};
const goals: Record<string, { figure: string; goal: string; met: boolean }> = {};

if (want('provisioning')) {
  const p = await runProvisioningBench();
  printProvisioningBench(p);
  results.provisioning = p;
  goals['provision 60 visits vs bound'] = {
    figure: `${p.engine.vsBound}x (${p.engine.ms} ms; sequential ${p.sequential.vsBound}x)`,
    goal: '<= 1.3x',
    met: p.engine.vsBound <= 1.3,
  };
  goals['start click, cached / expired'] = {
    figure: `${p.startClick.cachedMs} ms / ${p.startClick.expiredMs} ms`,
    goal: 'cached: no Zoom call',
    met: p.startClick.cachedMs < p.startClick.expiredMs,
  };
}

if (want('store')) {
  const s = runStoreBench();
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
    goals[`store ${k} p50 / p99`] = {
      figure: `${v.p50Ms} / ${v.p99Ms} ms`,
      goal: 'p50 < 1 ms',
      met: v.p50Ms < 1,
    };
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
  goals['renderer bundle gzip'] = {
    figure: `${(r.bundle.totalGzipBytes / 1024).toFixed(1)} KiB`,
    goal: 'reported',
    met: true,
  };
  if (r.filterKeystrokeMs) {
    goals['filter keystroke at 2,000 rows (median)'] = {
      figure: `${r.filterKeystrokeMs.median} ms`,
      goal: '< 16 ms',
      met: r.filterKeystrokeMs.median < 16,
    };
  }
}

console.log('\nFigures against their goals');
console.table(goals);
results.goals = goals;
writeFileSync(resolve(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('Written to bench/results.json');
