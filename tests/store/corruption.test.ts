import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors';
import { createRepositories, openStore } from '../../main/core/store';
import { appointmentRow, dbPath, tempDirFactory } from './helpers';

const tempDir = tempDirFactory();
const now = () => new Date('2030-01-02T03:04:05.678Z');

function openError(path: string): AppError {
  try {
    void openStore(path, { now }).close();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected openStore to fail');
}

describe('a damaged database', () => {
  it('a file that is not a database is set aside with a timestamp and reported, not replaced', () => {
    const dir = tempDir();
    const path = dbPath(dir);
    const garbage = Buffer.from('these are the minutes of the staff meeting, not a database\n'.repeat(200));
    writeFileSync(path, garbage);

    const error = openError(path);
    expect(error).toBeInstanceOf(AppError);
    expect(error.kind).toBe('internal');
    expect(error.message).toMatch(/damaged|not a Clinic Companion database/);
    const movedTo = String(error.details.movedTo);
    expect(movedTo).toBe(`${path}.corrupt-2030-01-02T03-04-05-678Z`);
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(movedTo).equals(garbage)).toBe(true);
  });

  it('a database with damaged pages is caught at open, set aside, and the next open starts empty', async () => {
    const dir = tempDir();
    const path = dbPath(dir);
    const store = openStore(path);
    const repos = createRepositories(store);
    await repos.doctors.insert({ id: 'doc-1', displayName: 'Dr. Lee', email: 'lee@clinic.test' });
    await repos.patients.insert({ id: 'pat-1', displayName: 'Ana Patient' });
    await store.transaction(async () => {
      for (let i = 0; i < 2000; i++)
        await repos.appointments.insert(appointmentRow({ notes: 'x'.repeat(50) }));
    });
    store.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    await store.close();

    // Scribble over the middle of the file: b-tree pages, not the header.
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(16384, 0xa5), 0, 16384, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);

    const error = openError(path);
    expect(error.kind).toBe('internal');
    expect(existsSync(String(error.details.movedTo))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-'))).not.toHaveLength(0);

    const fresh = openStore(path);
    expect(await createRepositories(fresh).doctors.list()).toEqual([]);
    void fresh.close(); // SQLite closes at once
  });

  it('the WAL and shared-memory files move aside with the database', () => {
    const dir = tempDir();
    const path = dbPath(dir);
    writeFileSync(path, Buffer.alloc(8192, 0x42));
    writeFileSync(`${path}-wal`, Buffer.alloc(100, 1));
    const error = openError(path);
    expect(existsSync(`${error.details.movedTo}-wal`)).toBe(true);
    expect(existsSync(join(dir, 'clinic.db-wal'))).toBe(false);
  });
});
