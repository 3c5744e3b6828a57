// A KiviCare site through the companion's own handler table, as the Settings page drives it: a
// mobile-only site, swapped status numbers, clinic-wide Zoom for doctors the API sends without an
// e-mail, a finished visit, and a sync that fails and says so.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Companion } from '../../main/core/app/companion';
import type { Channel, RequestOf, ResponseOf } from '../../preload/contract';
import { startTestCompanion, type TestCompanion } from '../app/test-companion';
import { startTestSite, type TestSite } from './server/server';
import { demoSite } from './server/site-data';

const ZONE = 'Europe/Berlin';
const YESTERDAY = DateTime.now().setZone(ZONE).minus({ days: 1 }).toISODate()!;
const TOMORROW = DateTime.now().setZone(ZONE).plus({ days: 1 }).toISODate()!;
let t: TestCompanion;
let companion: Companion;
let s: TestSite;
/** A tele-visit yesterday that the site never gave a meeting. */
let pastVisitId: number;

const call = <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> =>
  t.call(channel, request);

beforeAll(async () => {
  // Site-local "tomorrow" as the site's today keeps every visit of the demo data in the future.
  const data = demoSite(TOMORROW, ZONE);
  data.doctors[0]!.email = 'dr.patel@sandbox.test';
  data.doctors[1]!.email = 'dr.lee@sandbox.test';
  s = await startTestSite(data, { apis: 'mobile', indexHidden: true, statusReading: 'swapped' });
  pastVisitId = s.add({
    start: `${YESTERDAY} 00:05:00`,
    end: `${YESTERDAY} 00:35:00`,
    doctorId: 3,
    patientId: 8,
    status: 1,
    services: ['telemed'],
  });
  t = await startTestCompanion({
    policy: { clinicTimeZone: ZONE, allowHttpKivicare: true, allowPrivateKivicare: true },
  });
  companion = t.companion;
  // The site, the Zoom mode and the doctors' e-mails are the clinic admin's to set.
  await call('profiles:setAdminSecret', { newSecret: ADMIN_SECRET });
});

const ADMIN_SECRET = 'clinic-admin-secret';

afterAll(async () => {
  await t?.dispose();
  await s?.close();
});

const day = async (date: string) => (await call('appointments:listDay', { date })).appointments;
const patientRow = async (date: string, patient: string, time: string) => {
  const startUtc = DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toUTC().toISO({
    suppressMilliseconds: true,
  });
  return (await day(date)).find((a) => a.patientName === patient && a.startUtc === startUtc);
};

