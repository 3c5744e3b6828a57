// Zoom down, the daily limit reached, a revoked connection: work waits in the outbox with words
// for people, nothing loops, and it drains when Zoom (or the doctor) is back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../main/core/app/services';
import { DOCTORS, type Harness, startHarness, utc } from './harness';

let h: Harness;
let s: Services;
beforeEach(async () => {
  h = await startHarness();
  s = await h.open();
  await h.connect(s, 'lee');
  await h.connect(s, 'patel');
});
afterEach(async () => {
  h.assertNoPatientDataOnZoom();
  h.assertNoStartUrlOnDisk();
  await h.close();
});

const posts = () => h.sandbox.stats().byRoute['POST /v2/users/{userId}/meetings'] ?? 0;
const outbox = async (id: string) => (await s.repos.outbox.forAppointment(id)).at(-1)!;

describe('Zoom answers 503 to everything', () => {
  it('work waits in the outbox with the problem shown, then drains once Zoom answers', async () => {
    const down = h.sandbox.faults.add({ path: '/v2/**', effect: { kind: 'status', status: 503 } });
    const a = await h.book(s, { hoursAhead: 6 });
    const b = await h.book(s, { hoursAhead: 7, doctor: 'patel' });
    await s.engine.drain();
    expect(await h.mapping(s, a.id)).toMatchObject({
      state: 'creating',
      lastErrorMessage: expect.stringMatching(/Zoom cannot be reached/),
    });
    expect(await outbox(a.id)).toMatchObject({ state: 'pending' });
    expect(Date.parse((await outbox(a.id)).nextAttemptAt)).toBeGreaterThan(h.clock.ms());
    // Draining again before the back-off is up does not call Zoom: no loop.
    const requests = h.sandbox.stats().requests;
    for (let i = 0; i < 5; i++) await s.engine.drain();
    expect(h.sandbox.stats().requests).toBe(requests);

    h.sandbox.faults.remove(down);
    await h.settle(s);
    for (const x of [a, b]) {
      expect(h.meetingsFor(x.reference)).toHaveLength(1);
      expect(await h.mapping(s, x.id)).toMatchObject({ state: 'ready', lastErrorMessage: null });
    }
  }, 60_000);
});

describe('Zoom unreachable (connections dropped)', () => {
  it('the engine goes offline, and the first answer wakes everything that waits', async () => {
    const down = h.sandbox.faults.add({ path: '/v2/**', effect: { kind: 'drop' } });
    const waiting = [await h.book(s, { hoursAhead: 6 }), await h.book(s, { hoursAhead: 8 })];
    await s.engine.drain();
    expect(s.engine.online).toBe(false);
    h.sandbox.faults.remove(down);
    // No clock moves: the new visit's success marks Zoom online and wakes the others at once.
    const fresh = await h.book(s, { hoursAhead: 9, doctor: 'patel' });
    await s.engine.drain();
    expect(s.engine.online).toBe(true);
    for (const x of [...waiting, fresh]) expect(h.meetingsFor(x.reference)).toHaveLength(1);
    expect((await s.engine.queueDepth()).pending).toBe(0);
  }, 60_000);
});

describe("Zoom's daily limit", () => {
  const nextMidnight = (ms: number) => {
    const d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
  };

  it('waits until 00:00 UTC, without retrying in a loop, then continues', async () => {
    const limit = h.sandbox.faults.add({
      method: 'POST',
      path: '/v2/users/*/meetings',
      user: DOCTORS.lee.email,
      effect: { kind: 'daily-limit' },
    });
    const day = [
      await h.book(s, { hoursAhead: 30 }),
      await h.book(s, { hoursAhead: 31 }),
      await h.book(s, { hoursAhead: 32 }),
    ];
    await s.engine.drain();
    expect(posts()).toBe(3);
    const midnight = nextMidnight(h.clock.ms());
    for (const a of day) {
      expect(Date.parse((await outbox(a.id)).nextAttemptAt)).toBe(midnight);
      expect((await h.mapping(s, a.id))?.lastErrorMessage).toMatch(/after midnight UTC/);
    }
    // Time passes within the day (up to a minute before midnight): not one more POST.
    h.clock.advance(Math.min(3 * 3_600_000, midnight - h.clock.ms() - 60_000));
    for (let i = 0; i < 5; i++) await s.engine.drain();
    expect(posts()).toBe(3);

    h.sandbox.faults.remove(limit);
    h.clock.advance(midnight - h.clock.ms() + 1_000);
    await s.engine.drain();
    for (const a of day) expect(h.meetingsFor(a.reference)).toHaveLength(1);
    expect(posts()).toBe(6);
  });

  it('another doctor coming back online does not wake work waiting for midnight', async () => {
    const limit = h.sandbox.faults.add({
      method: 'POST',
      path: '/v2/users/*/meetings',
      user: DOCTORS.lee.email,
      effect: { kind: 'daily-limit' },
    });
    const leePosts = () => h.sandbox.faults.list().find((f) => f.id === limit)!.fired;
    const a = await h.book(s, { hoursAhead: 30 });
    await s.engine.drain();
    expect(leePosts()).toBe(1);
    // A network blip for Dr. Patel: offline, then online again.
    const blip = h.sandbox.faults.add({
      path: '/v2/**',
      user: DOCTORS.patel.email,
      effect: { kind: 'drop' },
    });
    await h.book(s, { hoursAhead: 31, doctor: 'patel' });
    await s.engine.drain();
    expect(s.engine.online).toBe(false);
    h.sandbox.faults.remove(blip);
    await h.book(s, { hoursAhead: 32, doctor: 'patel' });
    await s.engine.drain();
    expect(s.engine.online).toBe(true);
    expect(h.sandbox.meetings().filter((m) => m.host_email === DOCTORS.patel.email)).toHaveLength(2);
    // Dr. Lee's visit still waits for midnight: not one more POST.
    expect(leePosts()).toBe(1);
    expect(await outbox(a.id)).toMatchObject({ attempts: 1, state: 'pending' });
  }, 60_000);
});

