// Both engines for the same tests: every repository test runs on node:sqlite (a temp file) and on
// a real PostgreSQL (a throwaway server per test file, a fresh database per store). Where the
// server cannot start, the PostgreSQL half is skipped with the reason in the test output.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach } from 'vitest';
import { openStore } from '../../main/core/store/database';
import type { Migration } from '../../main/core/store/migrations';
import { openPostgresStore, type PostgresConfig, type PostgresStore } from '../../main/core/store/postgres';
import type { Engine, Store } from '../../main/core/store/sql';
import {
  postgresUnavailableReason,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../scripts/throwaway-postgres';

export interface EngineCase {
  engine: Engine;
  /** Why this engine's tests are skipped here, or undefined. */
  skip: string | undefined;
  /** A fresh, empty, migrated store (closed after the test). */
  open(options?: { migrations?: readonly Migration[] }): Promise<Store>;
}

let server: Promise<ThrowawayPostgres> | undefined;
let dbSeq = 0;

/** The file's one throwaway server (started on first use, stopped after the file). */
export function sharedPostgres(): Promise<ThrowawayPostgres> {
  server ??= startThrowawayPostgres({ name: 'tests' });
  return server;
}

/** A new empty database on the shared server, owned by the companion role; its connection config. */
export async function freshPostgresDatabase(): Promise<PostgresConfig> {
  const s = await sharedPostgres();
  const name = `t_${process.pid}_${++dbSeq}`;
  const admin = new pg.Client({
    host: s.host,
    port: s.port,
    user: s.superuser.user,
    password: s.superuser.password,
    database: 'postgres',
  });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} OWNER companion TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await admin.end();
  }
  return { host: s.host, port: s.port, database: name, user: s.user, password: s.password };
}

const opened: Store[] = [];
const dirs: string[] = [];
// Hooks of a test file's run only: the provisioning harness brings this module into
// `npm run bench` too, outside Vitest, where registering a hook throws.
if (process.env.VITEST) {
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  afterAll(async () => {
    if (server) await (await server).stop();
    server = undefined;
  });
}

const pgReason = postgresUnavailableReason();
if (pgReason) console.warn(`PostgreSQL tests skipped: ${pgReason}`);

export const ENGINES: EngineCase[] = [
  {
    engine: 'sqlite',
    skip: undefined,
    async open(options) {
      const dir = mkdtempSync(join(tmpdir(), 'cc-store-'));
      dirs.push(dir);
      const s = openStore(join(dir, 'clinic.db'), { migrations: options?.migrations });
      opened.push(s);
      return s;
    },
  },
  {
    engine: 'postgres',
    skip: pgReason,
    async open(options): Promise<PostgresStore> {
      const s = await openPostgresStore(await freshPostgresDatabase(), { migrations: options?.migrations });
      opened.push(s);
      return s;
    },
  },
];
