import { readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors';
import { createRepositories, openStore } from '../../main/core/store';
import { appointmentsRepository } from '../../main/core/store/appointments';
import { doctorsRepository } from '../../main/core/store/doctors';
import { readUserVersion } from '../../main/core/store/migrate';
import { migrations, SCHEMA_VERSION } from '../../main/core/store/migrations';
import { patientsRepository } from '../../main/core/store/patients';
import { appointmentRow, dbPath, tempDirFactory } from './helpers';

const tempDir = tempDirFactory();

const tables = (db: DatabaseSync) =>
  (
    db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as Array<{
      name: string;
    }>
  )
    .map((r) => r.name)
    .filter((n) => !n.startsWith('sqlite_'));

describe('migrations', () => {
  it('an empty file is migrated to the current schema with WAL and foreign keys on', () => {
    const store = openStore(dbPath(tempDir()));
    expect(readUserVersion(store.db)).toBe(SCHEMA_VERSION);
    // Later migrations (e.g. the provisioning engine's) may add tables; these must all be there.
    expect(tables(store.db)).toEqual(
      expect.arrayContaining([
        'appointments',
        'audit_log',
        'doctors',
        'meeting_mappings',
        'outbox',
        'patients',
        'settings',
        'sync_state',
      ]),
    );
    expect(store.db.prepare('PRAGMA journal_mode').get()).toMatchObject({ journal_mode: 'wal' });
    expect(store.db.prepare('PRAGMA foreign_keys').get()).toMatchObject({ foreign_keys: 1 });
    expect(Number((store.db.prepare('PRAGMA busy_timeout').get() as { timeout: number }).timeout)).toBe(5000);
    void store.close(); // SQLite closes at once
  });

  it.each(migrations.slice(0, -1).map((m) => m.version))(
    'a database at schema %i is upgraded to the current schema and keeps its appointments',
    async (version) => {
      const path = dbPath(tempDir());
      const old = openStore(path, { migrations: migrations.slice(0, version) });
      expect(readUserVersion(old.db)).toBe(version);
      // Only repositories whose tables exist at every version: the oldest schema's.
      const clock = () => new Date();
      await doctorsRepository(old, clock).insert({
        id: 'doc-1',
        displayName: 'Dr. Lee',
        email: 'lee@clinic.test',
      });
      await patientsRepository(old, clock).insert({ id: 'pat-1', displayName: 'Ana Patient' });
      await appointmentsRepository(old, clock).insert(appointmentRow({ id: 'kept' }));
      await old.close();

      const store = openStore(path);
      expect(readUserVersion(store.db)).toBe(SCHEMA_VERSION);
      expect((await createRepositories(store).appointments.get('kept'))?.doctorId).toBe('doc-1');
      await store.close();
    },
  );

  it('reopening a current database changes nothing', () => {
    const path = dbPath(tempDir());
    void openStore(path).close();
    const store = openStore(path);
    expect(readUserVersion(store.db)).toBe(SCHEMA_VERSION);
    void store.close(); // SQLite closes at once
  });

  it('a database from a newer app is refused, names both versions and is left untouched', () => {
    const path = dbPath(tempDir());
    void openStore(path).close();
    const raw = new DatabaseSync(path);
    raw.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 2}`);
    raw.close();
    const before = readFileSync(path);

    let error: unknown;
    try {
      openStore(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('conflict');
    expect((error as AppError).message).toContain(`schema ${SCHEMA_VERSION + 2}`);
    expect((error as AppError).message).toContain(`up to ${SCHEMA_VERSION}`);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('a migration that fails leaves the database at its previous version with nothing half-applied', () => {
    const path = dbPath(tempDir());
    const broken = [
      ...migrations.slice(0, 1),
      { version: 2, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); THIS IS NOT SQL;' },
    ];
    expect(() => openStore(path, { migrations: broken })).toThrow();
    const raw = new DatabaseSync(path);
    expect(readUserVersion(raw)).toBe(0);
    expect(tables(raw)).toEqual([]);
    raw.close();
  });

  it('no table has a column for start URLs', () => {
    const store = openStore(dbPath(tempDir()));
    for (const table of tables(store.db)) {
      const columns = store.db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
      for (const { name } of columns) expect(name).not.toMatch(/start_?url/i);
    }
    void store.close(); // SQLite closes at once
  });
});
