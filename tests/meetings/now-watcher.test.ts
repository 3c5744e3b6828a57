// The doctor's "now": the next visit's start link is fetched ahead (Start then costs no Zoom round
// trip), and a visit under way is followed (started, ended) within a small, planned request budget.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Companion } from '../../main/core/app/companion';
import { nextState } from '../../main/core/meetings/live-status';
import { NOW_PLAN, planNowFetches } from '../../main/core/meetings/now-watcher';
import type { Appointment, MeetingMapping } from '../../main/core/store/records';
import type { Channel, RequestOf, ResponseOf } from '../../preload/contract';
import { startTestCompanion, type TestCompanion } from '../app/test-companion';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const min = 60_000;
const visit = (id: string, doctorId: string, startMs: number, durationMin = 20) => ({
  a: { id, doctorId, startUtc: new Date(startMs).toISOString(), durationMin } as Appointment,
  m: { zoomMeetingId: `m-${id}`, doctorId } as MeetingMapping,
});

describe('what to ask Zoom, and when', () => {
  it('the next visit’s start link is fetched from 45 minutes before it, once, and again after an hour', () => {
    const list = [visit('a', 'd1', T0 + 30 * min), visit('b', 'd1', T0 + 40 * min)];
    expect(
      planNowFetches(
        T0,
        list,
        () => undefined,
        () => undefined,
      ),
    ).toEqual([{ appointmentId: 'a', doctorId: 'd1', meetingId: 'm-a', why: 'start-link-ahead' }]);
    expect(
      planNowFetches(
        T0,
        list,
        () => 10 * min,
        () => undefined,
      ),
    ).toEqual([]);
    expect(
      planNowFetches(
        T0,
        list,
        () => NOW_PLAN.refreshAfterMs,
        () => undefined,
      ),
    ).toHaveLength(1);
    // Two hours ahead is too early; each doctor has their own next visit.
    expect(
      planNowFetches(
        T0,
        [visit('c', 'd1', T0 + 120 * min)],
        () => undefined,
        () => undefined,
      ),
    ).toEqual([]);
    const two = planNowFetches(
      T0,
      [...list, visit('x', 'd2', T0 + 5 * min)],
      () => undefined,
      () => undefined,
    );
    expect(two.map((f) => f.appointmentId).sort()).toEqual(['a', 'x']);
  });

  it('a visit under way is asked about every two minutes, until half an hour after its end', () => {
    const v = visit('a', 'd1', T0 - 10 * min, 20);
    const seen = (at: number) => () => at;
    expect(planNowFetches(T0, [v], () => 5 * min, seen(T0 - 1 * min))).toEqual([]);
    expect(planNowFetches(T0, [v], () => 5 * min, seen(T0 - 2 * min))).toEqual([
      { appointmentId: 'a', doctorId: 'd1', meetingId: 'm-a', why: 'under-way' },
    ]);
    expect(
      planNowFetches(
        T0 + 41 * min,
        [v],
        () => 5 * min,
        () => undefined,
      ),
    ).toEqual([]);
  });

  it('a meeting the doctor opened early is followed from then on', () => {
    const early = visit('a', 'd1', T0 + 20 * min, 20);
    const seenBefore = () => T0 - 5 * min;
    expect(planNowFetches(T0, [early], () => 1 * min, seenBefore)).toEqual([]);
    expect(
      planNowFetches(
        T0,
        [early],
        () => 1 * min,
        seenBefore,
        NOW_PLAN,
        () => true,
      ),
    ).toEqual([{ appointmentId: 'a', doctorId: 'd1', meetingId: 'm-a', why: 'under-way' }]);
  });

  it('reads Zoom’s status against what was seen: waiting after started means ended', () => {
    expect(nextState(undefined, 'waiting')).toBe('waiting');
    expect(nextState('waiting', 'started')).toBe('started');
    expect(nextState('started', 'waiting')).toBe('ended');
    expect(nextState('ended', 'started')).toBe('started');
    expect(nextState('waiting', 'finished')).toBe('ended');
    expect(nextState('started', undefined)).toBeUndefined();
  });
});

const ZONE = 'Europe/Berlin';
const PIN = '246813';
let t: TestCompanion;
let companion: Companion;
let opened: string[];
let shift = 0;

const call = <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> =>
  t.call(channel, request);

beforeAll(async () => {
  t = await startTestCompanion({ policy: { clinicTimeZone: ZONE }, now: () => new Date(Date.now() + shift) });
  ({ companion, opened } = t);
});

afterAll(async () => {
  await t?.dispose();
});

describe('a visit’s hour, against the Zoom sandbox', () => {
  it('Start for the next visit opens a start link fetched ahead: no Zoom request at the click', async () => {
    const sandbox = companion.services.sandbox!;
    await call('profiles:setAdminSecret', { newSecret: 'clinic-admin-secret' });
    const doctorId = (await call('doctors:create', { displayName: 'Dr. Lee', email: 'dr.lee@sandbox.test' }))
      .id;
    const patientId = (await call('patients:create', { displayName: 'Ida Wren' })).id;
    await call('profiles:setPin', { doctorId, newPin: PIN });
    await call('profiles:unlock', { doctorId, pin: PIN });
    await call('connections:connect', { doctorId });
    await fetch(await sandbox.approve(opened.pop()!, 'dr.lee@sandbox.test'));
    await expect
      .poll(async () => (await call('connections:list', {}))[0]?.state, { timeout: 10_000 })
      .toBe('connected');
    const at = DateTime.now().setZone(ZONE).plus({ minutes: 30 }).startOf('minute');
    const a = await call('appointments:create', {
      doctorId,
      patientId,
      date: at.toISODate()!,
      time: at.toFormat('HH:mm'),
      durationMin: 20,
      visitType: 'telemed',
    });
    await companion.services.engine.drain();

    const gets = () =>
      sandbox.requests().filter((r) => r.method === 'GET' && /^\/v2\/meetings\//.test(r.path)).length;
    // The create's own answer carried a start link; a desktop restarted since has none in memory.
    expect(await companion.services.nowWatcher.tick()).toBe(0);
    companion.services.engine.startUrls.clear();
    const before = gets();
    expect(await companion.services.nowWatcher.tick()).toBe(1);
    expect(gets()).toBe(before + 1);
    // Nothing more to fetch until the link ages or the visit is under way.
    expect(await companion.services.nowWatcher.tick()).toBe(0);

    const beforeClick = sandbox.requests().length;
    await call('meetings:start', { appointmentId: a.id });
    expect(sandbox.requests().length).toBe(beforeClick);
    const startUrl = opened.at(-1)!;
    expect(sandbox.startUrlState(startUrl)).toBe('valid');
    const day = await call('appointments:listDay', { date: at.toISODate()! });
    expect(day.appointments[0]!.meeting).toMatchObject({ live: 'waiting' });
    expect(day.appointments[0]!.meeting.openedAt).not.toBeNull();

    // The doctor's browser opens the link: Zoom starts the meeting, and the row follows.
    await fetch(startUrl);
    shift = 31 * min;
    await companion.services.nowWatcher.tick();
    const started = await call('appointments:listDay', { date: at.toISODate()! });
    expect(started.appointments[0]!.meeting.live).toBe('started');

    const meetingId = started.appointments[0]!.meeting.meetingId!;
    sandbox.setMeetingStatus(meetingId, 'ended');
    shift += 3 * min;
    await companion.services.nowWatcher.tick();
    const ended = await call('appointments:listDay', { date: at.toISODate()! });
    expect(ended.appointments[0]!.meeting.live).toBe('ended');
  });
});
