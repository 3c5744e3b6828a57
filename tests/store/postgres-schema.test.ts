// The PostgreSQL schema (postgres-migrations.ts) against the node:sqlite one (migrations.ts) on a real
// throwaway server: the same migrations, tables, columns, keys and indexes, and the refusals SQLite
// makes (append-only audit log, ISO UTC start times, JSON payloads).
// Also checks the throwaway server itself (TLS, passwords, away and back).
import { existsSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../main/core/store';
import { migrations } from '../../main/core/store/migrations';
import { postgresMigrations } from '../../main/core/store/postgres-migrations';
import {
  postgresUnavailableReason,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../scripts/throwaway-postgres';

const reason = postgresUnavailableReason();
if (reason) {
  // CI installs PostgreSQL (.ci/run) and sets REQUIRE_POSTGRES=1: there, its absence is a failure.
  if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`PostgreSQL is required here: ${reason}`);
  console.warn(`\n*** SKIPPED: ${reason}. The PostgreSQL schema is not checked. ***\n`);
  // The reason is in the skipped test's name, so the run's summary says what was not checked.
  it.skip(`needs PostgreSQL: ${reason}`, () => {});
}

type Pg = InstanceType<typeof pg.Client>;

function client(server: ThrowawayPostgres, overrides: pg.ClientConfig = {}): Pg {
  return new pg.Client({
    host: server.host,
    port: server.port,
    database: server.database,
    user: server.user,
    password: server.password,
    ...(server.caPem ? { ssl: { ca: server.caPem } } : {}),
    ...overrides,
  });
}

/** The error a promise fails with (a test fails if it does not). */
async function failure(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a failure, but it succeeded');
}

// ---- Both schemas described the same way ----------------------------------------------------------

interface Column {
  name: string;
  type: string;
  notNull: boolean;
}
interface Index {
  table: string;
  unique: boolean;
  columns: string[];
  where: string | null;
}
interface Schema {
  tables: string[];
  columns: Record<string, Column[]>;
  /** PRIMARY KEY, UNIQUE and FOREIGN KEY constraints, as PostgreSQL prints them. */
  constraints: Record<string, string[]>;
  indexes: Record<string, Index>;
}

/** A partial index's condition with each engine's spelling removed. */
const normalizePredicate = (sql: string) =>
  sql.replaceAll('::text', '').replaceAll('!=', '<>').replace(/[()]/g, '').replace(/\s+/g, ' ').trim();

function sqliteSchema(db: DatabaseSync): Schema {
  const all = <T>(sql: string) => db.prepare(sql).all() as T[];
  const tables = all<{ name: string }>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  ).map((t) => t.name);
  const schema: Schema = { tables, columns: {}, constraints: {}, indexes: {} };
  for (const table of tables) {
    const info = all<{ name: string; type: string; notnull: number; pk: number }>(
      `PRAGMA table_info(${table})`,
    );
    // SQLite lets a non-INTEGER PRIMARY KEY hold NULL (a legacy quirk); the app never writes one,
    // and PostgreSQL's primary keys are NOT NULL: a key column counts as NOT NULL on both.
    schema.columns[table] = info.map((c) => ({
      name: c.name,
      type: c.type.toLowerCase(),
      notNull: c.notnull === 1 || c.pk > 0,
    }));
    const constraints: string[] = [];
    const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    if (pk.length) constraints.push(`PRIMARY KEY (${pk.map((c) => c.name).join(', ')})`);
    const fks = all<{ id: number; table: string; from: string; to: string }>(
      `PRAGMA foreign_key_list(${table})`,
    );
    for (const fk of fks) constraints.push(`FOREIGN KEY (${fk.from}) REFERENCES ${fk.table}(${fk.to})`);
    const indexes = all<{ name: string; unique: number; origin: string; partial: number }>(
      `PRAGMA index_list(${table})`,
    );
    for (const index of indexes) {
      const keys = all<{ name: string | null; coll: string; key: number }>(
        `PRAGMA index_xinfo(${index.name})`,
      )
        .filter((k) => k.key === 1)
        .map((k) => (k.coll === 'NOCASE' ? `lower(${k.name})` : String(k.name)));
      if (index.origin === 'u') constraints.push(`UNIQUE (${keys.join(', ')})`);
      if (index.origin !== 'c') continue;
      const sql = (
        db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(index.name) as { sql: string }
      ).sql;
      const where = index.partial ? normalizePredicate(sql.slice(sql.search(/\bWHERE\b/i) + 5)) : null;
      schema.indexes[index.name] = { table, unique: index.unique === 1, columns: keys, where };
    }
    schema.constraints[table] = constraints.sort();
  }
  return schema;
}

