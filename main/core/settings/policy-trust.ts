// A policy file locks settings for everyone at the desk, so only IT may be able to change it:
// an ordinary user who can write the file (or swap it through its folder) must not be able to
// unlock the Zoom mode or point tokens at another server. The decisions are pure functions over
// what the OS reports (stat facts on POSIX, icacls output on Windows); reading those is the thin part.
import { execFileSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export interface PathFacts {
  path: string;
  uid: number;
  mode: number;
}

const GROUP_OR_OTHER_WRITE = 0o022;
const STICKY = 0o1000;
const octal = (mode: number) => `0${(mode & 0o7777).toString(8)}`;

/**
 * Why an ordinary user could change the policy on POSIX, or null when only a trusted owner (root,
 * or whoever owns the app's own files) can. `folders` runs from the file's folder up to `/`. The
 * file's own folder must not be writable by group or others at all; a folder further up may be
 * if it is sticky (like /tmp), where nobody can rename what another user owns.
 */
export function posixPolicyProblem(
  file: PathFacts,
  folders: readonly PathFacts[],
  trustedUids: readonly number[],
): string | null {
  const who = (uid: number) => (uid === 0 ? 'root' : `user ${uid}`);
  if (!trustedUids.includes(file.uid)) return `it is owned by ${who(file.uid)}, not by root`;
  if (file.mode & GROUP_OR_OTHER_WRITE)
    return `users other than its owner can write it (mode ${octal(file.mode)})`;
  for (const [i, folder] of folders.entries()) {
    if (!trustedUids.includes(folder.uid))
      return `its folder ${folder.path} is owned by ${who(folder.uid)}, not by root`;
    const sticky = i > 0 && (folder.mode & STICKY) !== 0;
    if (folder.mode & GROUP_OR_OTHER_WRITE && !sticky)
      return `users other than its owner can write its folder ${folder.path} (mode ${octal(folder.mode)})`;
  }
  return null;
}

/** Accounts that are IT by definition on Windows (icacls prints them in English on English systems). */
const WINDOWS_TRUSTED = new Set(
  ['NT AUTHORITY\\SYSTEM', 'BUILTIN\\Administrators', 'NT SERVICE\\TrustedInstaller', 'CREATOR OWNER'].map(
    (p) => p.toLowerCase(),
  ),
);
// Rights that let someone change the file's content or its permissions.
const FILE_WRITE = new Set(['F', 'M', 'W', 'D', 'DE', 'WDAC', 'WO', 'GA', 'GW', 'WD', 'AD', 'MA']);
// On its folder: rights that let someone delete, rename or re-permission what is inside. Adding a
// new file (WD/AD/W, which %ProgramData% grants Users by default) cannot replace an existing one.
const FOLDER_REPLACE = new Set(['F', 'M', 'D', 'DE', 'DC', 'WDAC', 'WO', 'GA', 'MA']);
const INHERITANCE = new Set(['I', 'OI', 'CI', 'IO', 'NP']);

/**
 * The accounts, other than SYSTEM, Administrators and TrustedInstaller, that an `icacls <target>`
 * listing allows to change `target` (a file) or to replace what is in it (a folder). Inherit-only
 * and deny entries do not grant anything on the target itself.
 */
export function icaclsWriters(target: string, output: string, kind: 'file' | 'folder'): string[] {
  const dangerous = kind === 'file' ? FILE_WRITE : FOLDER_REPLACE;
  const writers: string[] = [];
  for (const raw of output.split(/\r?\n/)) {
    let line = raw.trim();
    if (line.toLowerCase().startsWith(target.toLowerCase())) line = line.slice(target.length).trim();
    const ace = /^(.+?):((?:\([^)]*\))+)$/.exec(line);
    if (!ace) continue;
    const principal = ace[1]!.trim();
    const groups = [...ace[2]!.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!.split(','));
    const flags = groups.flat();
    if (flags.includes('IO') || flags.includes('DENY')) continue;
    const rights = flags.filter((f) => !INHERITANCE.has(f));
    if (!rights.some((r) => dangerous.has(r))) continue;
    if (!WINDOWS_TRUSTED.has(principal.toLowerCase()) && !writers.includes(principal))
      writers.push(principal);
  }
  return writers;
}

export function windowsPolicyProblem(
  file: { path: string; icacls: string },
  folder: { path: string; icacls: string },
): string | null {
  const fileWriters = icaclsWriters(file.path, file.icacls, 'file');
  if (fileWriters.length > 0) return `${fileWriters.join(', ')} can change it`;
  const folderWriters = icaclsWriters(folder.path, folder.icacls, 'folder');
  if (folderWriters.length > 0)
    return `${folderWriters.join(', ')} can replace it through its folder ${folder.path}`;
  return null;
}

export interface PolicyTrust {
  platform: NodeJS.Platform;
  /** POSIX owners IT stands behind: root and the owner of the app's own files. */
  trustedUids: readonly number[];
}

/** Root, and whoever owns the running executable: a user who can replace the app gains nothing from the policy. */
export function defaultPolicyTrust(): PolicyTrust {
  const uids = new Set([0]);
  try {
    uids.add(statSync(process.execPath).uid);
  } catch {
    // Root alone, then.
  }
  return { platform: process.platform, trustedUids: [...uids] };
}

/** The OS read (the thin part): why the existing policy file is not trustworthy, or null. */
export function policyFileProblem(file: string, trust: PolicyTrust): string | null {
  const real = realpathSync(file);
  if (trust.platform === 'win32') {
    const icacls = (p: string) => execFileSync('icacls', [p], { encoding: 'utf8', windowsHide: true });
    const folder = path.dirname(real);
    return windowsPolicyProblem(
      { path: real, icacls: icacls(real) },
      { path: folder, icacls: icacls(folder) },
    );
  }
  const facts = (p: string): PathFacts => {
    const s = statSync(p);
    return { path: p, uid: s.uid, mode: s.mode };
  };
  const folders: PathFacts[] = [];
  for (let dir = path.dirname(real); ; dir = path.dirname(dir)) {
    folders.push(facts(dir));
    if (path.dirname(dir) === dir) break;
  }
  return posixPolicyProblem(facts(real), folders, trust.trustedUids);
}
