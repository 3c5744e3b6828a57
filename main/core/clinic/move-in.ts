// Moving in: a single desktop's embedded database (node:sqlite) copied once to the clinic's
// PostgreSQL server, so the clinic's other desktops share its schedule. Nothing is lost and nothing
// is half-moved: every table goes over in one PostgreSQL transaction, is compared with the source
// (row counts and a checksum per table) before that transaction commits, and any difference rolls
// it all back. A server that already holds a clinic's data is refused, and so is a desktop whose
// database was moved before (it is marked once its move commits).
//
// What stays on the desktop: the Zoom sign-ins (its encrypted vault file, keyed by doctor id; the
// ids move unchanged, so each doctor's sign-in here keeps working) and `desktops` /
// `desktop_credentials`, which each desktop writes for itself once it runs on the server.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AppError } from '../errors';
import { auditRepository } from '../store/audit';
import type { SqliteStore } from '../store/database';
import { readUserVersion } from '../store/migrate';
import { SCHEMA_VERSION } from '../store/migrations';
import type { PostgresStore } from '../store/postgres';
import { camel, type SqlParam } from '../store/sql';

/** Copied in this order: a table comes after every table its foreign keys name. */
export const MOVED_TABLES = [
  'doctors',
  'patients',
  'appointments',
  'meeting_mappings',
  'outbox',
  'zoom_cleanup',
  'audit_log',
  'settings',
  'sync_state',
] as const;

/** Facts about each desktop's own connection to the server: every desktop writes its own. */
export const DESKTOP_TABLES = ['desktops', 'desktop_credentials'] as const;

/** Rows like these on the server mean a clinic is already using it. */
const CLINIC_DATA = ['doctors', 'patients', 'appointments', 'audit_log'] as const;

/** The SQLite setting that marks a database as moved: `{ server, at, desktop }`. */
export const MOVED_KEY = 'moved-to-server';

export interface MovedMark {
  server: string;
  at: string;
  desktop: string;
}

export interface MoveReport {
  /** Rows moved, per table, in the order they were copied. */
  tables: Record<string, number>;
  /** Outbox items that were in flight on this desktop and arrive pending (taken up again). */
  inFlightReleased: number;
  ms: number;
}

export interface MoveOptions {
  sqlite: SqliteStore;
  target: PostgresStore;
  /** Names this desktop in the server's audit log and in the mark left on its database. */
  desktopName: string;
  now?: () => Date;
  /** Rows per INSERT; the default keeps each statement far below PostgreSQL's 65,535 parameters. */
  batchRows?: number;
}

// A desktop that is not running holds no lease: its in-flight work is pending again, as it would
// be after a restart (releaseInFlight), and the desktop that can make the meeting takes it up. The
// engine's reference check finds a meeting that Zoom made before the desktop stopped.
const SOURCE_EXPRESSIONS: Partial<Record<string, Record<string, string>>> = {
  outbox: {
    state: `CASE WHEN state = 'in-flight' THEN 'pending' ELSE state END`,
    lease_owner: 'NULL',
    lease_until: 'NULL',
  },
};

const BATCH_ROWS = 500;
const MAX_PARAMS = 65_535;
/** Rows per page when reading the server's copy back for the checksum. */
const VERIFY_PAGE = 5_000;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface TablePlan {
  table: string;
  /** Column names, in the SQLite table's order (the server must have exactly these). */
  columns: string[];
  /** The primary key's columns, in key order: rows are copied and compared in this order. */
  key: string[];
}

/**
 * Copies this desktop's database to the clinic server once. Refuses (AppError 'conflict') a
 * server that holds a clinic's data already, a database moved before, and a schema other than
 * this app's; anything that goes wrong while copying leaves the server as it was.
 */
