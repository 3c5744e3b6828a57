// The day list the UI calls (`appointments:listDay`, through the real handler table and the IPC
// dispatcher's validation) at 100,000 appointments, and the resident memory of the core holding
// them. Runs in a child process so the RSS is the core's, not the benchmark runner's.
// Run: npx tsx bench/core.bench.ts
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { Percentiles } from './clinic-fill';

export interface CoreBenchResult {
  appointments: number;
  rowsPerDay: number;
  /** Whole clinic's day, as the front desk asks for it. */
  listDay: Percentiles & { maxMs: number };
  /** One doctor's day, as the doctor's screen asks for it. */
  listDoctorDay: Percentiles & { maxMs: number };
  rssMb: number;
  heapUsedMb: number;
}

/**
 * Runs bench/core-child.ts in a fresh Node process, as a bundle (esbuild, packages left to
 * node_modules), so the RSS is the core's and not that of a TypeScript loader.
 */
export async function runCoreBench(
  o: { appointments?: number; runs?: number } = {},
): Promise<CoreBenchResult> {
  const bundle = resolve(import.meta.dirname, '../node_modules/.cache/cc-bench/core-child.mjs');
  await build({
    entryPoints: [resolve(import.meta.dirname, 'core-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: bundle,
    logLevel: 'error',
  });
  const args = [bundle, String(o.appointments ?? 100_000), String(o.runs ?? 300)];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as CoreBenchResult;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runCoreBench(), null, 2));
}
