// "Export diagnostics" from the running app: the same health report and bundle as `--check`, built
// over the services already open (the database is not opened a second time).
import type { Services } from '../app/services';
import { type DiagnosticsBundle, exportDiagnostics } from './diagnostics';
import { readDatabase } from './gather-health';
import { healthReport } from './health';

export async function exportRunningDiagnostics(
  s: Services,
  o: {
    targetDir: string;
    appVersion: string;
    platform: string;
    policyFile: string;
    versions: Record<string, string>;
  },
): Promise<{ bundle: DiagnosticsBundle; problems: number }> {
  const { fact, patientNames } = await readDatabase(s);
  const report = healthReport({
    appVersion: o.appVersion,
    platform: o.platform,
    policy: Object.keys(s.policy).length
      ? { state: 'valid', path: o.policyFile, lockedKeys: Object.keys(s.policy) }
      : { state: 'absent', path: o.policyFile },
    // The app would not be running had the backend been refused at start.
    secretBackend: { name: s.vault.backend(), ok: true, message: null },
    dataDir: s.dataDir,
    logDir: s.logDir,
    database: fact,
  });
  const bundle = exportDiagnostics({
    targetDir: o.targetDir,
    logDir: s.logDir,
    report,
    versions: o.versions,
    now: new Date(),
    scrubNames: patientNames,
  });
  return { bundle, problems: report.problems.length };
}
