// `--check` on a desktop of a clinic of desktops, against a real PostgreSQL: the server (never a
// password), the connection (TLS, version), the schema against this app's, and each desktop with
// when it was last seen in the clinic's time zone; an away server is a problem, a newer schema
// stops this app (exit 2), and the check itself never changes the server's schema.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../main/core/app/services';
import type { DatabasePolicy } from '../../main/core/clinic/database-config';
import { setDatabasePassword } from '../../main/core/clinic/database-password';
import { gatherHealth } from '../../main/core/deploy/gather-health';
import { healthReport } from '../../main/core/deploy/health';
import { lastSeenWords } from '../../main/core/deploy/last-seen';
import { silentLogger } from '../../main/core/logging/logger';
import { createRepositories } from '../../main/core/store';
import { openPostgresStore, type PostgresConfig } from '../../main/core/store/postgres';
import { postgresMigrations } from '../../main/core/store/postgres-migrations';
import { createCredentialVault, createDevFileCipher } from '../../main/core/vault';
import { postgresUnavailableReason, startThrowawayPostgres } from '../../scripts/throwaway-postgres';
import { freshPostgresDatabase } from '../store/engines';
import { seedDataDir, tempDir } from './seed';

const pgSkip = postgresUnavailableReason();
const APP_SCHEMA = postgresMigrations.length;
// The check runs at 10:45 in Berlin (CET in January); Reception was seen at 10:42.
const CHECKED_AT = new Date('2030-01-07T09:45:00Z');
const minutesBefore = (m: number) => new Date(CHECKED_AT.getTime() - m * 60_000);

function policyFor(c: PostgresConfig, extra: Partial<DatabasePolicy> = {}): DatabasePolicy {
  return {
    engine: 'postgres',
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    allowUnencrypted: true,
    desktopName: 'Reception',
    ...extra,
  };
}

/** A data folder whose desktop has IT's password in its vault (tried against the server first). */
async function desktopFolder(database: DatabasePolicy, password: string): Promise<string> {
  const dataDir = tempDir('cc-clinic-');
  const vault = createCredentialVault({ dataDir, cipher: createDevFileCipher(dataDir) });
  const r = await setDatabasePassword(vault, database, password, { verify: false });
  expect(r.stored).toBe(true);
  return dataDir;
}

function writePolicy(policy: object): string {
  const file = path.join(tempDir('cc-policy-'), 'policy.json');
  writeFileSync(file, JSON.stringify(policy));
  return file;
}

async function check(dataDir: string, policy: object) {
  const policyFile = writePolicy(policy);
  const g = await gatherHealth({
    appVersion: '1.2.3',
    platform: 'linux',
    env: {},
    dataDir,
    logDir: path.join(dataDir, 'logs'),
    policyFile,
    cipher: createDevFileCipher(dataDir),
    clock: () => CHECKED_AT,
  });
  return { ...healthReport(g.facts), facts: g.facts };
}

/** This desktop started on the server 3 minutes before the check; Room 2 was last seen 12 days ago. */
async function clinicWithDesktops(c: PostgresConfig, dataDir: string, database: DatabasePolicy) {
  const s = await createServices({
    dataDir,
    env: {},
    policy: { database },
    cipher: createDevFileCipher(dataDir),
    logger: silentLogger,
    appVersion: '1.2.3',
    now: () => minutesBefore(3),
  });
  try {
    await s.repos.doctors.insert({ id: 'doc-lee', displayName: 'Dr. Lee', email: 'lee@clinic.test' });
    // What the clinic link's presence does at start.
    await s.repos.desktops.seen({
      id: s.desktop.id,
      name: s.desktop.name,
      appVersion: '1.2.3',
      schemaVersion: APP_SCHEMA,
    });
  } finally {
    await s.dispose();
  }
  const store = await openPostgresStore(c);
  try {
    const room2 = createRepositories(store, () => new Date('2029-12-26T08:00:00Z'), 'room-2');
    await room2.desktops.seen({
      id: 'room-2',
      name: 'Room 2',
      appVersion: '1.1.0',
      schemaVersion: APP_SCHEMA,
      started: true,
    });
  } finally {
    await store.close();
  }
}

