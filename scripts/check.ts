// `npm run check [-- --data-dir=<folder>] [-- --export-diagnostics=<folder>]`: the IT health check
// without Electron, for data folders the dev cipher wrote (tests, the demo, development runs). The
// packaged app's `--check` does the same with the OS keychain.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { electronAppPaths } from '../main/core/deploy/app-paths';
import { cliRun } from '../main/core/deploy/check-args';
import { runHealthCheck } from '../main/core/deploy/run-check';
import { policyPath } from '../main/core/settings/policy';
import { createDevFileCipher } from '../main/core/vault';

const arg = (name: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) || undefined;
const defaults = electronAppPaths(process.platform, os.homedir(), process.env);
const dataDir = path.resolve(arg('data-dir') ?? process.env.CLINIC_COMPANION_DATA_DIR ?? defaults.dataDir);
const logDir = path.resolve(
  arg('log-dir') ?? (arg('data-dir') ? path.join(dataDir, 'logs') : defaults.logDir),
);
const run = cliRun(process.argv);
if (run.kind === 'usage-error') {
  console.error(run.message);
  process.exit(2);
}

// The packaged app encrypts sign-ins with the OS keychain, which Node cannot open: that folder is
// for `<app> --check`. A folder without any vault yet, or with the dev key, is readable here.
const hasVault = existsSync(path.join(dataDir, 'credentials.json'));
if (hasVault && !existsSync(path.join(dataDir, 'vault-dev-cipher.key'))) {
  console.error(
    `${dataDir} was written by the packaged app; its sign-ins are readable only by the app. ` +
      'Run `clinic-companion --check` (or "Clinic Companion.exe" --check) on that desktop instead.',
  );
  process.exit(2);
}

const { report, bundle } = await runHealthCheck({
  appVersion: process.env.npm_package_version ?? '0.0.0-dev',
  platform: process.platform,
  env: process.env,
  dataDir,
  logDir,
  policyFile: policyPath(process.platform, process.env),
  cipher: createDevFileCipher(dataDir),
  versions: {
    app: process.env.npm_package_version ?? '0.0.0-dev',
    node: process.versions.node,
    os: `${process.platform} ${os.release()} ${process.arch}`,
  },
  exportTo: run.kind === 'export-diagnostics' ? path.resolve(run.targetDir) : undefined,
});
process.stdout.write(report.text);
if (bundle) process.stdout.write(`Diagnostics written to ${bundle.folder}\n`);
process.exit(report.exitCode);
