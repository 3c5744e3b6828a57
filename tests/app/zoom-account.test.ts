// The right Zoom account for each doctor, through the handler table against the Zoom sandbox: a
// sign-in to an account whose e-mail is not the doctor's is held until the doctor names it, and a
// doctor whose account changes has their upcoming meetings moved to it exactly once (deleted on
// the previous account with its own sign-in, made again on the new one).
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Companion } from '../../main/core/app/companion';
import { CONNECTION_SERVICE } from '../../main/core/connections/connection-record';
import type { Channel, RequestOf, ResponseOf } from '../../preload/contract';
import { startTestCompanion, type TestCompanion } from './test-companion';

const ZONE = 'Europe/Berlin';
const PIN = '246813';
let t: TestCompanion;
let companion: Companion;
let opened: string[];
let doctorId: string;
let patientId: string;

const call = <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> =>
  t.call(channel, request);

const tomorrow = () => DateTime.now().setZone(ZONE).plus({ days: 1 }).toISODate()!;
const sandbox = () => companion.services.sandbox!;
const userId = (email: string) =>
  sandbox()
    .users()
    .find((u) => u.email === email)!.id;
const connection = async () => (await call('connections:list', {})).find((c) => c.doctorId === doctorId);

/** The doctor signs in to Zoom as `email` on the consent page (their browser), and the app hears back. */
async function signInAs(email: string) {
  await call('connections:connect', { doctorId });
  await fetch(await sandbox().approve(opened.pop()!, email));
  for (let i = 0; i < 200; i++) {
    const c = await connection();
    if (c && c.state !== 'connecting') return c;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('sign-in did not finish');
}

beforeAll(async () => {
  t = await startTestCompanion({ policy: { clinicTimeZone: ZONE } });
  ({ companion, opened } = t);
  await call('profiles:setAdminSecret', { newSecret: 'clinic-admin-secret' });
  doctorId = (await call('doctors:create', { displayName: 'Dr. Grace Lee', email: 'dr.lee@sandbox.test' }))
    .id;
  patientId = (await call('patients:create', { displayName: 'Quentin Marsh' })).id;
  await call('profiles:setPin', { doctorId, newPin: PIN });
  await call('profiles:unlock', { doctorId, pin: PIN });
});

afterAll(async () => {
  await t?.dispose();
});

describe('the right Zoom account', () => {
  it('a sign-in to someone else’s account is held, not kept, until the doctor names it', async () => {
    const held = await signInAs('dr.patel@sandbox.test');
    expect(held).toMatchObject({ state: 'confirm-account', pendingAccountEmail: 'dr.patel@sandbox.test' });
    // Nothing kept: no connection record holds a token, so no meeting can be made on that account.
    const records = await companion.services.vault.findCredentials(CONNECTION_SERVICE);
    expect(records.filter((r) => JSON.parse(r.password).tokens)).toEqual([]);
    // The doctor must name the account in full; anything else keeps nothing.
    await expect(
      call('connections:confirmAccount', { doctorId, accountEmail: 'dr.lee@sandbox.test' }),
    ).rejects.toMatchObject({ kind: 'invalid-request' });
    await call('connections:rejectAccount', { doctorId });
    expect(await connection()).toMatchObject({ state: 'disconnected', pendingAccountEmail: null });
  });

  it('the doctor’s own account connects at once', async () => {
    expect(await signInAs('dr.lee@sandbox.test')).toMatchObject({
      state: 'connected',
      accountEmail: 'dr.lee@sandbox.test',
    });
  });

  it('a changed account moves the upcoming meetings exactly once: deleted on the old, made on the new', async () => {
    for (const time of ['09:00', '10:00']) {
      await call('appointments:create', {
        doctorId,
        patientId,
        date: tomorrow(),
        time,
        durationMin: 20,
        visitType: 'telemed',
      });
    }
    await companion.services.engine.drain();
    const lee = userId('dr.lee@sandbox.test');
    const patel = userId('dr.patel@sandbox.test');
    const before = sandbox().meetings();
    expect(before.map((m) => m.host_id)).toEqual([lee, lee]);

    // The doctor now uses another Zoom account, and confirms it by name.
    expect(await signInAs('dr.patel@sandbox.test')).toMatchObject({ state: 'confirm-account' });
    await call('connections:confirmAccount', { doctorId, accountEmail: 'dr.patel@sandbox.test' });
    expect(await connection()).toMatchObject({ state: 'connected', accountEmail: 'dr.patel@sandbox.test' });
    await companion.services.engine.drain();
    await companion.services.engine.drain();

    const after = sandbox().meetings();
    expect(after).toHaveLength(2);
    expect(after.every((m) => m.host_id === patel)).toBe(true);
    expect(
      sandbox()
        .deletedMeetings()
        .map((m) => String(m.id))
        .sort(),
    ).toEqual(before.map((m) => String(m.id)).sort());
    const day = await call('appointments:listDay', { date: tomorrow() });
    expect(day.appointments.map((a) => a.meeting.state)).toEqual(['ready', 'ready']);
    const joinIds = day.appointments.map((a) => a.meeting.meetingId).sort();
    expect(joinIds).toEqual(after.map((m) => String(m.id)).sort());

    // Exactly once: more work, a reconcile and a restart-like resume change nothing on Zoom.
    const creates = () =>
      sandbox()
        .requests()
        .filter((r) => r.method === 'POST' && /\/meetings$/.test(r.path)).length;
    const made = creates();
    await companion.services.engine.reconcile({
      fromUtc: new Date().toISOString(),
      toUtc: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    await companion.services.engine.accountChanged(doctorId);
    await companion.services.engine.drain();
    expect(creates()).toBe(made);
    expect(sandbox().meetings()).toHaveLength(2);
    // The previous account's sign-in was only kept to delete its meetings: it is gone now.
    await expect
      .poll(async () =>
        (await companion.services.vault.findCredentials(CONNECTION_SERVICE)).map((r) => r.account),
      )
      .toEqual([doctorId]);
  });
});
