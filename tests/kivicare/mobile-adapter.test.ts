import { afterEach, describe, expect, it } from 'vitest';
import { siteFailureOf } from '../../main/core/sources/site-errors';
import { mobile, site } from './helpers';
import type { TestSite } from './server/server';

let s: TestSite;
afterEach(() => s?.close());
const q = { dateFrom: '2026-03-26', dateTo: '2026-05-26' };
const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e) => siteFailureOf(e),
  );

describe('KiviCare mobile-app API adapter', () => {
  it('gets a JWT, pages through the 10-row default until an empty page, and reads string values', async () => {
    s = await site({ apis: 'mobile' });
    const listing = await mobile(s).listAppointments(q);
    const expected = s.data.appointments.filter((a) => a.start >= '2026-03-26' && a.start < '2026-05-27');
    expect(listing.appointments.map((a) => a.siteId).sort()).toEqual(
      expected.map((a) => String(a.id)).sort(),
    );
    const pages = s.requests.filter((r) => r.path.endsWith('get-appointment')).map((r) => r.query.page);
    // 21 rows: three pages, then the empty fourth that ends the paging.
    expect(expected).toHaveLength(21);
    expect(pages).toEqual(['1', '2', '3', '4']);
    expect(s.logins.jwt).toBe(1);
  });

  it('reads telemed from a service named "telemed", the zoom_data row without start_url, and the times in the site zone', async () => {
    s = await site({ apis: 'mobile' });
    const listing = await mobile(s).listAppointments(q);
    const row = s.data.appointments.find((a) => a.start === '2026-03-29 08:15:00')!;
    const a = listing.appointments.find((x) => x.siteId === String(row.id))!;
    expect(a).toMatchObject({ startUtc: '2026-03-29T06:15:00Z', durationMin: 45, telemed: true, status: 1 });
    expect(a.meeting?.joinUrl).toBe(row.zoom!.join_url);
    const telemedNoMeeting = listing.appointments.find((x) => x.siteId === '103')!;
    expect(telemedNoMeeting).toMatchObject({ telemed: true, meeting: null, status: 2 });
    expect(listing.appointments.find((x) => x.siteId === '104')).toMatchObject({ telemed: false });
    expect(JSON.stringify(listing)).not.toMatch(/zak|start_?url/i);
  });

  it('an expired token gets one new token and one retry; a second refusal is an error, not a loop', async () => {
    s = await site({ apis: 'mobile' });
    const source = mobile(s);
    await source.listAppointments(q);
    s.expireTokens();
    await source.listAppointments(q);
    expect(s.logins.jwt).toBe(2);
    // Every token expires at once from now on: the adapter asks once more, then reports.
    const orig = s.expireTokens;
    const list = s.requests.push.bind(s.requests);
    s.requests.push = (...r) => {
      if (r[0]?.path.endsWith('get-appointment')) orig();
      return list(...r);
    };
    expect(await failureOf(source.listAppointments(q))).toBe('session-refused');
    expect(s.logins.jwt).toBe(3);
  });

  it('a wrong password is reported as such', async () => {
    s = await site({ apis: 'mobile' });
    expect(
      await failureOf(
        mobile(s, { credentials: { kind: 'login', username: 'frontdesk', password: 'x' } }).login(),
      ),
    ).toBe('wrong-credentials');
  });

  it('status numbers in both readings, names first', async () => {
    s = await site({ apis: 'mobile', statusReading: 'swapped' });
    const swapped = await mobile(s, { statusReading: 'swapped' }).listAppointments(q);
    expect(swapped.appointments.find((a) => a.siteId === '102')?.status).toBe(4);
    expect(swapped.appointments.find((a) => a.siteId === '103')?.status).toBe(2);
    s.faults.statusLabels = true;
    const named = await mobile(s).listAppointments(q);
    expect(named.appointments.find((a) => a.siteId === '102')?.status).toBe(4);
  });

  it('a page failing mid-way fails the listing instead of returning a short one', async () => {
    s = await site({ apis: 'mobile', failOnPage: { page: 2, as: 'html' } });
    expect(await failureOf(mobile(s).listAppointments(q))).toBe('html-page');
  });
});