describe('a revoked connection', () => {
  it("flags the visit 'needs-reconnect', parks the work without looping, and resumes on reconnect", async () => {
    h.sandbox.revokeUserTokens(DOCTORS.lee.email);
    const a = await h.book(s, { hoursAhead: 5 });
    await s.engine.drain();
    expect(await h.mapping(s, a.id)).toMatchObject({
      state: 'needs-reconnect',
      lastErrorMessage: expect.stringMatching(/Dr\. Lee must reconnect Zoom/),
    });
    expect((await outbox(a.id)).state).toBe('parked');
    expect((await s.engine.queueDepth()).parked).toBe(1);
    const requests = h.sandbox.stats().requests;
    h.clock.advance(3_600_000);
    for (let i = 0; i < 5; i++) await s.engine.drain();
    expect(h.sandbox.stats().requests).toBe(requests);
    expect(h.meetingsFor(a.reference)).toHaveLength(0);

    await h.connect(s, 'lee');
    await s.engine.drain();
    expect(h.meetingsFor(a.reference)).toHaveLength(1);
    expect(await h.mapping(s, a.id)).toMatchObject({ state: 'ready', lastErrorMessage: null });
    expect(await s.engine.queueDepth()).toEqual({ pending: 0, parked: 0, cleanup: 0 });
  });
});

describe('changes while the connection is revoked', () => {
  it('a reschedule and a cancellation wait, flagged, and reach Zoom once the doctor reconnects', async () => {
    let moved = await h.book(s, { hoursAhead: 5 });
    let gone = await h.book(s, { hoursAhead: 6 });
    await s.engine.drain();
    const movedId = h.meetingsFor(moved.reference)[0]!.id;
    const goneId = h.meetingsFor(gone.reference)[0]!.id;
    h.sandbox.revokeUserTokens(DOCTORS.lee.email);
    const ctx = { actor: 'front-desk' } as const;
    moved = (
      await s.book.reschedule(
        moved.id,
        moved.version,
        { startUtc: utc(Date.parse(moved.startUtc) + 3_600_000) },
        ctx,
      )
    ).appointment;
    gone = (await s.book.cancel(gone.id, gone.version, ctx)).appointment;
    await s.engine.drain();
    expect(await h.mapping(s, moved.id)).toMatchObject({
      state: 'needs-reconnect',
      lastErrorMessage: expect.stringMatching(/must reconnect Zoom before this meeting can be updated/),
    });
    expect((await h.mapping(s, gone.id))?.lastErrorMessage).toMatch(
      /must reconnect Zoom before this meeting can be removed/,
    );
    expect((await s.engine.queueDepth()).parked).toBe(2);

    await h.connect(s, 'lee');
    await s.engine.drain();
    expect(h.meetingsFor(moved.reference)).toEqual([
      expect.objectContaining({ id: movedId, start_time: moved.startUtc }),
    ]);
    expect(h.meetingsFor(gone.reference)).toHaveLength(0);
    expect(h.sandbox.deletedMeetings().map((m) => m.id)).toContain(goneId);
    expect((await h.mapping(s, moved.id))?.state).toBe('ready');
    expect((await h.mapping(s, gone.id))?.state).toBe('deleted');
  });
});
