import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { createRepositories, openStore } from '../../main/core/store';
import { appointmentRow, dbPath, tempDirFactory } from './helpers';

const tempDir = tempDirFactory();

const plan = (db: DatabaseSync, sql: string, ...params: Array<string | number>) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
    .map((r) => r.detail)
    .join(' | ');

describe('query plans at 100,000 appointments', () => {
  it('one doctor’s day, one day for all doctors and the outbox scan are index searches, not scans', async () => {
    const store = openStore(dbPath(tempDir()));
    const repos = createRepositories(store);
    await store.transaction(async () => {
      for (let d = 0; d < 10; d++)
        await repos.doctors.insert({ id: `doc-${d}`, displayName: `Dr ${d}`, email: `d${d}@c.test` });
      await repos.patients.insert({ id: 'pat-1', displayName: 'P' });
      const start = Date.UTC(2030, 0, 1, 7);
      for (let i = 0; i < 100_000; i++) {
        const t = new Date(start + Math.floor(i / 10) * 30 * 60_000).toISOString().slice(0, 19);
        const a = await repos.appointments.insert(
          appointmentRow({ id: `a${i}`, doctorId: `doc-${i % 10}`, startUtc: `${t}Z`, reference: `CC-${i}` }),
        );
        if (i % 5 === 0)
          await repos.outbox.enqueue({
            appointmentId: a.id,
            op: 'ensure',
            reference: a.reference,
            payload: {},
          });
      }
    });
    store.db.exec('ANALYZE');
    const { db } = store;
    const from = '2030-03-01T00:00:00Z';
    const to = '2030-03-02T00:00:00Z';

    const doctorDay = plan(
      db,
      'SELECT * FROM appointments WHERE doctor_id = ? AND start_utc >= ? AND start_utc < ? AND deleted_at IS NULL ORDER BY start_utc, id',
      'doc-3',
      from,
      to,
    );
    expect(doctorDay).toMatch(
      /SEARCH appointments USING INDEX appointments_doctor_start \(doctor_id=\? AND start_utc>\? AND start_utc<\?\)/,
    );

    const day = plan(
      db,
      'SELECT * FROM appointments WHERE start_utc >= ? AND start_utc < ? AND deleted_at IS NULL ORDER BY start_utc, id',
      from,
      to,
    );
    expect(day).toMatch(
      /SEARCH appointments USING INDEX appointments_start \(start_utc>\? AND start_utc<\?\)/,
    );

    const scan = plan(
      db,
      `SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
      '2030-01-01T00:00:00Z',
      20,
    );
    expect(scan).toMatch(/SEARCH outbox USING INDEX outbox_scan \(state=\? AND next_attempt_at<\?\)/);

    for (const p of [doctorDay, day, scan]) expect(p).not.toMatch(/SCAN (appointments|outbox)\b(?! USING)/);
    // The repository answers the same queries.
    expect(await repos.appointments.listDoctorRange('doc-3', from, to)).toHaveLength(48);
    expect(await repos.appointments.listRange(from, to)).toHaveLength(480);
    void store.close(); // SQLite closes at once
  });
});
