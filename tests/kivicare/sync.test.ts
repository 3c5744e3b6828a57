import { afterEach, describe, expect, it } from 'vitest';
import type { AppointmentSource } from '../../main/core/sources/source';
import { KiviCareSync } from '../../main/core/sources/sync';
import { bySite, type Local, local, mobile, NOW, site, snapshot, v4 } from './helpers';
import type { TestSite } from './server/server';

let s: TestSite;
let l: Local;
afterEach(async () => {
  await s?.close();
  await l?.cleanup();
});

const sync = (source: AppointmentSource, companionProvisions = true) =>
  new KiviCareSync({ store: l.store, book: l.book, source, companionProvisions, clock: () => NOW });

const outboxOf = (appointmentId: string) =>
  l.store.rows<{ op: string; state: string }>(
    'SELECT op, state FROM outbox WHERE appointment_id = ? ORDER BY id',
    [appointmentId],
  );
const pending = async (appointmentId: string) =>
  (await outboxOf(appointmentId)).filter((o) => o.state === 'pending').map((o) => o.op);
const mappingOf = (appointmentId: string) => l.book.repos.mappings.get(appointmentId);

describe('KiviCare sync: full and incremental', () => {
  it('a full sync takes over the window: people, appointments, the site’s meetings, and companion work only where needed', async () => {
    s = await site();
    l = local();
    const report = await sync(v4(s)).run('full');
    expect(report).toMatchObject({
      ok: true,
      mode: 'full',
      dateFrom: '2026-03-26',
      dateTo: '2026-05-26',
      pages: 3,
    });
    if (!report.ok) return;
    // 21 rows in the window; the one cancelled before the companion ever saw it is not imported.
    expect(report.created).toBe(20);
    expect(report.skipped).toBe(1);
    expect(await bySite(l.store, 100)).toBeUndefined();
    expect(await bySite(l.store, 122)).toBeUndefined();
    expect((await l.book.repos.doctors.list()).map((d) => [d.displayName, d.source, d.sourceId])).toEqual([
      ['Dr. Anna Weber', 'kivicare', '3'],
      ['Dr. Ben Okafor', 'kivicare', '4'],
    ]);
    expect(await l.book.repos.patients.list()).toHaveLength(3);

    for (const row of s.data.appointments.filter(
      (a) => a.start >= '2026-03-26' && a.start < '2026-05-27' && a.status !== 0,
    )) {
      const a = (await bySite(l.store, row.id))!;
      expect(a, `site appointment ${row.id}`).toBeDefined();
      const telemed = row.services.includes('telemed');
      expect(a.visitType).toBe(telemed ? 'telemed' : 'in_person');
      if (row.zoom) {
        // The site made the meeting: the companion shows its link and makes nothing.
        expect(await mappingOf(a.id)).toMatchObject({
          provisionedBy: 'kivicare',
          state: 'ready',
          joinUrl: row.zoom.join_url,
          passcode: row.zoom.password,
          zoomMeetingId: row.zoom.zoom_id,
        });
        expect(await pending(a.id)).toEqual([]);
      } else if (telemed) {
        expect(await mappingOf(a.id)).toBeUndefined();
        expect(await pending(a.id)).toEqual(['ensure']);
      } else {
        expect(await outboxOf(a.id)).toEqual([]);
      }
    }
    expect(report.siteMeetings).toBe(
      s.data.appointments.filter(
        (a) => a.zoom && a.status !== 0 && a.start >= '2026-03-26' && a.start < '2026-05-27',
      ).length,
    );
    const state = (await l.book.repos.syncState.get('kivicare', 'site'))!;
    expect(state).toMatchObject({ lastSuccessAt: NOW.toISOString(), lastError: null });
    expect(JSON.parse(state.cursor!)).toEqual({ lastFullAt: NOW.toISOString(), lastIncrementalAt: null });
  });

  it('syncing an unchanged site changes nothing and queues nothing', async () => {
    s = await site();
    l = local();
    await sync(v4(s)).run('full');
    const before = await snapshot(l.store);
    const again = await sync(v4(s)).run('full');
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, cancelled: 0, unchanged: 20 });
    expect(await snapshot(l.store)).toEqual(before);
  });

  it('a name corrected on the site follows here, for doctors and patients, without new rows', async () => {
    s = await site();
    l = local();
    await sync(v4(s)).run('full');
    const doctor = s.data.doctors[0]!;
    const patient = s.data.patients[0]!;
    doctor.name = 'Dr. Renamed Onsite';
    patient.name = 'Patient Renamed Onsite';
    patient.email = 'renamed@example.org';
    const before = await snapshot(l.store);
    await sync(v4(s)).run('full');
    const after = await snapshot(l.store);
    expect(after.doctors).toHaveLength(before.doctors.length);
    expect(after.patients).toHaveLength(before.patients.length);
    const names = (rows: unknown[]) => rows.map((r) => (r as { displayName: string }).displayName);
    expect(names(after.doctors)).toContain('Dr. Renamed Onsite');
    expect(after.patients).toContainEqual(
      expect.objectContaining({ displayName: 'Patient Renamed Onsite', email: 'renamed@example.org' }),
    );
    expect(after.appointments).toEqual(before.appointments);
  });

  it('a doctor’s e-mail from the site fills a blank one, and never replaces one set here', async () => {
    s = await site();
    l = local();
    const engine = sync(v4(s));
    await engine.run('full');
    const weber = async () => (await l.book.repos.doctors.list()).find((d) => d.sourceId === '3')!;
    expect((await weber()).email).toBe('anna.weber@clinic.example');
    await l.book.repos.doctors.setEmail((await weber()).id, '');
    await engine.run('incremental');
    expect((await weber()).email).toBe('anna.weber@clinic.example');
    await l.book.repos.doctors.setEmail((await weber()).id, 'anna.zoom@clinic.example');
    await engine.run('incremental');
    expect((await weber()).email).toBe('anna.zoom@clinic.example');
  });

  it('an incremental sync picks up changes on the site in its short window; the next full sync gets the rest', async () => {
    s = await site();
    l = local();
    const engine = sync(v4(s));
    await engine.run('full');
    const moved = (await bySite(l.store, 103))!; // telemed, companion meeting queued
    s.reschedule(103, '2026-03-27 16:00:00');
    s.change(107, { status: 4 }); // checked in: no meeting work
    const added = s.add({
      start: '2026-03-30 11:00:00',
      end: '2026-03-30 11:20:00',
      doctorId: 4,
      patientId: 8,
      status: 1,
      services: ['telemed'],
      zoom: true,
    });
    s.reschedule(120, '2026-04-16 12:00:00'); // +20 days: outside the incremental window

    const inc = await engine.run('incremental');
    expect(inc).toMatchObject({
      ok: true,
      mode: 'incremental',
      dateFrom: '2026-03-27',
      dateTo: '2026-04-03',
      created: 1,
      updated: 2,
      cancelled: 0,
    });
    expect(await bySite(l.store, 103)).toMatchObject({
      startUtc: '2026-03-27T15:00:00Z',
      version: moved.version + 1,
    });
    expect(await pending(moved.id)).toEqual(['ensure']);
    expect((await bySite(l.store, 107))?.status).toBe(4);
    expect(await pending((await bySite(l.store, 107))!.id)).toEqual([]);
    const fresh = (await bySite(l.store, added))!;
    expect(fresh).toMatchObject({
      startUtc: '2026-03-30T09:00:00Z',
      durationMin: 20,
      visitType: 'telemed',
    });
    expect((await mappingOf(fresh.id))?.provisionedBy).toBe('kivicare');
    expect(await pending(fresh.id)).toEqual([]);
    expect((await bySite(l.store, 120))?.startUtc).toBe('2026-04-16T08:00:00Z');

    const full = await engine.run('full');
    expect(full).toMatchObject({ ok: true, updated: 1 });
    expect((await bySite(l.store, 120))?.startUtc).toBe('2026-04-16T10:00:00Z');
    expect(JSON.parse((await l.book.repos.syncState.get('kivicare', 'site'))!.cursor!)).toMatchObject({
      lastIncrementalAt: NOW.toISOString(),
    });
  });
});

