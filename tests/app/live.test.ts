// Live by construction: every change reaches the page as a push from the core (status, attention
// queue, doctors, settings, connections), through the real composition root and the Zoom sandbox.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Companion } from '../../main/core/app/companion';
import type { Channel, EventName, EventPayload, RequestOf, ResponseOf } from '../../preload/contract';
import { startTestCompanion, type TestCompanion } from './test-companion';

const ZONE = 'Europe/Berlin';
let t: TestCompanion;
let companion: Companion;
let opened: string[];
const pushed: Array<{ event: EventName; payload: unknown; at: number }> = [];

const call = <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> =>
  t.call(channel, request);

/** The newest push of `event` since `since` that satisfies `ok`, within a second. */
async function pushOf<E extends EventName>(
  event: E,
  since: number,
  ok: (p: EventPayload<E>) => boolean = () => true,
  ms = 1_000,
): Promise<EventPayload<E>> {
  const until = Date.now() + ms;
  for (;;) {
    const hit = pushed.findLast(
      (p) => p.event === event && p.at >= since && ok(p.payload as EventPayload<E>),
    );
    if (hit) return hit.payload as EventPayload<E>;
    if (Date.now() > until) throw new Error(`no ${event} push within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  t = await startTestCompanion({ policy: { clinicTimeZone: ZONE } });
  ({ companion, opened } = t);
  companion.onEvent((event, payload) => pushed.push({ event, payload, at: Date.now() }));
});

afterAll(async () => {
  await t?.dispose();
});

describe('pushes from the core', () => {
  let doctorId: string;
  let appointmentId: string;

  it('a doctor added or given a PIN is pushed; so are settings', async () => {
    await call('profiles:setAdminSecret', { newSecret: 'clinic-admin-secret' });
    let t = Date.now();
    doctorId = (await call('doctors:create', { displayName: 'Dr. Lee', email: 'dr.lee@sandbox.test' })).id;
    await pushOf('doctors:changed', t);
    t = Date.now();
    await call('profiles:setPin', { doctorId, newPin: '246813' });
    await pushOf('doctors:changed', t);
    t = Date.now();
    await call('settings:update', { autoLockMinutes: 12 });
    expect((await pushOf('settings:changed', t)).autoLockMinutes).toBe(12);
  });

  it('a visit soon for a doctor who never connected is an alert that offers Connect, pushed', async () => {
    const patientId = (await call('patients:create', { displayName: 'Amara Okafor' })).id;
    const at = DateTime.now().setZone(ZONE).plus({ minutes: 40 });
    const t = Date.now();
    appointmentId = (
      await call('appointments:create', {
        doctorId,
        patientId,
        date: at.toISODate()!,
        time: at.toFormat('HH:mm'),
        durationMin: 20,
        visitType: 'telemed',
      })
    ).id;
    const queue = await pushOf('attention:changed', t, (q) => q.length > 0);
    expect(queue).toEqual([
      expect.objectContaining({
        cause: 'not-connected',
        action: 'connect',
        doctorName: 'Dr. Lee',
        patientName: 'Amara Okafor',
        appointmentId,
        urgent: true,
      }),
    ]);
    expect(await call('attention:list', {})).toEqual(queue);
  });

  it('Retry while the doctor cannot host says what is needed instead, and queues nothing', async () => {
    const before = await companion.services.engine.queueDepth();
    await expect(call('meetings:retry', { appointmentId })).rejects.toMatchObject({
      kind: 'reconnect-needed',
      message: expect.stringMatching(/^Dr\. Lee must connect Zoom first/),
    });
    expect(await companion.services.engine.queueDepth()).toEqual(before);
  });

  it('a sign-in that is waiting shows until when, and Cancel ends it with a push', async () => {
    await call('profiles:unlock', { doctorId, pin: '246813' });
    await call('connections:connect', { doctorId });
    const waiting = (await call('connections:list', {})).find((c) => c.doctorId === doctorId)!;
    expect(waiting.state).toBe('connecting');
    expect(Date.parse(waiting.connectingUntil!)).toBeGreaterThan(Date.now());
    const t = Date.now();
    await call('connections:cancelConnect', { doctorId });
    await pushOf('connections:changed', t, (p) => p.doctorId === doctorId);
    const after = (await call('connections:list', {})).find((c) => c.doctorId === doctorId)!;
    expect(after).toMatchObject({ state: 'disconnected', connectingUntil: null });
    await pushOf('attention:changed', t, (q) => q[0]?.cause === 'not-connected');
  });

  it('after connecting, the meeting is made and status and queue are pushed as a reload shows them', async () => {
    await call('connections:connect', { doctorId });
    const t = Date.now();
    await fetch(await companion.services.sandbox!.approve(opened.at(-1)!, 'dr.lee@sandbox.test'));
    const status = await pushOf('status:changed', t, (s) => s.outbox.pending === 0, 5_000);
    expect(status).toEqual(await call('app:getStatus', {}));
    await pushOf('attention:changed', t, (q) => q.length === 0, 5_000);
    expect(await call('attention:list', {})).toEqual([]);
    const day = await call('appointments:listDay', {
      date: DateTime.now().setZone(ZONE).plus({ minutes: 40 }).toISODate()!,
    });
    expect(day.appointments.find((a) => a.id === appointmentId)?.meeting.state).toBe('ready');
    // The newest pushes equal a reload, and no more arrive once all is quiet.
    await new Promise((r) => setTimeout(r, 400));
    const quiet = Date.now();
    await new Promise((r) => setTimeout(r, 400));
    expect(pushed.filter((p) => p.at >= quiet)).toEqual([]);
  });

  it('a burst of changes is a few pushes of the status, not one per change', async () => {
    const patientId = (await call('patients:create', { displayName: 'Ben Hoffmann' })).id;
    const t = Date.now();
    const day = DateTime.now().setZone(ZONE).plus({ days: 2 }).toISODate()!;
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call('appointments:create', {
          doctorId,
          patientId,
          date: day,
          time: `${String(8 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`,
          durationMin: 15,
          visitType: 'telemed',
        }),
      ),
    );
    await pushOf('status:changed', t, (s) => s.outbox.pending === 0, 10_000);
    const count = (e: EventName) => pushed.filter((p) => p.event === e && p.at >= t).length;
    // 30 bookings and 30 meetings made: without pacing, 60 day reloads and 60 status reads.
    expect(count('status:changed')).toBeLessThan(30);
    expect(count('appointments:changed')).toBeLessThan(30);
    expect(count('appointments:changed')).toBeGreaterThan(0);
  });
});