describe('a mobile-API KiviCare site in the companion', () => {
  it('connects with the index hidden, and says which API and reading it uses', async () => {
    const view = await call('kivicare:connect', {
      siteUrl: s.url,
      kind: 'login',
      username: 'frontdesk',
      password: 'Desk-Pass-4821',
      companionProvisions: true,
      statusReading: 'documented',
    });
    expect(view).toMatchObject({ connected: true, apiKind: 'kivicare-mobile' });
    expect(view.apiLabel).toBe('KiviCare mobile-app API; statuses read as documented');
    const synced = await call('kivicare:syncNow', { mode: 'full' });
    expect(synced.lastOutcome).toMatchObject({ ok: true, mode: 'full' });
    expect(synced.lastOutcome!.message).toMatch(/^Full sync finished: \d+ new/);
  });

  it('a site writing swapped status numbers shows each status right once the swapped reading is chosen', async () => {
    // Tomorrow 09:00 is in Check-in on the site, 09:30 is Pending; the site writes them as 2 and 4.
    expect((await patientRow(TOMORROW, 'Maria Lopez', '09:00'))?.status).toBe(2);
    const view = await call('kivicare:configure', { statusReading: 'swapped' });
    expect(view.apiLabel).toBe('KiviCare mobile-app API; statuses read with Pending and Check-in swapped');
    await call('kivicare:syncNow', { mode: 'full' });
    expect((await patientRow(TOMORROW, 'Maria Lopez', '09:00'))?.status).toBe(4);
    expect((await patientRow(TOMORROW, 'Tom Becker', '09:30'))?.status).toBe(2);
  });

  it('a tele-visit that is over without a meeting says so, and is not "being created"', async () => {
    await companion.services.engine.drain();
    const visit = (await day(YESTERDAY)).find(
      (a) =>
        a.startUtc ===
        DateTime.fromSQL(`${YESTERDAY} 00:05:00`, { zone: ZONE })
          .toUTC()
          .toISO({ suppressMilliseconds: true }),
    );
    expect(visit, `site appointment ${pastVisitId}`).toMatchObject({
      visitType: 'telemed',
      meeting: { state: 'past', joinUrl: null },
    });
  });

  it('clinic-wide Zoom works over the mobile API once an admin sets each doctor’s Zoom e-mail', async () => {
    await call('settings:update', { mode: 'clinic-wide' });
    await call('clinicZoom:set', {
      accountId: 'sbxAcct_Clinic01',
      clientId: 'sandbox-s2s-client',
      clientSecret: 'sandbox-s2s-secret',
    });
    await companion.services.engine.drain();
    const sandbox = companion.services.sandbox!;
    // The mobile API names no doctor e-mail: nothing can be made yet, and the rows say why.
    expect(sandbox.meetings()).toHaveLength(0);
    const tom = await patientRow(TOMORROW, 'Tom Becker', '09:30');
    expect(tom?.meeting.problem ?? '').toMatch(/no Zoom e-mail address.*Settings → Doctors/);
    const connections = await call('connections:list', {});
    expect(
      connections.every((c) => c.state === 'reconnect-needed' && /Zoom e-mail/.test(c.lastError ?? '')),
    ).toBe(true);

    const doctors = await call('doctors:list', {});
    for (const d of doctors) {
      const email = d.displayName === 'Dr. Anna Weber' ? 'dr.patel@sandbox.test' : 'dr.lee@sandbox.test';
      expect(await call('doctors:update', { id: d.id, email })).toMatchObject({ email });
    }
    await companion.services.engine.drain();
    await expect
      .poll(async () => (await patientRow(TOMORROW, 'Tom Becker', '09:30'))?.meeting.state)
      .toBe('ready');
    const users = new Map(sandbox.users().map((u) => [u.id, u.email]));
    const hosts = new Set(sandbox.meetings().map((m) => users.get(m.host_id)));
    expect([...hosts].every((h) => h === 'dr.patel@sandbox.test' || h === 'dr.lee@sandbox.test')).toBe(true);
    // The site's own meetings were not made again on Zoom.
    const siteMade = s.data.appointments.filter((a) => a.zoom).length;
    const telemed = s.data.appointments.filter((a) => a.services.includes('telemed')).length;
    expect(sandbox.meetings().length).toBeGreaterThan(0);
    expect(sandbox.meetings().length).toBeLessThanOrEqual(telemed - siteMade);
    const maria = await patientRow(TOMORROW, 'Maria Lopez', '09:00');
    expect(maria?.meeting).toMatchObject({ state: 'site-managed', provisionedBy: 'kivicare' });
  });

  it('a sync that fails says so in its outcome, in words, and keeps the last good sync time', async () => {
    // Front desk may sync (and read why it failed), not reconfigure the site.
    await call('profiles:lock', {});
    await expect(call('kivicare:configure', { statusReading: 'documented' })).rejects.toMatchObject({
      kind: 'not-allowed',
    });
    const before = await call('kivicare:get', {});
    s.faults.html = 'maintenance';
    const view = await call('kivicare:syncNow', { mode: 'incremental' });
    s.faults.html = null;
    expect(view.lastOutcome).toMatchObject({ ok: false, mode: 'incremental' });
    expect(view.lastOutcome!.message).toMatch(/^Sync failed: The KiviCare site answered with a web page/);
    expect(view.lastError).toMatch(/answered with a web page/);
    expect(view.lastSuccessAt).toBe(before.lastSuccessAt);
  });
});
