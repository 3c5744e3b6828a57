// `<app> --check` and `<app> --export-diagnostics=<folder>`: the health check for IT, run before
// any window, single-instance lock or network activity; prints the report and exits with its code.
import os from 'node:os';
import { app } from 'electron';
import type { CliRun } from '../core/deploy/check-args';
import { runHealthCheck } from '../core/deploy/run-check';
import { configEnv } from '../core/settings/config-env';
import { policyPath } from '../core/settings/policy';
import { createSafeStorageCipher } from './safe-storage-cipher';

export function runCheckCli(run: Exclude<CliRun, { kind: 'app' }>): void {
  if (run.kind === 'usage-error') {
    process.stderr.write(`${run.message}\n`);
    app.exit(2);
    return;
  }
  // safeStorage (the secret backend being checked) is usable only once the app is ready.
  app
    .whenReady()
    .then(async () => {
      const env = configEnv(app.isPackaged, process.env);
      const { report, bundle } = await runHealthCheck({
        appVersion: app.getVersion(),
        platform: process.platform,
        env,
        dataDir: app.getPath('userData'),
        logDir: app.getPath('logs'),
        policyFile: policyPath(process.platform, env),
        cipher: createSafeStorageCipher(),
        versions: {
          app: app.getVersion(),
          electron: process.versions.electron ?? '',
          chrome: process.versions.chrome ?? '',
          node: process.versions.node,
          os: `${process.platform} ${os.release()} ${process.arch}`,
        },
        exportTo: run.kind === 'export-diagnostics' ? run.targetDir : undefined,
      });
      process.stdout.write(report.text);
      if (bundle) process.stdout.write(`Diagnostics written to ${bundle.folder}\n`);
      app.exit(report.exitCode);
    })
    .catch((e: unknown) => {
      process.stderr.write(`The health check could not run: ${e instanceof Error ? e.message : String(e)}\n`);
      app.exit(2);
    });
}
