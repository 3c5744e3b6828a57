// Work parked while the doctor's desktop was away (reception found no desktop holding Dr. Lee's
// sign-in and parked it) is made when that desktop comes back, with no one clicking Retry.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';
import { postgresUnavailableReason } from '../../scripts/throwaway-postgres';
import { startTestCompanion, type TestCompanion } from '../app/test-companion';
import { freshPostgresDatabase } from '../store/engines';
import { sandboxDesktop, signIn } from './clinic-setup';

const LEE = { id: 'doc-lee', displayName: 'Dr. Lee', email: 'dr.lee@sandbox.test' };
const ZONE = 'Europe/Berlin';

describe.skipIf(postgresUnavailableReason())('a desktop that comes back', () => {
  const open: TestCompanion[] = [];
  let zoom: ZoomSandbox | undefined;
  const roomDir = mkdtempSync(path.join(tmpdir(), 'cc-room-'));
  afterAll(async () => {
    for (const c of open) await c.dispose().catch(() => undefined);
    await zoom?.close();
    rmSync(roomDir, { recursive: true, force: true });
  });

  it('makes the meetings parked while it was away', async () => {
    zoom = await startZoomSandbox();
    const database = await freshPostgresDatabase();
    const common = {
      ...sandboxDesktop(zoom, ZONE),
      database,
    };
    const reception = await startTestCompanion({ ...common, desktopName: 'Reception' });
    open.push(reception);
    const { repos, store } = reception.companion.services;
    await repos.doctors.insert(LEE);
    await repos.patients.insert({ id: 'pat-1', displayName: 'Ana Patient' });
    let room = await startTestCompanion({ ...common, desktopName: 'Room 2', dataDir: roomDir });
    await signIn(room.companion, zoom, LEE);
    await room.dispose();
    // Room 2 has not been seen for ten minutes: nobody can make Dr. Lee's meetings now.
    await store.run('UPDATE desktops SET last_seen_at = ? WHERE name = ?', [
      new Date(Date.now() - 600_000).toISOString(),
      'Room 2',
    ]);

    const date = new Date(Date.now() + 30 * 3_600_000).toLocaleDateString('en-CA', { timeZone: ZONE });
    const booked = await reception.call('appointments:create', {
      doctorId: LEE.id,
      patientId: 'pat-1',
      date,
      time: '11:00',
      durationMin: 20,
      visitType: 'telemed',
    });
    await reception.companion.services.engine.drain();
    expect((await repos.mappings.get(booked.id))?.state).toBe('needs-reconnect');
    expect((await repos.outbox.forAppointment(booked.id)).map((i) => i.state)).toContain('parked');

    // Room 2 starts again (same data folder: its sign-in is there).
    room = await startTestCompanion({ ...common, desktopName: 'Room 2', dataDir: roomDir });
    open.push(room);
    let mapping = await repos.mappings.get(booked.id);
    for (let i = 0; i < 100 && mapping?.state !== 'ready'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      mapping = await repos.mappings.get(booked.id);
    }
    expect(mapping).toMatchObject({ state: 'ready' });
    expect(
      zoom.meetings().filter((m) => m.topic.includes(booked.id) || m.id === mapping?.zoomMeetingId),
    ).toHaveLength(1);
  });
});
