// One health-check run, shared by `npm run check` and `<app> --check`: gather, report, and
// optionally write the diagnostics bundle. The callers only print and exit.
import { type DiagnosticsBundle, exportDiagnostics } from './diagnostics';
import { type GatherOptions, gatherHealth } from './gather-health';
import { type HealthReport, healthReport } from './health';

export interface CheckRun {
  report: HealthReport;
  bundle: DiagnosticsBundle | null;
}

export async function runHealthCheck(
  o: GatherOptions & { versions: Record<string, string>; exportTo?: string; now?: Date },
): Promise<CheckRun> {
  const { facts, patientNames } = await gatherHealth(o);
  const report = healthReport(facts);
  const bundle = o.exportTo
    ? exportDiagnostics({
        targetDir: o.exportTo,
        logDir: o.logDir,
        report,
        versions: o.versions,
        now: o.now ?? new Date(),
        scrubNames: patientNames,
      })
    : null;
  return { report, bundle };
}
