// The clinic's shared database on a PostgreSQL server, behind the same Store API as the embedded
// engine. pg (node-postgres) is the driver: pure JavaScript (nothing to rebuild per Electron ABI),
// pooled connections, TLS, SCRAM, LISTEN/NOTIFY.
import pg from 'pg';
import { AppError } from '../errors';
import type { Migration } from './migrations';
import { postgresMigrations } from './postgres-migrations';
import { arraysToRecords, numberedPlaceholders, type SqlParam, type Store } from './sql';
import { createTransactor } from './transaction';

export interface PostgresConfig {
  host: string;
  port?: number;
  database: string;
  user: string;
  /** From the credential vault (entered once by IT); absent with a client certificate. */
  password?: string;
  /** TLS: the server's CA (PEM) to verify it, and a client certificate and key when IT uses them. */
  tls?: { ca?: string; cert?: string; key?: string } | false;
  /** Names this desktop in pg_stat_activity and the server's log. */
  applicationName?: string;
  connectTimeoutMs?: number;
  /** A statement running longer is cancelled: a stuck query must not hold the desktop. */
  statementTimeoutMs?: number;
  poolSize?: number;
}

export interface PostgresStore extends Store {
  readonly engine: 'postgres';
  /** Subscribes to a NOTIFY channel on a connection of its own; resolves to the unsubscriber. */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onLost?: (e: Error) => void,
  ): Promise<() => Promise<void>>;
  /** Sends a NOTIFY; inside a transaction it is delivered when that transaction commits. */
  notify(channel: string, payload: string): Promise<void>;
  schemaVersion(): Promise<number>;
  /**
   * Whether this desktop leads a clinic-wide chore (one desktop at a time, e.g. syncing the
   * KiviCare site): a session advisory lock on a connection of its own, so a desktop that dies
   * or loses the server lets another one lead at its next try.
   */
  leads(chore: string): Promise<boolean>;
}

export interface OpenPostgresOptions {
  /** For tests of older schemas; the app always uses the full list. */
  migrations?: readonly Migration[];
}

// COUNT(*) and other bigints arrive as text by default; every count we keep fits a double.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** SQLSTATEs after which a transaction is simply run again: another desktop's write got there first. */
const RETRYABLE = new Set(['40001', '40P01']);

/** Errors that mean "the server is away", not "this query is wrong". */
export function isServerAway(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  if (!err) return false;
  if (err.code && /^(08|57P0[1-3])/.test(err.code)) return true;
  if (
    err.code &&
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'EPIPE',
      'ENOTFOUND',
      'EAI_AGAIN',
    ].includes(err.code)
  )
    return true;
  return /Connection terminated|timeout expired|Client has encountered a connection error/i.test(
    err.message ?? '',
  );
}

/** A server-away failure as the error people read; any other error unchanged. */
export function away(e: unknown, c: Pick<PostgresConfig, 'host'>): unknown {
  if (!isServerAway(e) || e instanceof AppError) return e;
  return new AppError(
    'database-unavailable',
    `The clinic database server (${c.host}) cannot be reached. What is on screen is the last known state; nothing can be changed until it is back.`,
    { cause: (e as { code?: string }).code ?? 'connection' },
  );
}

export function describePostgres(c: Pick<PostgresConfig, 'host' | 'port' | 'database' | 'user'>): string {
  return `postgres://${c.user}@${c.host}:${c.port ?? 5432}/${c.database}`;
}

export function poolConfig(c: PostgresConfig): pg.PoolConfig {
  return {
    host: c.host,
    port: c.port ?? 5432,
    database: c.database,
    user: c.user,
    password: c.password,
    ssl: c.tls ? { ca: c.tls.ca, cert: c.tls.cert, key: c.tls.key, rejectUnauthorized: true } : undefined,
    application_name: c.applicationName ?? 'Clinic Companion',
    connectionTimeoutMillis: c.connectTimeoutMs ?? 5_000,
    statement_timeout: c.statementTimeoutMs ?? 15_000,
    // A desktop on a clinic LAN: a handful of connections is plenty, and the server's
    // max_connections is shared by every desktop.
    max: c.poolSize ?? 4,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    types,
  };
}

/**
 * Connects to the clinic server and brings its schema up to date (one desktop at a time, under an
 * advisory lock). A schema newer than this app is refused untouched.
 */
export async function openPostgresStore(
  config: PostgresConfig,
  options: OpenPostgresOptions = {},
): Promise<PostgresStore> {
  const pool = new pg.Pool(poolConfig(config));
  // An idle pooled connection that breaks (the server restarts) must not crash the app.
  pool.on('error', () => undefined);
  const path = describePostgres(config);
  try {
    await migratePostgres(pool, options.migrations ?? postgresMigrations);
  } catch (e) {
    await pool.end().catch(() => undefined);
    if (isServerAway(e))
      throw new AppError(
        'internal',
        `The clinic database server (${config.host}) cannot be reached: ${(e as Error).message}`,
      );
    throw e;
  }
  return postgresStore(pool, config, path);
}

