// Zoom changed behind the companion's back: reconcile() repairs it; and a meeting queued for
// deletion is never taken back as an appointment's meeting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../main/core/app/services';
import { DOCTORS, type Harness, startHarness, utc } from './harness';

let h: Harness;
let s: Services;
beforeAll(async () => {
  h = await startHarness();
  s = await h.open();
  await h.connect(s, 'lee');
  await h.connect(s, 'patel');
});
afterAll(async () => {
  h.assertNoPatientDataOnZoom();
  h.assertNoStartUrlOnDisk();
  await h.close();
});

const upcoming = () => ({
  fromUtc: utc(h.clock.ms() - 3_600_000),
  toUtc: utc(h.clock.ms() + 30 * 86_400_000),
});

describe('reconcile', () => {
  it('recreates a meeting deleted on Zoom', async () => {
    const a = await h.book(s, { hoursAhead: 10 });
    await s.engine.drain();
    const gone = h.meetingsFor(a.reference)[0]!.id;
    h.sandbox.deleteMeetingAsZoom(gone);
    expect(await s.engine.reconcile(upcoming())).toBe(1);
    await h.settle(s);
    const now = h.meetingsFor(a.reference);
    expect(now).toHaveLength(1);
    expect(now[0]!.id).not.toBe(gone);
    expect(await h.mapping(s, a.id)).toMatchObject({ state: 'ready', zoomMeetingId: now[0]!.id });
  });

  it('puts back a meeting whose time was changed on Zoom', async () => {
    const a = await h.book(s, { hoursAhead: 12 });
    await s.engine.drain();
    const m = h.meetingsFor(a.reference)[0]!;
    h.sandbox.updateMeetingAsZoom(m.id, {
      start_time: utc(Date.parse(a.startUtc) + 7_200_000),
      duration: 90,
    });
    expect(await s.engine.reconcile(upcoming())).toBe(1);
    await h.settle(s);
    expect(h.meetingsFor(a.reference)).toEqual([
      expect.objectContaining({ id: m.id, start_time: a.startUtc, duration: a.durationMin }),
    ]);
  });

  it('turns the waiting room back on when it was switched off on Zoom', async () => {
    const a = await h.book(s, { hoursAhead: 14 });
    await s.engine.drain();
    const m = h.meetingsFor(a.reference)[0]!;
    h.sandbox.updateMeetingAsZoom(m.id, {
      settings: { ...m.settings, waiting_room: false, join_before_host: true },
    });
    expect(await s.engine.reconcile(upcoming())).toBe(1);
    await h.settle(s);
    const [after] = h.meetingsFor(a.reference);
    expect(after).toMatchObject({ id: m.id });
    expect(after!.settings).toMatchObject({ waiting_room: true, join_before_host: false });
  });

  it('leaves matching meetings alone', async () => {
    await h.settle(s);
    const before = h.sandbox.stats();
    expect(await s.engine.reconcile(upcoming())).toBe(0);
    await s.engine.drain();
    const after = h.sandbox.stats();
    expect([after.creates, after.updates, after.deletes]).toEqual([
      before.creates,
      before.updates,
      before.deletes,
    ]);
  });
});

describe('a doctor changed twice while the old meeting could not be deleted yet', () => {
  it('the meeting waiting for deletion is not adopted back; the visit ends with a live meeting', async () => {
    let a = await h.book(s, { hoursAhead: 14 });
    await s.engine.drain();
    const first = h.meetingsFor(a.reference)[0]!.id;
    // Dr. Lee's deletes fail for now (each try and the client's three retries).
    const fault = h.sandbox.faults.add({
      method: 'DELETE',
      path: '/v2/meetings/*',
      user: DOCTORS.lee.email,
      effect: { kind: 'status', status: 503 },
    });
    a = (await s.book.changeDoctor(a.id, a.version, DOCTORS.patel.id, { actor: 'front-desk' })).appointment;
    await s.engine.drain();
    expect(h.meetingsFor(a.reference).map((m) => m.id)).toContain(first);
    a = (await s.book.changeDoctor(a.id, a.version, DOCTORS.lee.id, { actor: 'front-desk' })).appointment;
    await s.engine.drain();
    h.sandbox.faults.remove(fault);
    await h.settle(s);
    const live = h.meetingsFor(a.reference);
    expect(live).toHaveLength(1);
    expect(live[0]!.host_email).toBe(DOCTORS.lee.email);
    expect(await h.mapping(s, a.id)).toMatchObject({
      state: 'ready',
      doctorId: DOCTORS.lee.id,
      zoomMeetingId: live[0]!.id,
    });
  }, 60_000);
});