async function setServerSchema(c: PostgresConfig, version: number) {
  const client = new pg.Client({
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    password: c.password,
  });
  await client.connect();
  try {
    await client.query('UPDATE schema_version SET version = $1', [version]);
  } finally {
    await client.end();
  }
}

describe('last seen, in words', () => {
  it('minutes, hours and days ago, in the clinic zone with its abbreviation', () => {
    const at = '2030-01-07T09:45:00.000Z';
    expect(lastSeenWords('2030-01-07T09:42:00.000Z', at, 'Europe/Berlin')).toBe('3 min ago (10:42 CET)');
    expect(lastSeenWords('2030-01-07T09:44:40.000Z', at, 'Europe/Berlin')).toBe('just now (10:44 CET)');
    expect(lastSeenWords('2030-01-07T04:45:00.000Z', at, 'America/New_York')).toBe(
      '5 h ago (2030-01-06 23:45 EST)',
    );
    expect(lastSeenWords('2029-12-26T08:00:00.000Z', at, 'Asia/Kolkata')).toBe(
      '12 days ago (2029-12-26 13:30 IST)',
    );
    expect(lastSeenWords('2030-01-07T10:15:00.000Z', at, 'Europe/Berlin')).toBe(
      "11:15 CET, 30 min ahead of this desktop's clock",
    );
  });
});

describe('the embedded engine', () => {
  it("names this desktop's own database file", async () => {
    const dataDir = await seedDataDir({ reconnectNeeded: false });
    const r = await check(dataDir, {});
    expect(r.text).toContain(
      `info    database: this desktop's own file ${path.join(dataDir, 'companion.db')}`,
    );
    expect(r.exitCode).toBe(0);
  });
});

