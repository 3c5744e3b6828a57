import { existsSync, renameSync } from 'node:fs';

/** True when SQLite says the file is not a database or is damaged (SQLITE_NOTADB, SQLITE_CORRUPT). */
export function isCorruptionError(e: unknown): boolean {
  const code = (e as { errcode?: number } | null)?.errcode;
  // Extended result codes keep the primary code in the low byte.
  return code !== undefined && [11, 26].includes(code & 0xff);
}

/**
 * Moves a damaged database (and its WAL and shared-memory files) aside with a timestamp, so the
 * clinic keeps the evidence and IT can try to recover it. Returns the new path of the main file.
 */
export function quarantineDatabase(path: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${path}.corrupt-${stamp}`;
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  renameSync(path, target);
  return target;
}