export async function moveToServer(options: MoveOptions): Promise<MoveReport> {
  const { sqlite, target, desktopName } = options;
  const now = options.now ?? (() => new Date());
  const started = performance.now();

  // The database's write lock for the whole move: a copy of the app left open on this desktop
  // cannot book a visit that would then be missing from the server.
  return sqlite.transaction(async () => {
    await refuseMovedSource(sqlite);
    const sourceVersion = readUserVersion(sqlite.db);
    if (sourceVersion !== SCHEMA_VERSION)
      throw new AppError(
        'conflict',
        `This desktop's database has schema ${sourceVersion}, but this app moves schema ${SCHEMA_VERSION}. Start Clinic Companion once on this desktop (it updates its database), close it, then move it in. Nothing was moved.`,
        { databaseVersion: sourceVersion, appVersion: SCHEMA_VERSION },
      );
    const targetVersion = await target.schemaVersion();
    if (targetVersion !== SCHEMA_VERSION)
      throw new AppError(
        'conflict',
        `The clinic server (${target.path}) has schema ${targetVersion}, but this app moves schema ${SCHEMA_VERSION}. Use the same version of Clinic Companion as the other desktops. Nothing was moved.`,
        { databaseVersion: targetVersion, appVersion: SCHEMA_VERSION },
      );
    const plans = await planTables(sqlite, target);
    const sequences = await sqliteSequences(sqlite);

    const { tables, inFlightReleased } = await target.transaction(async () => {
      await refuseUsedTarget(target);
      const counts: Record<string, number> = {};
      for (const plan of plans) counts[plan.table] = await copyTable(sqlite, target, plan, options.batchRows);
      await continueIdentities(target, sequences);
      for (const plan of plans) await verifyTable(sqlite, target, plan, counts[plan.table]!);
      const released = Number(
        (
          sqlite.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'in-flight'`).get() as {
            n: number;
          }
        ).n,
      );
      // In the same transaction as the rows: the server never holds a moved clinic without the
      // entry that says where it came from. New rows continue after the moved ones (audit ids too).
      await auditRepository(target, now).append({
        actor: 'it',
        action: 'clinic.moved-in',
        entity: 'clinic',
        detail: { desktop: desktopName, tables: counts, inFlightReleased: released },
      });
      return { tables: counts, inFlightReleased: released };
    });

    // Committed on the server: this database is marked so that it is never moved again (the
    // server's own refusal covers a mark lost to a crash between the two commits).
    const mark: MovedMark = { server: target.path, at: now().toISOString(), desktop: desktopName };
    await sqlite.run(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [MOVED_KEY, JSON.stringify(mark), mark.at],
    );
    return { tables, inFlightReleased, ms: Math.round(performance.now() - started) };
  });
}

/** The mark a finished move left on this database, if any. */
export async function movedMark(sqlite: SqliteStore): Promise<MovedMark | undefined> {
  const row = await sqlite.row<{ value: string }>('SELECT value FROM settings WHERE key = ?', [MOVED_KEY]);
  return row ? (JSON.parse(row.value) as MovedMark) : undefined;
}

async function refuseMovedSource(sqlite: SqliteStore): Promise<void> {
  const mark = await movedMark(sqlite);
  if (!mark) return;
  throw new AppError(
    'conflict',
    `This desktop's database was already moved to the clinic server ${mark.server} on ${mark.at}${
      mark.desktop ? ` (as "${mark.desktop}")` : ''
    }. It is not moved twice: the clinic's schedule now lives on that server. Point this desktop at it (policy) instead.`,
    { server: mark.server, at: mark.at },
  );
}

async function refuseUsedTarget(target: PostgresStore): Promise<void> {
  const held: Array<{ table: string; n: number }> = [];
  for (const table of MOVED_TABLES) {
    const row = await target.row<{ n: number }>(`SELECT COUNT(*) AS n FROM ${ident(table)}`);
    if (Number(row?.n ?? 0) > 0) held.push({ table, n: Number(row!.n) });
  }
  if (held.length === 0) return;
  const list = held.map((h) => `${h.n} ${h.table.replaceAll('_', ' ')}`).join(', ');
  if (held.some((h) => (CLINIC_DATA as readonly string[]).includes(h.table)))
    throw new AppError(
      'conflict',
      `The clinic server ${target.path} already holds a clinic's data (${list}): a desktop was moved in already, or desktops have been using it. A move goes only to an empty server, once. Nothing was moved; this desktop's database is unchanged.`,
      { server: target.path },
    );
  // Settings or sync state without any clinic: a desktop started on the empty server and wrote
  // some. Copying over them would pick one side's admin PIN or mode silently; IT decides instead.
  throw new AppError(
    'conflict',
    `The clinic server ${target.path} is not empty (${list}): a desktop has already used it. Move this desktop in before any other desktop connects. To start over, recreate the empty database (see docs/IT.md). Nothing was moved.`,
    { server: target.path },
  );
}

/** Each moved table's columns and key, after checking that both sides have the same tables and columns. */
async function planTables(sqlite: SqliteStore, target: PostgresStore): Promise<TablePlan[]> {
  const known = new Set<string>([...MOVED_TABLES, ...DESKTOP_TABLES]);
  const sqliteTables = (
    sqlite.db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`,
      )
      .all() as Array<{ name: string }>
  ).map((r) => r.name);
  const unknown = sqliteTables.filter((t) => !known.has(t));
  if (unknown.length > 0)
    throw new AppError(
      'internal',
      `This desktop's database has tables the move does not know (${unknown.join(', ')}); moving it would lose them. Nothing was moved.`,
    );
  const serverColumns = await target.rows<{ tableName: string; columnName: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()
     ORDER BY table_name, ordinal_position`,
  );
  const onServer = new Map<string, Set<string>>();
  for (const c of serverColumns) {
    const cols = onServer.get(c.tableName) ?? new Set<string>();
    onServer.set(c.tableName, cols);
    cols.add(c.columnName);
  }

  const plans: TablePlan[] = [];
  for (const table of MOVED_TABLES) {
    const info = sqlite.db.prepare(`PRAGMA table_info(${ident(table)})`).all() as Array<{
      name: string;
      pk: number;
    }>;
    if (info.length === 0)
      throw new AppError('internal', `This desktop's database has no ${table} table. Nothing was moved.`);
    const columns = info.map((c) => c.name);
    const server = onServer.get(table);
    if (!server)
      throw new AppError(
        'internal',
        `The clinic server ${target.path} has no ${table} table. Nothing was moved.`,
      );
    const missing = columns.filter((c) => !server.has(c));
    const extra = [...server].filter((c) => !columns.includes(c));
    if (missing.length > 0 || extra.length > 0)
      throw new AppError(
        'internal',
        `The ${table} table differs between this desktop and the clinic server${
          missing.length ? `: the server lacks ${missing.join(', ')}` : ''
        }${extra.length ? `${missing.length ? ';' : ':'} only the server has ${extra.join(', ')}` : ''}. Nothing was moved.`,
        { table },
      );
    const key = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    if (key.length === 0)
      throw new AppError('internal', `The ${table} table has no primary key to copy it by.`);
    plans.push({ table, columns, key });
  }
  return plans;
}

/** SQLite's AUTOINCREMENT high-water marks: ids handed out once (even of rows since deleted). */
async function sqliteSequences(sqlite: SqliteStore): Promise<Map<string, number>> {
  const rows = sqlite.db.prepare('SELECT name, seq FROM sqlite_sequence').all() as Array<{
    name: string;
    seq: number;
  }>;
  return new Map(rows.map((r) => [r.name, Number(r.seq)]));
}

function sourceSelect(plan: TablePlan): string {
  const expressions = SOURCE_EXPRESSIONS[plan.table] ?? {};
  const list = plan.columns.map((c) => (expressions[c] ? `${expressions[c]} AS ${ident(c)}` : ident(c)));
  return `SELECT ${list.join(', ')} FROM ${ident(plan.table)} ORDER BY ${plan.key.map(ident).join(', ')}`;
}

async function copyTable(
  sqlite: SqliteStore,
  target: PostgresStore,
  plan: TablePlan,
  batchRows = BATCH_ROWS,
): Promise<number> {
  const stmt = sqlite.db.prepare(sourceSelect(plan));
  stmt.setReturnArrays(true);
  const width = plan.columns.length;
  const perStatement = Math.max(1, Math.min(batchRows, Math.floor(MAX_PARAMS / width)));
  const head = `INSERT INTO ${ident(plan.table)} (${plan.columns.map(ident).join(', ')}) VALUES `;
  const tuple = `(${new Array(width).fill('?').join(', ')})`;
  const texts = new Map<number, string>();
  const sqlFor = (n: number) => {
    let sql = texts.get(n);
    if (!sql) {
      sql = head + new Array(n).fill(tuple).join(', ');
      texts.set(n, sql);
    }
    return sql;
  };
  const keyAt = plan.key.map((k) => plan.columns.indexOf(k));

  let batch: unknown[][] = [];
  let count = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const params: SqlParam[] = [];
    for (const row of batch) for (const v of row) params.push(v as SqlParam);
    try {
      await target.run(sqlFor(batch.length), params);
    } catch (e) {
      throw refused(plan, batch, keyAt, e);
    }
    count += batch.length;
    batch = [];
  };
  for (const row of stmt.iterate() as Iterable<unknown[]>) {
    batch.push(row);
    if (batch.length === perStatement) await flush();
  }
  await flush();
  return count;
}

/** The server refused a batch: the table and the rows' keys (never their contents) for IT. */
function refused(plan: TablePlan, batch: unknown[][], keyAt: number[], e: unknown): unknown {
  const err = e as { code?: string; message?: string };
  // A serialization conflict runs the whole transaction again: pass it through untouched.
  if (err?.code === '40001' || err?.code === '40P01') return e;
  const key = (row: unknown[]) => keyAt.map((i) => String(row[i])).join('/');
  const range =
    batch.length === 1
      ? `row ${key(batch[0]!)}`
      : `one of the rows ${key(batch[0]!)} to ${key(batch.at(-1)!)}`;
  // SQLite keeps a NUL character inside text; PostgreSQL cannot store one (22021).
  const hint =
    err?.code === '22021' && /0x00/.test(err.message ?? '')
      ? ' (a text holds a NUL character, which PostgreSQL cannot store; correct that entry in the app first)'
      : '';
  return new AppError(
    'internal',
    `The clinic server refused ${range} of ${plan.table}: ${err?.message ?? String(e)}${hint}. Nothing was moved; this desktop's database is unchanged.`,
    { table: plan.table, code: err?.code },
  );
}

/** Identity columns continue after the moved ids (and after ids SQLite handed out and deleted). */
async function continueIdentities(target: PostgresStore, sequences: Map<string, number>): Promise<void> {
  const identities = await target.rows<{ tableName: string; columnName: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name`,
  );
  for (const { tableName, columnName } of identities) {
    if (!(MOVED_TABLES as readonly string[]).includes(tableName)) continue;
    const max = await target.row<{ n: number | null }>(
      `SELECT MAX(${ident(columnName)}) AS n FROM ${ident(tableName)}`,
    );
    const last = Math.max(Number(max?.n ?? 0), sequences.get(tableName) ?? 0);
    if (last < 1) continue;
    await target.row('SELECT setval(pg_get_serial_sequence(?, ?), ?)', [ident(tableName), columnName, last]);
  }
}

/** Same row count and the same checksum on both sides, or the whole move rolls back. */
async function verifyTable(
  sqlite: SqliteStore,
  target: PostgresStore,
  plan: TablePlan,
  copied: number,
): Promise<void> {
  const source = createHash('sha256');
  let sourceRows = 0;
  const stmt = sqlite.db.prepare(sourceSelect(plan));
  stmt.setReturnArrays(true);
  for (const row of stmt.iterate() as Iterable<unknown[]>) {
    source.update(`${JSON.stringify(row)}\n`);
    sourceRows++;
  }

  const server = createHash('sha256');
  let serverRows = 0;
  const cols = plan.columns.map(ident).join(', ');
  const keys = plan.key.map(ident).join(', ');
  const keyAt = plan.key.map((k) => plan.columns.indexOf(k));
  let after: SqlParam[] | undefined;
  for (;;) {
    // Pages by key (row-value comparison), so a large table is never read into memory at once.
    const where = after ? ` WHERE (${keys}) > (${plan.key.map(() => '?').join(', ')})` : '';
    const page = await target.rows<Record<string, unknown>>(
      `SELECT ${cols} FROM ${ident(plan.table)}${where} ORDER BY ${keys} LIMIT ?`,
      [...(after ?? []), VERIFY_PAGE],
    );
    for (const rec of page) {
      const row = plan.columns.map((c) => rec[camel(c)]);
      server.update(`${JSON.stringify(row)}\n`);
      serverRows++;
      after = keyAt.map((i) => row[i] as SqlParam);
    }
    if (page.length < VERIFY_PAGE) break;
  }

  if (sourceRows !== serverRows || sourceRows !== copied)
    throw new AppError(
      'internal',
      `The clinic server holds ${serverRows} rows of ${plan.table} after the copy, this desktop ${sourceRows}. Nothing was moved; this desktop's database is unchanged.`,
      { table: plan.table },
    );
  if (source.digest('hex') !== server.digest('hex'))
    throw new AppError(
      'internal',
      `The copy of ${plan.table} on the clinic server differs from this desktop's (same ${sourceRows} rows, different contents). Nothing was moved; this desktop's database is unchanged.`,
      { table: plan.table },
    );
}