describe.skipIf(pgSkip)('a clinic of desktops on PostgreSQL', () => {
  it('reports the server, the schema and each desktop last seen, this one marked; never the password', async () => {
    const c = await freshPostgresDatabase();
    const database = policyFor(c);
    const dataDir = await desktopFolder(database, c.password!);
    await clinicWithDesktops(c, dataDir, database);

    const r = await check(dataDir, { database, clinicTimeZone: 'Europe/Berlin' });
    const server = `postgres://companion@127.0.0.1:${c.port}/${c.database}`;
    expect(r.text).toMatch(
      new RegExp(
        `ok {6}clinic database: ${server.replaceAll('.', '\\.')}: connected \\(not encrypted \\(the policy allows it: allowUnencrypted\\), PostgreSQL \\d+[.\\d]*\\)`,
      ),
    );
    expect(r.text).toContain(`ok      schema: ${APP_SCHEMA} on the server, ${APP_SCHEMA} in this app`);
    expect(r.text).toContain('info    desktops on the clinic database (times in Europe/Berlin):');
    expect(r.text).toContain(
      'info      Reception (this desktop): app 1.2.3, last seen 3 min ago (10:42 CET)',
    );
    expect(r.text).toContain('info      Room 2: app 1.1.0, last seen 12 days ago (2029-12-26 09:00 CET)');
    // The doctors and the outbox are read from the server too.
    expect(r.text).toContain('info    Zoom connections: none yet');
    expect(r.text).toContain('ok      outbox: 0 pending, 0 parked, 0 clean-up');
    expect(r.exitCode).toBe(0);
    expect(r.text + JSON.stringify(r.facts)).not.toContain(c.password!);
  });

  it('an unreachable server is a problem in words; a desktop without the password is told how to set it', async () => {
    const c = await freshPostgresDatabase();
    const s = await startThrowawayPostgres({ name: 'check-away' });
    const database = policyFor({ ...c, port: s.port });
    const dataDir = await desktopFolder(database, c.password!);
    await s.stop();

    const away = await check(dataDir, { database });
    expect(away.exitCode).toBe(1);
    expect(away.problems).toEqual([
      `clinic database: postgres://companion@127.0.0.1:${s.port}/${c.database}: The server is unreachable: nothing answers at 127.0.0.1:${s.port} (connection refused). Is PostgreSQL running and listening on that address (listen_addresses), and is the port open in the firewall?`,
    ]);
    expect(away.text).toContain('info    doctors and outbox: not read (the clinic database was not reached)');

    const noPassword = await check(tempDir('cc-clinic-'), { database: policyFor(c) });
    expect(noPassword.exitCode).toBe(1);
    expect(noPassword.problems[0]).toMatch(
      /No password for the clinic database is stored on this desktop.*--set-database-password/,
    );

    const wrong = await desktopFolder(policyFor(c), 'not-the-password');
    const refused = await check(wrong, { database: policyFor(c) });
    expect(refused.exitCode).toBe(1);
    expect(refused.problems[0]).toMatch(/refused the password of "companion" \(wrong password\)/);
  }, 60_000);

  it('a schema newer than this app stops it (exit 2); an older one is left for the app to upgrade', async () => {
    const c = await freshPostgresDatabase();
    const database = policyFor(c);
    const dataDir = await desktopFolder(database, c.password!);
    await clinicWithDesktops(c, dataDir, database);

    await setServerSchema(c, APP_SCHEMA + 1);
    const newer = await check(dataDir, { database, clinicTimeZone: 'Europe/Berlin' });
    expect(newer.exitCode).toBe(2);
    expect(newer.text).toContain(
      `PROBLEM schema: ${APP_SCHEMA + 1} on the server, but this app knows only up to ${APP_SCHEMA}: a newer Clinic Companion set up the clinic database, and this one cannot use it until it is updated`,
    );
    expect(newer.text).toMatch(/update Clinic Companion on this desktop\.\n$/);
    // Every desktop's app is behind that server.
    expect(newer.text).toContain(
      "Room 2: app 1.1.0, last seen 12 days ago (2029-12-26 09:00 CET); its app is older than the server's schema: update it",
    );

    await setServerSchema(c, APP_SCHEMA - 1);
    const older = await check(dataDir, { database });
    expect(older.exitCode).toBe(0);
    expect(older.text).toContain(
      `info    schema: ${APP_SCHEMA - 1} on the server, ${APP_SCHEMA} in this app: this desktop upgrades it`,
    );
    // The check read the server and changed nothing: the schema is still the older one.
    const store = await openPostgresStore(c, { migrations: postgresMigrations.slice(0, APP_SCHEMA - 1) });
    try {
      expect(await store.schemaVersion()).toBe(APP_SCHEMA - 1);
    } finally {
      await store.close();
    }
  });

  it('npm run check as IT runs it: the clinic server over TLS', async () => {
    const server = await startThrowawayPostgres({ name: 'check-tls', tls: true });
    try {
      const caFile = path.join(tempDir('cc-ca-'), 'server.crt');
      writeFileSync(caFile, server.caPem!);
      const database: DatabasePolicy = {
        engine: 'postgres',
        host: server.host,
        port: server.port,
        database: server.database,
        user: server.user,
        tls: { caFile },
        desktopName: 'Reception',
      };
      const dataDir = await desktopFolder(database, server.password);
      const policyFile = writePolicy({ database, clinicTimeZone: 'Europe/Berlin' });
      const r = spawnSync(
        path.resolve('node_modules/.bin/tsx'),
        ['scripts/check.ts', `--data-dir=${dataDir}`],
        {
          encoding: 'utf8',
          env: { ...process.env, CLINIC_COMPANION_POLICY: policyFile },
          timeout: 60_000,
        },
      );
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(
        new RegExp(
          `ok {6}clinic database: postgres://companion@127\\.0\\.0\\.1:${server.port}/clinic: connected \\(TLS 1\\.[23], PostgreSQL`,
        ),
      );
      // A new server: the first desktop to start creates the tables.
      expect(r.stdout).toContain(
        `info    schema: none on the server yet (the first desktop to start creates schema ${APP_SCHEMA})`,
      );
      expect(r.stdout).toContain(
        'info      Reception (this desktop): has not started on the clinic database yet',
      );
      expect(r.stdout).toContain(
        'info    doctors and outbox: not read (no desktop has started on the server yet)',
      );
      expect(r.stdout).not.toContain(server.password);
      expect(r.status).toBe(0);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
