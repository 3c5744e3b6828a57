#!/usr/bin/env node
// `npm start`: build, then launch Electron. Where the Electron binary was never downloaded
// (ELECTRON_SKIP_BINARY_DOWNLOAD, no network), say so plainly instead of attempting a download.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronPkg = path.join(repo, 'node_modules', 'electron');

/** Mirrors electron/index.js's lookup without its side effect (it downloads when the binary is missing). */
function electronBinary() {
  const pathFile = path.join(electronPkg, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const platformDefault =
    process.platform === 'win32'
      ? 'electron.exe'
      : process.platform === 'darwin'
        ? 'Electron.app/Contents/MacOS/Electron'
        : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return path.join(override, executable || platformDefault);
  return executable ? path.join(electronPkg, 'dist', executable) : null;
}

const binary = electronBinary();
if (!binary || !existsSync(binary)) {
  console.error(
    [
      'Clinic Companion cannot start: the Electron binary is missing.',
      '',
      'npm ci does not fetch it (Electron 45 downloads it separately, from GitHub), and this machine',
      'has no copy: it was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD=1) or could not be downloaded.',
      'On a machine with internet access, get it with either of:',
      '  npx install-electron',
      '  npm install electron   (with ELECTRON_SKIP_BINARY_DOWNLOAD unset)',
      '',
      'Without Electron, `npm run demo` runs the same app in a browser against the sandbox Zoom server.',
    ].join('\n'),
  );
  process.exit(1);
}

const run = (command, args) => spawnSync(command, args, { cwd: repo, stdio: 'inherit', shell: false });

if (process.env.COMPANION_START_SKIP_BUILD !== '1') {
  const npm = process.env.npm_execpath;
  const build = npm ? run(process.execPath, [npm, 'run', 'build']) : run('npm', ['run', 'build']);
  if (build.status !== 0) {
    console.error('Clinic Companion cannot start: `npm run build` failed (see above).');
    process.exit(build.status ?? 1);
  }
}

const app = run(binary, [repo, ...process.argv.slice(2)]);
process.exit(app.status ?? 1);