async function postgresSchema(db: Pg): Promise<Schema & { textCollations: string[] }> {
  const rows = async <T>(sql: string) => (await db.query(sql)).rows as T[];
  const tables = (
    await rows<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE "C"`,
    )
  ).map((t) => t.name);
  const schema: Schema = { tables, columns: {}, constraints: {}, indexes: {} };
  const columns = await rows<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    collation_name: string | null;
  }>(
    `SELECT table_name, column_name, data_type, is_nullable, collation_name FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  for (const c of columns) {
    schema.columns[c.table_name] ??= [];
    schema.columns[c.table_name]!.push({
      name: c.column_name,
      type: c.data_type,
      notNull: c.is_nullable === 'NO',
    });
  }
  const constraints = await rows<{ table: string; def: string }>(
    `SELECT t.relname AS table, pg_get_constraintdef(k.oid) AS def
       FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND k.contype IN ('p', 'u', 'f')`,
  );
  for (const table of tables) {
    schema.constraints[table] = constraints
      .filter((k) => k.table === table)
      .map((k) => k.def)
      .sort();
  }
  const indexes = await rows<{
    name: string;
    table: string;
    unique: boolean;
    columns: string[];
    where: string;
  }>(
    `SELECT i.relname AS name, t.relname AS table, x.indisunique AS unique,
            array(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) k) AS columns,
            pg_get_expr(x.indpred, x.indrelid) AS where
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u'))`,
  );
  for (const i of indexes) {
    schema.indexes[i.name] = {
      table: i.table,
      unique: i.unique,
      columns: i.columns,
      where: i.where === null ? null : normalizePredicate(i.where),
    };
  }
  const textCollations = columns
    .filter((c) => c.data_type === 'text')
    .map((c) => `${c.table_name}.${c.column_name} ${c.collation_name}`);
  return { ...schema, textCollations };
}

// ---- The tests -------------------------------------------------------------------------------------

describe.skipIf(reason !== undefined)('the PostgreSQL schema', () => {
  let server: ThrowawayPostgres;
  let db: Pg;

  beforeAll(async () => {
    server = await startThrowawayPostgres({ name: 'schema-test' });
    db = client(server);
    await db.connect();
    for (const m of postgresMigrations) {
      await db.query('BEGIN');
      try {
        await db.query(m.sql);
        await db.query('COMMIT');
      } catch (error) {
        await db.query('ROLLBACK');
        throw new Error(`PostgreSQL migration ${m.version} (${m.name}) failed: ${String(error)}`);
      }
    }
  });

  afterAll(async () => {
    await db?.end().catch(() => {});
    await server?.stop();
  });

  it('has a PostgreSQL text for every SQLite migration, with the same version and name', () => {
    const versions = (list: typeof migrations) => list.map((m) => `${m.version} ${m.name}`);
    expect(versions(postgresMigrations)).toEqual(versions(migrations));
  });

  it('has the same tables, columns (in order, types, NOT NULL), keys and indexes as SQLite', async () => {
    // Compared at the version PostgreSQL has reached, so a missing migration fails the test above
    // alone and this one still reports any other difference.
    const sqlite = openStore(':memory:', { migrations: migrations.slice(0, postgresMigrations.length) });
    let expected: Schema;
    try {
      expected = sqliteSchema(sqlite.db);
    } finally {
      void sqlite.close(); // SQLite closes at once
    }
    const { textCollations, ...actual } = await postgresSchema(db);
    expect(actual.tables).toEqual(expected.tables);
    for (const table of expected.tables) {
      expect({ table, columns: actual.columns[table] }).toEqual({ table, columns: expected.columns[table] });
      expect({ table, constraints: actual.constraints[table] }).toEqual({
        table,
        constraints: expected.constraints[table],
      });
    }
    expect(actual.indexes).toEqual(expected.indexes);
    // Byte order for every text column, as SQLite compares.
    expect(textCollations.filter((c) => !c.endsWith(' C'))).toEqual([]);
  });

  it('keeps the audit log append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await db.query(
      `INSERT INTO audit_log (at, actor, action, entity, detail) VALUES ('2030-01-07T09:00:00Z', 'admin', 'test', 'x', '{}')`,
    );
    for (const sql of [
      `UPDATE audit_log SET actor = 'someone else'`,
      `DELETE FROM audit_log`,
      `TRUNCATE audit_log`,
    ]) {
      expect((await failure(db.query(sql))).message).toBe('audit_log is append-only');
    }
    expect((await db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0]).toEqual({ n: 1 });
  });

  it('refuses a start time that is not an ISO UTC time ending in Z, and bad JSON in the outbox', async () => {
    await db.query(`INSERT INTO doctors (id, display_name, email, source, created_at, updated_at)
      VALUES ('doc-1', 'Dr. Lee', 'lee@clinic.test', 'local', '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z')`);
    await db.query(`INSERT INTO patients (id, display_name, source, created_at, updated_at)
      VALUES ('pat-1', 'Ana Patient', 'local', '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z')`);
    const appointment = (id: string, start: string) =>
      db.query(
        `INSERT INTO appointments (id, doctor_id, patient_id, start_utc, time_zone, duration_min, visit_type,
           status, reference, source, created_at, updated_at)
         VALUES ($1, 'doc-1', 'pat-1', $2, 'Europe/Berlin', 20, 'telemed', 1, $1, 'local',
           '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z')`,
        [id, start],
      );
    await appointment('appt-ok', '2030-01-07T09:00:00Z');
    for (const start of [
      '2030-01-07T09:00:00',
      '2030-01-07T09:00:00+01:00',
      '2030-01-07T09:00:00.000Z',
      '2030-01-07 09:00:00Z',
      'x2030-01-07T09:00:00Z',
      '2030-01-07T09:00:00Zx',
    ]) {
      expect({ start, code: (await failure(appointment(`appt-${start}`, start))).code }).toEqual({
        start,
        code: '23514',
      });
    }
    const outbox = (payload: string) =>
      db.query(
        `INSERT INTO outbox (appointment_id, op, payload, reference, next_attempt_at, state, created_at, updated_at)
         VALUES ('appt-ok', 'ensure', $1, 'appt-ok', '2030-01-01T00:00:00Z', 'pending',
           '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z') RETURNING id, payload`,
        [payload],
      );
    // Stored as the very text given (not re-serialised), as SQLite does.
    const kept = '{"b": 1,  "a": [true]}';
    expect((await outbox(kept)).rows[0]).toEqual({ id: 1, payload: kept });
    for (const payload of ['{"a":', 'not json', '']) {
      expect({ payload, code: (await failure(outbox(payload))).code }).toEqual({ payload, code: '22P02' });
    }
  });

  it('the throwaway server: a wrong password is refused; kill() takes it away and restart() brings it back', async () => {
    const wrong = client(server, { password: 'not-the-password' });
    expect((await failure(wrong.connect())).code).toBe('28P01');
    await wrong.end().catch(() => {});

    await db.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ('kept', '"yes"', '2030-01-01T00:00:00Z')`,
    );
    // The open connection is cut off by the kill: expected, not an uncaught error.
    db.on('error', () => {});
    await server.kill();
    const away = client(server);
    expect((await failure(away.connect())).message).toMatch(/ECONNREFUSED|connect/);
    await away.end().catch(() => {});
    await server.restart();
    const back = client(server);
    await back.connect();
    expect((await back.query(`SELECT value FROM settings WHERE key = 'kept'`)).rows).toEqual([
      { value: '"yes"' },
    ]);
    await back.end();
    // The connection from before the kill is gone: a new one for afterAll.
    db = client(server);
    await db.connect();
  });
});

describe.skipIf(reason !== undefined)('the throwaway server with TLS', () => {
  it('accepts a TLS connection that checks its certificate, and refuses one without TLS', async () => {
    const server = await startThrowawayPostgres({ name: 'tls-test', tls: true });
    try {
      expect(server.caPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
      const secure = client(server, { ssl: { ca: server.caPem! } });
      await secure.connect();
      const row = (await secure.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows[0];
      expect(row).toEqual({ ssl: true });
      await secure.end();

      // Certificate checked: without the CA the self-signed certificate is refused.
      const untrusted = client(server, { ssl: { rejectUnauthorized: true } });
      expect((await failure(untrusted.connect())).message).toMatch(/self[- ]signed/i);
      await untrusted.end().catch(() => {});

      const plain = client(server, { ssl: false });
      expect((await failure(plain.connect())).message).toMatch(/no encryption/);
      await plain.end().catch(() => {});
    } finally {
      await server.stop();
      await server.stop();
    }
    expect(existsSync(server.dataDir)).toBe(false);
  });
});
