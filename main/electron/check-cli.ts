// `<app> --check` and `<app> --export-diagnostics=<folder>`: the health check for IT, run before
// any window, single-instance lock or network activity; prints the report and exits with its code.
// `<app> --set-database-password` / `--clear-database-password`: the clinic database's password in
// this desktop's vault; this file only wires standard input and safeStorage (the rest is in core).
import os from 'node:os';
import { app } from 'electron';
import type { CliRun } from '../core/deploy/check-args';
import { runDatabasePasswordCommand } from '../core/deploy/database-password-command';
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
  if (run.kind === 'set-database-password' || run.kind === 'clear-database-password') {
    app
      .whenReady()
      .then(async () => {
        const env = configEnv(app.isPackaged, process.env);
        const result = await runDatabasePasswordCommand({
          action: run.kind === 'set-database-password' ? 'set' : 'clear',
          verify: run.kind === 'set-database-password' ? run.verify : false,
          platform: process.platform,
          osUser: os.userInfo().username,
          dataDir: app.getPath('userData'),
          policyFile: policyPath(process.platform, env),
          cipher: createSafeStorageCipher(),
          input: process.stdin,
          prompt: process.stderr,
        });
        process.stdout.write(result.text);
        app.exit(result.exitCode);
      })
      .catch((e: unknown) => {
        process.stderr.write(
          `The password could not be set: ${e instanceof Error ? e.message : String(e)}\n`,
        );
        app.exit(2);
      });
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