function postgresStore(pool: pg.Pool, config: PostgresConfig, path: string): PostgresStore {
  // A connection held by a transaction has no listener of the pool's: if the server goes away
  // between two of its queries, its error must not be an uncaught exception (the app would crash).
  // The next query on it fails instead, as "the server is away".
  const guarded = new WeakSet<pg.PoolClient>();
  const guard = (client: pg.PoolClient) => {
    if (!guarded.has(client)) {
      guarded.add(client);
      client.on('error', () => undefined);
    }
    return client;
  };
  const tx = createTransactor<pg.PoolClient>({
    acquire: () => pool.connect().then(guard, (e: unknown) => Promise.reject(away(e, config))),
    release: (client, broken) => client.release(broken ? new Error('connection broken') : undefined),
    exec: async (client, sql) => {
      try {
        await client.query(sql);
      } catch (e) {
        // Lost while committing: the server may have applied the transaction or not. Said so, so
        // that nobody is told "nothing was saved" about a visit that was.
        if (sql === 'COMMIT' && isServerAway(e))
          throw new AppError(
            'database-unavailable',
            `The clinic database server (${config.host}) stopped answering while saving; what was being saved may or may not have been saved.`,
            { cause: (e as { code?: string }).code ?? 'connection', outcome: 'unknown' },
          );
        throw away(e, config);
      }
    },
    // SERIALIZABLE gives every transaction the meaning it has on SQLite (one writer at a time):
    // "check, then write" cannot interleave with another desktop's; a conflict runs it again.
    begin: 'BEGIN ISOLATION LEVEL SERIALIZABLE',
    retryable: (e) => RETRYABLE.has((e as { code?: string })?.code ?? ''),
    maxAttempts: 10,
  });
  const texts = new Map<string, string>();
  const text = (sql: string) => {
    let t = texts.get(sql);
    if (t === undefined) {
      t = numberedPlaceholders(sql);
      texts.set(sql, t);
    }
    return t;
  };
  const query = async (sql: string, params: readonly SqlParam[]) => {
    const q = { text: text(sql), values: params as unknown[], rowMode: 'array' as const };
    const ctx = tx.context();
    try {
      return await (ctx ? ctx.conn.query(q) : pool.query(q));
    } catch (e) {
      throw away(e, config);
    }
  };
  const listeners = new Set<pg.Client>();
  const leaders = new Map<string, { client: pg.Client; held: boolean }>();

  return {
    engine: 'postgres',
    path,
    async rows<T>(sql: string, params: readonly SqlParam[] = [], json?: readonly string[]) {
      const r = await query(sql, params);
      return arraysToRecords<T>(
        r.fields.map((f) => f.name),
        r.rows as unknown[][],
        json,
      );
    },
    async row<T>(sql: string, params: readonly SqlParam[] = [], json?: readonly string[]) {
      const r = await query(sql, params);
      if (r.rows.length === 0) return undefined;
      return arraysToRecords<T>(
        r.fields.map((f) => f.name),
        [r.rows[0] as unknown[]],
        json,
      )[0];
    },
    async run(sql: string, params: readonly SqlParam[] = []) {
      return (await query(sql, params)).rowCount ?? 0;
    },
    transaction: (fn) => tx.transaction(fn),
    afterCommit: (cb) => tx.afterCommit(cb),
    get inTransaction() {
      return tx.inTransaction;
    },
    async notify(channel, payload) {
      await query('SELECT pg_notify(?, ?)', [channel, payload]);
    },
    async listen(channel, onMessage, onLost) {
      // LISTEN needs a connection of its own for as long as it listens: not one from the pool.
      const client = new pg.Client(poolConfig(config));
      listeners.add(client);
      client.on('notification', (n) => {
        if (n.channel === channel) onMessage(n.payload ?? '');
      });
      client.on('error', (e) => onLost?.(e));
      client.on('end', () => {
        if (listeners.has(client)) onLost?.(new Error('Connection terminated'));
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      } catch (e) {
        listeners.delete(client);
        await client.end().catch(() => undefined);
        throw e;
      }
      return async () => {
        listeners.delete(client);
        await client.end().catch(() => undefined);
      };
    },
    schemaVersion: () => readVersion(pool),
    async leads(chore) {
      let lead = leaders.get(chore);
      if (!lead) {
        const client = new pg.Client(poolConfig(config));
        lead = { client, held: false };
        const entry = lead;
        client.on('error', () => {
          entry.held = false;
          leaders.delete(chore);
        });
        try {
          await client.connect();
        } catch (e) {
          throw away(e, config);
        }
        leaders.set(chore, lead);
      }
      if (lead.held) return true;
      try {
        const r = await lead.client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS held', [
          `clinic-companion:${chore}`,
        ]);
        lead.held = r.rows[0]?.held === true;
      } catch (e) {
        leaders.delete(chore);
        await lead.client.end().catch(() => undefined);
        throw away(e, config);
      }
      return lead.held;
    },
    async close() {
      for (const c of listeners) await c.end().catch(() => undefined);
      listeners.clear();
      for (const l of leaders.values()) await l.client.end().catch(() => undefined);
      leaders.clear();
      await pool.end().catch(() => undefined);
    },
  };
}

async function readVersion(q: Pick<pg.Pool, 'query'>): Promise<number> {
  const exists = await q.query(`SELECT to_regclass('schema_version') IS NOT NULL AS present`);
  if (!exists.rows[0]?.present) return 0;
  const r = await q.query('SELECT version FROM schema_version');
  return Number(r.rows[0]?.version ?? 0);
}

/** A fixed key for pg_advisory_xact_lock: desktops starting together migrate one after another. */
const MIGRATION_LOCK = 0x636c6e63;

export async function migratePostgres(
  pool: pg.Pool,
  list: readonly Migration[],
): Promise<{ from: number; to: number }> {
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const from = await readVersion(client);
    const to = list.length;
    if (from > to) {
      throw new AppError(
        'conflict',
        `The clinic database was set up by a newer version of Clinic Companion (schema ${from}; this app knows up to ${to}). Please update the app.`,
        { databaseVersion: from, appVersion: to },
      );
    }
    for (const m of list.slice(from)) await client.query(m.sql);
    if (from === 0) await client.query('INSERT INTO schema_version (version) VALUES ($1)', [to]);
    else if (from !== to) await client.query('UPDATE schema_version SET version = $1', [to]);
    await client.query('COMMIT');
    return { from, to };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