describe('KiviCare sync: cancellations and meetings', () => {
  it('an appointment cancelled or deleted on the site is cancelled locally, and the companion’s meeting is queued for deletion', async () => {
    s = await site();
    l = local();
    const engine = sync(v4(s));
    await engine.run('full');
    const companionOwned = (await bySite(l.store, 103))!; // telemed without a site meeting
    const siteOwned = (await bySite(l.store, 106))!; // the site's meeting
    const inPerson = (await bySite(l.store, 104))!;
    s.cancel(103);
    s.remove(106);
    s.remove(104);

    const report = await engine.run('full');
    expect(report).toMatchObject({ ok: true, cancelled: 3 });
    expect((await bySite(l.store, 103))?.status).toBe(0);
    expect((await bySite(l.store, 106))?.status).toBe(0);
    expect((await bySite(l.store, 104))?.status).toBe(0);
    // No provisioning engine yet in this tree: the outbox 'delete' is where "reaching Zoom" starts.
    expect(await pending(companionOwned.id)).toEqual(['delete']);
    // The site's meeting is the site's to delete: nothing queued, the mapping only stops showing.
    expect(await pending(siteOwned.id)).toEqual([]);
    expect(await mappingOf(siteOwned.id)).toMatchObject({ provisionedBy: 'kivicare', state: 'deleted' });
    expect(await outboxOf(inPerson.id)).toEqual([]);
    const audit = (await l.book.repos.audit.forEntity('appointment', siteOwned.id)).map((e) => e.action);
    expect(audit).toEqual(
      expect.arrayContaining(['appointment.cancelled', 'kivicare.missing-on-site', 'meeting.delete-skipped']),
    );
  });

  it('never a second meeting: when the site makes one for a visit the companion had queued, the queued work is dropped', async () => {
    s = await site();
    l = local();
    const engine = sync(v4(s));
    await engine.run('full');
    const a = (await bySite(l.store, 103))!;
    expect(await pending(a.id)).toEqual(['ensure']);
    s.setMeeting(103, true);
    await engine.run('incremental');
    expect(await pending(a.id)).toEqual([]);
    expect(await mappingOf(a.id)).toMatchObject({ provisionedBy: 'kivicare', state: 'ready' });
  });

  it('when the site later makes a meeting for a visit the companion provisioned, the site’s is kept and ours goes to clean-up, logged', async () => {
    s = await site();
    l = local();
    const engine = sync(v4(s));
    await engine.run('full');
    const a = (await bySite(l.store, 103))!;
    const appt = (await l.book.repos.appointments.get(a.id))!;
    await l.book.repos.mappings.insert({
      appointmentId: a.id,
      doctorId: appt.doctorId,
      reference: appt.reference,
      state: 'ready',
      provisionedBy: 'companion',
      joinUrl: 'https://zoom.us/j/555',
      zoomMeetingId: '555',
    });
    s.setMeeting(103, true);
    const report = await engine.run('incremental');
    expect(report.ok && report.warnings.join(' ')).toMatch(/103 got a meeting from the site/);
    const siteRow = s.data.appointments.find((r) => r.id === 103)!;
    expect(await mappingOf(a.id)).toMatchObject({
      provisionedBy: 'kivicare',
      joinUrl: siteRow.zoom!.join_url,
      zoomMeetingId: siteRow.zoom!.zoom_id,
    });
    const cleanup = await l.store.rows('SELECT zoom_meeting_id, doctor_id, reason, state FROM zoom_cleanup');
    expect(cleanup).toEqual([
      { zoomMeetingId: '555', doctorId: appt.doctorId, reason: 'site-made-its-own', state: 'pending' },
    ]);
    expect(await pending(a.id)).toEqual([]);
    const audit = (await l.book.repos.audit.forEntity('appointment', a.id)).map((e) => e.action);
    expect(audit).toContain('kivicare.replaced-companion-meeting');
    // Said once: the next sync finds one meeting, the site's, and has nothing to say.
    const again = await engine.run('incremental');
    expect(again.ok && again.warnings).toEqual([]);
    expect(await l.store.row('SELECT COUNT(*) AS n FROM zoom_cleanup')).toEqual({ n: 1 });
  });

  it('a visit moved past the window is looked up, moved here and keeps its meeting; only a visit gone from the site is cancelled', async () => {
    s = await site();
    l = local();
    const engine = sync(v4(s));
    await engine.run('full');
    const moved = (await bySite(l.store, 103))!; // telemed, the companion's meeting
    const siteMeeting = (await bySite(l.store, 106))!; // the site's meeting
    await l.store.run(`UPDATE outbox SET state = 'done'`);
    s.reschedule(103, '2026-04-20 10:00:00'); // from today to well past the 7-day window
    s.reschedule(106, '2026-06-30 11:00:00'); // past the full window too
    s.remove(108);

    const report = await engine.run('incremental');
    expect(report).toMatchObject({ ok: true, cancelled: 1 });
    expect(await bySite(l.store, 103)).toMatchObject({ status: 2, startUtc: '2026-04-20T08:00:00Z' });
    // The meeting is moved (an update of the one meeting), never deleted and made again.
    expect(await pending(moved.id)).toEqual(['ensure']);
    expect(await bySite(l.store, 106)).toMatchObject({ status: 1, startUtc: '2026-06-30T09:00:00Z' });
    expect(await mappingOf(siteMeeting.id)).toMatchObject({ provisionedBy: 'kivicare', state: 'ready' });
    expect((await bySite(l.store, 108))?.status).toBe(0);
    // The look-up asked the site for the missing visits' patients, not for everything.
    const lookups = s.requests.filter((r) => r.query.patient !== undefined);
    expect(lookups.length).toBeGreaterThan(0);
    expect(lookups.every((r) => r.query.date_from === '2025-03-27' && r.query.date_to === '2028-03-26')).toBe(
      true,
    );

    // A full sync whose window holds neither visit cancels nothing and recreates nothing.
    const full = await engine.run('full');
    expect(full).toMatchObject({ ok: true, cancelled: 0 });
    expect((await bySite(l.store, 103))?.status).toBe(2);
    expect(await pending(moved.id)).toEqual(['ensure']);
  });

  it('a full sync re-reads the visits held beyond its window: a site meeting or a cancellation out there is seen', async () => {
    s = await site();
    l = local();
    const engine = sync(v4(s));
    await engine.run('full');
    const far = (await bySite(l.store, 103))!;
    const farAppt = (await l.book.repos.appointments.get(far.id))!;
    await l.book.repos.mappings.insert({
      appointmentId: far.id,
      doctorId: farAppt.doctorId,
      reference: farAppt.reference,
      state: 'ready',
      provisionedBy: 'companion',
      joinUrl: 'https://zoom.us/j/777',
      zoomMeetingId: '777',
    });
    s.reschedule(103, '2026-07-20 10:00:00'); // beyond the full window (+60 days)
    s.reschedule(107, '2026-08-01 10:00:00');
    await engine.run('incremental');
    expect((await bySite(l.store, 103))?.startUtc).toBe('2026-07-20T08:00:00Z');
    // Out there, the site gives 103 its own meeting and cancels 107: no window lists either.
    s.setMeeting(103, true);
    s.cancel(107);
    expect(await engine.run('incremental')).toMatchObject({ ok: true, cancelled: 0 });
    expect((await mappingOf(far.id))?.provisionedBy).toBe('companion');
    expect(await engine.run('full')).toMatchObject({ ok: true, cancelled: 1 });
    expect((await mappingOf(far.id))?.provisionedBy).toBe('kivicare');
    expect((await bySite(l.store, 107))?.status).toBe(0);
  });

  it('when the look-up cannot be made, nothing is cancelled for being absent, and the sync says so', async () => {
    s = await site();
    l = local();
    const engine = sync(v4(s));
    await engine.run('full');
    s.remove(103);
    s.faults.failPatientLookups = true;
    const report = await engine.run('incremental');
    expect(report.ok && report.warnings.join(' ')).toMatch(/could not be checked/);
    expect((await bySite(l.store, 103))?.status).toBe(2);
    s.faults.failPatientLookups = false;
    expect(await engine.run('incremental')).toMatchObject({ ok: true, cancelled: 1 });
  });

  it('when the site drops its meeting, the companion makes its own if the clinic chose that', async () => {
    s = await site();
    l = local();
    const engine = sync(v4(s));
    await engine.run('full');
    const a = (await bySite(l.store, 106))!;
    s.setMeeting(106, false);
    await engine.run('incremental');
    expect(await mappingOf(a.id)).toBeUndefined();
    expect(await pending(a.id)).toEqual(['ensure']);
  });

  it('a clinic that lets the site make meetings gets no companion meeting work at all', async () => {
    s = await site();
    l = local();
    await sync(v4(s), false).run('full');
    const rows = await l.store.row<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'`);
    expect(rows?.n).toBe(0);
    expect(await mappingOf((await bySite(l.store, 103))!.id)).toBeUndefined();
  });

  it('an appointment the site sends unreadably is left as it was, not cancelled', async () => {
    s = await site();
    l = local();
    const engine = sync(v4(s));
    await engine.run('full');
    const before = await bySite(l.store, 105);
    s.faults.garbleAppointment = 107;
    const report = await engine.run('full');
    expect(report.ok && report.warnings.join(' ')).toMatch(/107 could not be read/);
    expect((await bySite(l.store, 107))?.status).toBe(1);
    expect(await bySite(l.store, 105)).toEqual(before);
  });

  it.each(['to-array', 'table-row'] as const)(
    'works the same over the mobile-app API (zoom_data as the add-on’s %s)',
    async (shape) => {
      s = await site({ apis: 'mobile', mobileZoomRow: shape });
      l = local();
      const engine = sync(mobile(s));
      expect(await engine.run('full')).toMatchObject({ ok: true, created: 20 });
      const a = (await bySite(l.store, 106))!;
      expect(await mappingOf(a.id)).toMatchObject({
        provisionedBy: 'kivicare',
        joinUrl: s.data.appointments.find((r) => r.id === 106)!.zoom!.join_url,
      });
      expect(await pending(a.id)).toEqual([]);
      s.reschedule(104, '2026-05-20 10:00:00');
      s.remove(103);
      expect(await engine.run('incremental')).toMatchObject({ ok: true, cancelled: 1 });
      expect(await pending((await bySite(l.store, 103))!.id)).toEqual(['delete']);
      expect(await bySite(l.store, 104)).toMatchObject({ status: 1, startUtc: '2026-05-20T08:00:00Z' });
    },
  );
});

