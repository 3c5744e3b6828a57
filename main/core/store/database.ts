import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { AppError } from '../errors';
import { migrate } from './migrate';
import { migrations as allMigrations, type Migration } from './migrations';
import { isCorruptionError, quarantineDatabase } from './quarantine';
import type { SqlParam, Store } from './sql';
import { arraysToRecords } from './sql';
import { createTransactor } from './transaction';

export type { Store } from './sql';

/** The embedded engine; `db` is for SQLite-only checks (integrity, query plans) and tests. */
export interface SqliteStore extends Store {
  readonly engine: 'sqlite';
  readonly db: DatabaseSync;
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
export function openStore(path: string, options: OpenStoreOptions = {}): SqliteStore {
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
  return sqliteStore(db, path);
}

function sqliteStore(db: DatabaseSync, path: string): SqliteStore {
  const statements = new Map<string, StatementSync>();
  const prepare = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };
  // Column names per statement, read once: a statement's columns are fixed once it is prepared
  // (migrations run at open, before any repository statement exists).
  const columnsOf = new Map<string, string[]>();
  const arrays = (sql: string) => {
    const stmt = prepare(sql);
    // Rows read as arrays: node:sqlite then builds no object per row, which halves the cost of a
    // day's list at 100,000 appointments.
    stmt.setReturnArrays(true);
    let columns = columnsOf.get(sql);
    if (!columns) {
      columns = stmt.columns().map((c) => c.name);
      columnsOf.set(sql, columns);
    }
    return { stmt, columns };
  };

  // One connection, one writer: a transaction holds it across its awaits, and a call from outside
  // the transaction waits its turn instead of reading half-made changes or writing into them.
  let held = false;
  const waiters: Array<() => void> = [];
  const lock = {
    acquire: (): Promise<void> => {
      if (!held) {
        held = true;
        return Promise.resolve();
      }
      return new Promise((resolve) => waiters.push(resolve));
    },
    release: () => {
      const next = waiters.shift();
      if (next) next();
      else held = false;
    },
  };
  const tx = createTransactor<DatabaseSync>({
    acquire: async () => {
      await lock.acquire();
      return db;
    },
    release: () => lock.release(),
    exec: async (conn, sql) => {
      conn.exec(sql);
    },
    // IMMEDIATE takes the write lock up front, so busy_timeout applies instead of a failed upgrade.
    begin: 'BEGIN IMMEDIATE',
  });

  /** Runs now when the connection is free or ours; else after the transaction that holds it. */
  async function turn<T>(work: () => T): Promise<T> {
    if (!held || tx.context()) return work();
    await lock.acquire();
    try {
      return work();
    } finally {
      lock.release();
    }
  }

  return {
    engine: 'sqlite',
    db,
    path,
    rows: <T>(sql: string, params: readonly SqlParam[] = [], json?: readonly string[]) =>
      turn(() => {
        const { stmt, columns } = arrays(sql);
        return arraysToRecords<T>(columns, stmt.all(...params) as unknown as unknown[][], json);
      }),
    row: <T>(sql: string, params: readonly SqlParam[] = [], json?: readonly string[]) =>
      turn(() => {
        const { stmt, columns } = arrays(sql);
        const row = stmt.get(...params) as unknown as unknown[] | undefined;
        return row ? arraysToRecords<T>(columns, [row], json)[0] : undefined;
      }),
    run: (sql: string, params: readonly SqlParam[] = []) =>
      turn(() => Number(prepare(sql).run(...params).changes)),
    transaction: (fn) => tx.transaction(fn),
    afterCommit: (cb) => tx.afterCommit(cb),
    get inTransaction() {
      return tx.inTransaction;
    },
    close: async () => {
      if (db.isOpen) db.close();
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
