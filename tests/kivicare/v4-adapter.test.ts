import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../main/core/errors';
import { siteFailureOf } from '../../main/core/sources/site-errors';
import { CLIENT_ID, DESK_APP, site, v4 } from './helpers';
import type { TestSite } from './server/server';

let s: TestSite;
afterEach(() => s?.close());
const q = { dateFrom: '2026-03-26', dateTo: '2026-05-26' };
const failureOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return siteFailureOf(e);
  }
  return 'no error';
};

describe('KiviCare 4.x adapter', () => {
  it('logs in with cookie and nonce, follows every page, and keeps only the window', async () => {
    s = await site();
    const listing = await v4(s).listAppointments(q);
    const inWindow = s.data.appointments.filter((a) => a.start >= '2026-03-26' && a.start < '2026-05-27');
    expect(listing.appointments.map((a) => a.siteId).sort()).toEqual(
      inWindow.map((a) => String(a.id)).sort(),
    );
    // 20 rows at 10 a page: lastPage is 2.0 or a float like 2.1 → every page read.
    expect(listing.pages).toBe(Math.ceil(inWindow.length / 10));
    expect(s.logins.v4).toBe(1);
    expect(s.requests.every((r) => r.clientId === CLIENT_ID)).toBe(true);
  });

  it('normalizes an item: site ids, UTC start across DST, duration, telemed and the site meeting without start URL', async () => {
    s = await site();
    const listing = await v4(s).listAppointments(q);
    // Site-local 08:15 on the day summer time starts (CEST, +2) and 14:00 the day before (CET, +1).
    const row = s.data.appointments.find((a) => a.start === '2026-03-29 08:15:00')!;
    const a = listing.appointments.find((x) => x.siteId === String(row.id))!;
    expect(a.startUtc).toBe('2026-03-29T06:15:00Z');
    expect(listing.appointments.find((x) => x.localDate === '2026-03-28')?.startUtc).toBe(
      '2026-03-28T13:00:00Z',
    );
    expect(a.doctor).toEqual({ siteId: '4', name: 'Dr. Ben Okafor', email: 'ben.okafor@clinic.example' });
    expect(a.patient.siteId).toBe(String(row.patientId));
    expect(a.durationMin).toBe(45);
    expect(a.timeZone).toBe('Europe/Berlin');
    expect(a.telemed).toBe(true);
    expect(a.meeting).toEqual({
      zoomMeetingId: row.zoom!.zoom_id,
      zoomUuid: row.zoom!.zoom_uuid,
      joinUrl: row.zoom!.join_url,
      password: row.zoom!.password,
    });
    const inPerson = listing.appointments.find((x) => x.siteId === '104')!;
    expect(inPerson).toMatchObject({ telemed: false, meeting: null, durationMin: 30 });
    expect(JSON.stringify(listing)).not.toMatch(/zak|start_?url/i);
  });

  it('reads a site with an ignored (malformed) date filter and still returns only the window', async () => {
    s = await site({ ignoreDateFilter: true });
    const listing = await v4(s).listAppointments(q);
    expect(listing.appointments.every((a) => a.localDate >= q.dateFrom && a.localDate <= q.dateTo)).toBe(
      true,
    );
    expect(listing.appointments.some((a) => a.siteId === '100')).toBe(false);
    expect(listing.pages).toBe(3);
  });

  it('filters by doctor, also where the site would not', async () => {
    s = await site();
    const listing = await v4(s).listAppointments({ ...q, doctorId: '4' });
    expect(listing.appointments.length).toBeGreaterThan(0);
    expect(listing.appointments.every((a) => a.doctor.siteId === '4')).toBe(true);
    expect(s.requests.at(-1)?.query.doctor).toBe('4');
  });

  it('maps both status readings: by name when labels come, by the configured reading when not', async () => {
    s = await site({ statusReading: 'swapped', statusLabels: true });
    const byName = await v4(s, { statusReading: 'documented' }).listAppointments(q);
    const pendingRow = s.data.appointments.find((a) => a.status === 2 && a.start >= q.dateFrom)!;
    const checkInRow = s.data.appointments.find((a) => a.status === 4 && a.start >= q.dateFrom)!;
    expect(byName.appointments.find((a) => a.siteId === String(pendingRow.id))?.status).toBe(2);
    expect(byName.appointments.find((a) => a.siteId === String(checkInRow.id))?.status).toBe(4);
    s.faults.statusLabels = false;
    const swapped = await v4(s, { statusReading: 'swapped' }).listAppointments(q);
    expect(swapped.appointments.find((a) => a.siteId === String(pendingRow.id))?.status).toBe(2);
    expect(swapped.appointments.find((a) => a.siteId === String(checkInRow.id))?.status).toBe(4);
  });

  it('a stale nonce gets one fresh login and one retry', async () => {
    s = await site();
    const source = v4(s);
    await source.listAppointments(q);
    s.expireNonces();
    await source.listAppointments(q);
    expect(s.logins.v4).toBe(2);
  });

  it('a nonce refused again after the fresh login is an error, not a loop', async () => {
    s = await site({ noncesAlwaysStale: true });
    expect(await failureOf(v4(s).listAppointments(q))).toBe('session-refused');
    expect(s.logins.v4).toBe(2);
  });

  it('a wrong password, a plain WordPress admin and a missing client id are each told apart', async () => {
    s = await site();
    expect(
      await failureOf(
        v4(s, { credentials: { kind: 'login', username: 'frontdesk', password: 'nope' } }).login(),
      ),
    ).toBe('wrong-credentials');
    expect(
      await failureOf(
        v4(s, { credentials: { kind: 'login', username: 'wpadmin', password: 'Admin-Pass-9931' } }).login(),
      ),
    ).toBe('no-kivicare-role');
    const bare = await fetch(`${s.url}/wp-json/kivicare/v1/auth/login`, { method: 'POST', body: '{}' });
    expect(bare.status).toBe(401);
    expect((await bare.json()).code).toBe('unauthorized');
  });

  it('signs in with a WordPress application password (Basic) without the login route', async () => {
    s = await site();
    const listing = await v4(s, { credentials: DESK_APP }).listAppointments(q);
    expect(listing.appointments.length).toBeGreaterThan(10);
    expect(s.logins.v4).toBe(0);
    expect(await failureOf(v4(s, { credentials: { ...DESK_APP, password: 'wrong' } }).login())).toBe(
      'wrong-credentials',
    );
  });

  it('an encrypted site is reported clearly', async () => {
    s = await site({ encrypted: true });
    const err = await v4(s)
      .login()
      .catch((e) => e);
    expect(siteFailureOf(err)).toBe('encrypted');
    expect(isAppError(err) && err.message).toMatch(
      /encrypts its API answers; the companion cannot read them yet/,
    );
  });

  it('HTML pages, a slow site and a page failing mid-way each fail with their own reason', async () => {
    s = await site({ html: 'maintenance' });
    expect(await failureOf(v4(s).listAppointments(q))).toBe('html-page');
    s.faults.html = 'fatal';
    expect(await failureOf(v4(s).listAppointments(q))).toBe('html-page');
    s.faults.html = null;
    s.faults.delayMs = 500;
    expect(await failureOf(v4(s, { timeoutMs: 150 }).listAppointments(q))).toBe('timeout');
    s.faults.delayMs = 0;
    s.faults.failOnPage = { page: 2, as: 'json-500' };
    expect(await failureOf(v4(s).listAppointments(q))).toBe('server-error');
    s.faults.failOnPage = { page: 2, as: 'html' };
    expect(await failureOf(v4(s).listAppointments(q))).toBe('html-page');
    s.faults.failOnPage = { page: 3, as: 'hang' };
    s.faults.ignoreDateFilter = true;
    expect(await failureOf(v4(s, { timeoutMs: 300 }).listAppointments(q))).toBe('timeout');
  });

  it('an item it cannot read is set aside by id, not dropped silently', async () => {
    s = await site({ garbleAppointment: 105 });
    const listing = await v4(s).listAppointments(q);
    expect(listing.unreadable).toEqual([{ siteId: '105', problem: expect.any(String) }]);
    expect(listing.appointments.some((a) => a.siteId === '105')).toBe(false);
  });

  it('starts over when the list changes between pages, so no row slips through', async () => {
    s = await site();
    const source = v4(s);
    let added = false;
    const origPush = s.requests.push.bind(s.requests);
    // After page 1 is served, the front desk books a new visit on the site.
    s.requests.push = (...r) => {
      const n = origPush(...r);
      if (!added && r[0]?.query.page === '2') {
        added = true;
        s.add({
          start: '2026-03-27 07:00:00',
          end: '2026-03-27 07:30:00',
          doctorId: 3,
          patientId: 7,
          status: 1,
          services: ['telemed'],
        });
      }
      return n;
    };
    const listing = await source.listAppointments(q);
    expect(listing.appointments.length).toBe(
      s.data.appointments.filter((a) => a.start >= '2026-03-26' && a.start < '2026-05-27').length,
    );
  });
});