describe('KiviCare sync: failures leave the local schedule intact', () => {
  const cases: Array<[string, (t: TestSite) => void, RegExp]> = [
    [
      'maintenance page',
      (t) => {
        t.faults.html = 'maintenance';
      },
      /answered with a web page/,
    ],
    [
      'PHP fatal error page',
      (t) => {
        t.faults.html = 'fatal';
      },
      /answered with a web page/,
    ],
    [
      'slow site',
      (t) => {
        t.faults.delayMs = 600;
      },
      /took too long/,
    ],
    [
      'page 2 failing with a server error',
      (t) => {
        t.faults.failOnPage = { page: 2, as: 'json-500' };
      },
      /had an error/,
    ],
    [
      'page 2 failing with an HTML page',
      (t) => {
        t.faults.failOnPage = { page: 2, as: 'html' };
      },
      /web page/,
    ],
    [
      'page 2 never answering',
      (t) => {
        t.faults.failOnPage = { page: 2, as: 'hang' };
      },
      /took too long/,
    ],
    [
      'encrypted answers',
      (t) => {
        t.faults.encrypted = true;
      },
      /encrypts its API answers/,
    ],
    [
      'a stale nonce refused after a fresh login',
      (t) => {
        t.faults.noncesAlwaysStale = true;
        t.expireNonces();
      },
      /ended the companion’s session/,
    ],
    [
      'a changed password',
      (t) => {
        t.data.users[0]!.password = 'changed';
        t.expireNonces();
      },
      /did not accept the user name or password/,
    ],
  ];

  for (const [name, breakSite, message] of cases) {
    it(`${name}: nothing local changes and sync_state records the reason`, async () => {
      s = await site();
      l = local();
      const engine = new KiviCareSync({
        store: l.store,
        book: l.book,
        source: v4(s, { timeoutMs: 300 }),
        companionProvisions: true,
        clock: () => NOW,
      });
      await engine.run('full');
      const before = await snapshot(l.store);
      // Had the sync applied what it read before failing, these would be cancelled locally.
      s.remove(103);
      s.remove(110);
      breakSite(s);
      const report = await engine.run('full');
      expect(report.ok).toBe(false);
      if (report.ok) return;
      expect(report.error.message).toMatch(message);
      expect(await snapshot(l.store)).toEqual(before);
      expect(await l.book.repos.syncState.get('kivicare', 'site')).toMatchObject({
        lastError: report.error.message,
        lastSuccessAt: NOW.toISOString(),
      });
    });
  }

  it('a failing sync after a good one keeps the good one’s time; the next good sync clears the error', async () => {
    s = await site();
    l = local();
    const engine = sync(v4(s));
    await engine.run('full');
    s.faults.html = 'fatal';
    await engine.run('full');
    expect((await engine.state()).lastError).toMatch(/web page/);
    s.faults.html = null;
    await engine.run('full');
    expect(await engine.state()).toMatchObject({ lastError: null, lastSuccessAt: NOW.toISOString() });
  });

  it('two sync requests at once share one run', async () => {
    s = await site();
    l = local();
    const engine = sync(v4(s));
    const [a, b] = [engine.run('full'), engine.run('full')];
    expect(a).toBe(b);
    await a;
    expect(s.logins.v4).toBe(1);
  });
});
