// The data folder holds the clinic's database, settings, encrypted sign-ins and logs: only the
// signed-in OS user may list or read it. It is made 0700 and what is in it 0600 (folders 0700),
// also when an older version left it open. Windows keeps %APPDATA% per user through its ACLs.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates (or tightens) a private folder and everything already in it, two levels deep. */
export function preparePrivateFolder(dir: string, platform: NodeJS.Platform = process.platform): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (platform === 'win32') return;
  tighten(dir, 2);
}

function tighten(dir: string, depth: number): void {
  chmodSync(dir, PRIVATE_DIR_MODE);
  if (depth === 0) return;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = lstatSync(p);
    // A symlink's own mode means nothing, and following it could chmod a file elsewhere.
    if (s.isSymbolicLink()) continue;
    if (s.isDirectory()) tighten(p, depth - 1);
    else if (s.isFile() && (s.mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(p, PRIVATE_FILE_MODE);
  }
}
