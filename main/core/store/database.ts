import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { AppError } from '../errors';
import { migrate } from './migrate';
import { migrations as allMigrations, type Migration } from './migrations';
import { isCorruptionError, quarantineDatabase } from './quarantine';
import { createTransactor, type Transactor } from './transaction';

export interface Store extends Transactor {
  readonly db: DatabaseSync;
  readonly path: string;
  close(): void;
}

export interface OpenStoreOptions {
  /** How long a writer waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
  /** Runs PRAGMA quick_check on an existing file; catches damage that a header read misses. */
  quickCheck?: boolean;
  /** For tests of older schemas; the app always uses the full list. */
  migrations?: readonly Migration[];
  now?: () => Date;
}

/**
 * Opens (or creates) the clinic database and brings its schema up to date. A damaged file is moved
 * aside and reported, never silently replaced; a file from a newer app is refused untouched.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  const { busyTimeoutMs = 5000, quickCheck = true, migrations = allMigrations } = options;
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Made private before SQLite creates it: its -wal and -shm files take the database's mode.
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  }
  const existed = path !== ':memory:' && existsSync(path) && statSync(path).size > 0;
  let db: DatabaseSync | undefined;
  try {
    // Checked before SQLite touches the file, so a stray WAL is not replayed into or deleted with it.
    if (existed) assertSqliteHeader(path);
    db = new DatabaseSync(path, { enableForeignKeyConstraints: true, timeout: busyTimeoutMs });
    db.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA foreign_keys = ON');
    // NORMAL is durable across app crashes in WAL mode; only a power cut may lose the last commit.
    db.exec('PRAGMA synchronous = NORMAL');
    if (existed && quickCheck) assertIntact(db);
    migrate(db, migrations);
  } catch (e) {
    db?.close();
    if (isCorruptionError(e) && path !== ':memory:') {
      const movedTo = quarantineDatabase(path, options.now?.() ?? new Date());
      throw new AppError(
        'internal',
        `The appointment database could not be read: it is damaged or is not a Clinic Companion database. It was set aside as "${movedTo}" so IT can restore it; nothing was deleted.`,
        { path, movedTo },
      );
    }
    throw e;
  }
  const open = db;
  const tx = createTransactor(open);
  return {
    db: open,
    path,
    transaction: (fn) => tx.transaction(fn),
    afterCommit: (cb) => tx.afterCommit(cb),
    get inTransaction() {
      return tx.inTransaction;
    },
    close: () => {
      if (open.isOpen) open.close();
    },
  };
}

function assertIntact(db: DatabaseSync): void {
  const rows = db.prepare('PRAGMA quick_check').all() as Array<{ quick_check: string }>;
  if (rows.length === 1 && rows[0]?.quick_check === 'ok') return;
  const problems = rows.map((r) => r.quick_check).join('; ');
  throw Object.assign(new Error(`database disk image is malformed: ${problems}`), { errcode: 11 });
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function assertSqliteHeader(path: string): void {
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.equals(SQLITE_HEADER)) return;
  throw Object.assign(new Error('file is not a database'), { errcode: 26 });
}
