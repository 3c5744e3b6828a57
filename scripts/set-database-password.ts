// `npm run set-database-password -- --data-dir <folder> [--no-verify] [--clear]`: the packaged
// app's `--set-database-password` for a development data folder (the dev key-file cipher instead of
// the OS keychain). The password is typed without echo, or piped on standard input; never argv.
// The clinic server is the policy's "database" (CLINIC_COMPANION_POLICY points at a test policy).
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { electronAppPaths } from '../main/core/deploy/app-paths';
import { runDatabasePasswordCommand } from '../main/core/deploy/database-password-command';
import { policyPath } from '../main/core/settings/policy';
import { createDevFileCipher } from '../main/core/vault';

const USAGE = 'Usage: npm run set-database-password -- --data-dir <folder> [--no-verify] [--clear]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

let values: { 'data-dir'?: string; 'no-verify'?: boolean; clear?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'no-verify': { type: 'boolean' },
      clear: { type: 'boolean' },
    },
    strict: true,
  }));
} catch (e) {
  const text = (e as Error).message;
  if (/password/i.test(text))
    fail('The password is never given on the command line: type it when asked, or pipe it in.');
  fail(`${text}\n${USAGE}`);
}

const dataDir = path.resolve(
  values['data-dir'] ??
    process.env.CLINIC_COMPANION_DATA_DIR ??
    electronAppPaths(process.platform, os.homedir(), process.env).dataDir,
);
// A vault the packaged app wrote is encrypted by the OS keychain: a dev-key entry there would be
// unreadable by the app. That desktop uses `<app> --set-database-password`.
if (
  existsSync(path.join(dataDir, 'credentials.json')) &&
  !existsSync(path.join(dataDir, 'vault-dev-cipher.key'))
) {
  fail(
    `${dataDir} was written by the packaged app, whose vault only it can write. Run \`clinic-companion --set-database-password\` (or "Clinic Companion.exe" --set-database-password) on that desktop instead.`,
  );
}

const result = await runDatabasePasswordCommand({
  action: values.clear ? 'clear' : 'set',
  verify: !values['no-verify'],
  platform: process.platform,
  osUser: os.userInfo().username,
  dataDir,
  policyFile: policyPath(process.platform, process.env),
  cipher: createDevFileCipher(dataDir),
  input: process.stdin,
  prompt: process.stderr,
});
process.stdout.write(result.text);
process.exit(result.exitCode);
