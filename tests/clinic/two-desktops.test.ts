// Two desktops of one clinic on a real PostgreSQL and one Zoom sandbox: reception books, the
// doctor's desktop (where the doctor signed in to Zoom) makes the meeting, and reception sees the
// join link by push, without polling and without making a meeting of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';
import type { EventName } from '../../preload/contract';
import { postgresUnavailableReason } from '../../scripts/throwaway-postgres';
import { startTestCompanion, type TestCompanion } from '../app/test-companion';
import { freshPostgresDatabase } from '../store/engines';
import { sandboxDesktop, signIn } from './clinic-setup';

const skip = postgresUnavailableReason();
const ZONE = 'Europe/Berlin';
const LEE = { id: 'doc-lee', displayName: 'Dr. Lee', email: 'dr.lee@sandbox.test' };

describe.skipIf(skip)('a clinic of two desktops on one PostgreSQL server', () => {
  let zoom: ZoomSandbox;
  let reception: TestCompanion;
  let room: TestCompanion;
  const receptionEvents: Array<{ at: number; event: EventName }> = [];

  beforeAll(async () => {
    zoom = await startZoomSandbox();
    const database = await freshPostgresDatabase();
    const common = {
      ...sandboxDesktop(zoom, ZONE),
      database,
    };
    reception = await startTestCompanion({ ...common, desktopName: 'Reception' });
    room = await startTestCompanion({ ...common, desktopName: 'Room 2' });
    reception.companion.onEvent((event) => receptionEvents.push({ at: Date.now(), event }));
    const { repos } = reception.companion.services;
    await repos.doctors.insert(LEE);
    await repos.patients.insert({ id: 'pat-1', displayName: 'Ana Patient', email: 'ana@mail.test' });
    // Dr. Lee signs in to Zoom in Room 2 only.
    await signIn(room.companion, zoom, LEE);
  });

  afterAll(async () => {
    await reception?.dispose();
    await room?.dispose();
    await zoom?.close();
  });

  it('shares doctors and patients: what one desktop adds, the other lists', async () => {
    const doctors = await room.call('doctors:list', {});
    expect(doctors.map((d) => d.displayName)).toContain('Dr. Lee');
  });

  it('a visit booked at reception gets its meeting from the doctor’s desktop, and reception shows its join link by push', async () => {
    const start = new Date(Date.now() + 26 * 3_600_000);
    const date = start.toLocaleDateString('en-CA', { timeZone: ZONE });
    const booked = await reception.call('appointments:create', {
      doctorId: LEE.id,
      patientId: 'pat-1',
      date,
      time: '10:30',
      durationMin: 30,
      visitType: 'telemed',
    });
    const bookedAt = Date.now();
    const joinLink = async () =>
      (await reception.call('appointments:listDay', { date })).appointments.find((a) => a.id === booked.id)
        ?.meeting.joinUrl ?? null;
    // Reception reads again only when told: wait for pushes, not by polling the server ourselves.
    let link: string | null = null;
    for (let i = 0; i < 100 && !link; i++) {
      await new Promise((r) => setTimeout(r, 50));
      if (receptionEvents.some((e) => e.event === 'appointments:changed' && e.at > bookedAt))
        link = await joinLink();
    }
    expect(link).toMatch(/^https?:\/\/.+\/j\//);
    expect(Date.now() - bookedAt).toBeLessThan(5_000);
    // Made once, by Room 2: the only desktop holding Dr. Lee's sign-in.
    const creates = zoom
      .requests()
      .filter((r) => r.route === 'POST /v2/users/{userId}/meetings' && (r.status ?? 0) < 300);
    expect(creates).toHaveLength(1);
    const audit = await reception.companion.services.repos.audit.forEntity('appointment', booked.id);
    expect(audit.map((a) => a.action)).toContain('meeting.created');
  });

  it('reception knows which desktop makes Dr. Lee’s meetings', async () => {
    const presence = reception.companion.services.clinic!.presence;
    expect(await presence.route(LEE.id)).toBe('elsewhere');
    expect(await room.companion.services.clinic!.presence.route(LEE.id)).toBe('here');
    expect((await presence.expectedDesktops(LEE.id)).map((d) => d.name)).toEqual(['Room 2']);
  });

  it('the clinic’s settings are shared: a change at reception reaches the room by push', async () => {
    const roomEvents: string[] = [];
    const off = room.companion.onEvent((event) => roomEvents.push(event));
    await reception.companion.services.settings.apply({ clinicName: 'Lindenhof Praxis', autoLockMinutes: 7 });
    for (let i = 0; i < 40 && !roomEvents.includes('settings:changed'); i++)
      await new Promise((r) => setTimeout(r, 50));
    off();
    expect(roomEvents).toContain('settings:changed');
    expect(room.companion.services.settings.get()).toMatchObject({
      clinicName: 'Lindenhof Praxis',
      autoLockMinutes: 7,
    });
    // This desktop's own choice (how Zoom sign-in returns) stays on this desktop.
    await reception.companion.services.settings.apply({ redirectMode: 'scheme' });
    await room.companion.services.settings.refreshShared();
    expect(room.companion.services.settings.get().redirectMode).toBe('loopback');
  });

  it('the status names the shared server and this desktop', async () => {
    const status = await reception.call('app:getStatus', {});
    expect(status.database).toMatchObject({
      shared: true,
      desktop: 'Reception',
      connected: true,
      awaySince: null,
    });
    expect(status.database.server).toMatch(/^postgres:\/\/companion@127\.0\.0\.1:\d+\//);
    // The server is named without its password.
    const { password } = reception.companion.services.store as unknown as { password?: string };
    expect(password).toBeUndefined();
    expect(status.database.server).not.toMatch(/:[^/@]*@/);
  });
});
