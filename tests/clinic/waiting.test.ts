// "Waiting for Room 2" (issue 14): a row whose meeting this desktop cannot make names the desktop
// expected to make it, and says so when that desktop has not been seen for a while, on the clinic's
// clock with its zone. The words are pure; then a reception desktop with no Zoom sign-in on a real
// PostgreSQL, where Dr. Lee's desktop is registered as holding her sign-in.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpectedDesktop } from '../../main/core/clinic/presence';
import { orList, waitingFor } from '../../main/core/clinic/waiting';
import { clinicClock } from '../../main/core/time/clock';
import { formatTime } from '../../renderer/src/lib/time';
import { postgresUnavailableReason } from '../../scripts/throwaway-postgres';
import { startTestCompanion, type TestCompanion } from '../app/test-companion';
import { freshPostgresDatabase } from '../store/engines';

const NOW = Date.parse('2026-12-01T11:00:00Z');
const seen = (name: string, lastSeenAt: string, alive: boolean, clinicWide = false): ExpectedDesktop => ({
  name,
  lastSeenAt,
  alive,
  clinicWide,
});

describe('the words', () => {
  it('names the desktop where the doctor is signed in, or several', () => {
    const room2 = seen('Room 2', '2026-12-01T10:59:50Z', true);
    const room3 = seen('Room 3', '2026-12-01T10:59:40Z', true);
    expect(waitingFor('Dr. Lee', [room2], 'Europe/Berlin', NOW)).toEqual({
      words: 'Waiting for Room 2, where Dr. Lee is signed in to Zoom.',
      away: false,
    });
    expect(waitingFor('Dr. Lee', [room2, room3], 'Europe/Berlin', NOW)?.words).toBe(
      'Waiting for Room 2 or Room 3, where Dr. Lee is signed in to Zoom.',
    );
    expect(orList(['A', 'B', 'C'])).toBe('A, B or C');
    // One seen lately is named; the one away is left out.
    expect(
      waitingFor('Dr. Lee', [room2, seen('Room 4', '2026-11-30T08:00:00Z', false)], 'Europe/Berlin', NOW)
        ?.words,
    ).toBe('Waiting for Room 2, where Dr. Lee is signed in to Zoom.');
    expect(waitingFor('Dr. Lee', [], 'Europe/Berlin', NOW)).toBeNull();
  });

  it('says since when a desktop was not seen, on the clinic’s clock with its zone', () => {
    const w = waitingFor('Dr. Lee', [seen('Room 2', '2026-12-01T09:42:00Z', false)], 'Europe/Berlin', NOW);
    expect(w).toEqual({
      words:
        'Waiting for Room 2 (not seen since 10:42 CET), where Dr. Lee is signed in to Zoom. Start Clinic Companion there, or Dr. Lee can connect Zoom on this desktop.',
      away: true,
    });
    // A 12-hour clinic reads its own clock; another day is named.
    expect(
      waitingFor('Dr. Lee', [seen('Room 2', '2026-11-30T15:05:00Z', false)], 'America/New_York', NOW)?.words,
    ).toMatch(/^Waiting for Room 2 \(not seen since Mon, Nov 30, 10:05 AM EST\)/);
    // The clinic's Zoom account, held by desktops that are away.
    expect(
      waitingFor('Dr. Lee', [seen('Reception', '2026-12-01T09:00:00Z', false, true)], 'Europe/Berlin', NOW)
        ?.words,
    ).toBe(
      'Waiting for Reception (not seen since 10:00 CET), which holds the clinic’s Zoom account. Start Clinic Companion there, or set up the clinic’s Zoom account on this desktop.',
    );
  });

  it('the core’s clock reads as the page’s one formatter, in 24- and 12-hour clinics', () => {
    for (const zone of ['Europe/Berlin', 'America/Chicago', 'Asia/Kolkata', 'UTC', 'Pacific/Honolulu']) {
      for (const utc of ['2026-12-01T09:42:00Z', '2026-07-01T21:05:00Z']) {
        const zoneName = DateTime.fromISO(utc)
          .setZone(zone)
          .setLocale(zone.startsWith('America') || zone.startsWith('Pacific') ? 'en-US' : 'en-GB')
          .toFormat('ZZZZ');
        expect(clinicClock(utc, zone), `${utc} in ${zone}`).toBe(`${formatTime(utc, zone)} ${zoneName}`);
      }
    }
  });
});

const skip = postgresUnavailableReason();
const ZONE = 'Europe/Berlin';
const LEE = { id: 'doc-lee', displayName: 'Dr. Lee', email: 'dr.lee@sandbox.test' };
const PATEL = { id: 'doc-patel', displayName: 'Dr. Patel', email: 'dr.patel@sandbox.test' };
const ROOM_2 = 'desktop-room-2';

describe.skipIf(skip)('a reception desktop with no Zoom sign-in, Dr. Lee’s desktop elsewhere', () => {
  let reception: TestCompanion;
  let lee: { id: string; date: string };
  let patel: { id: string; date: string };
  let credentialReads = 0;

  /** A time this many minutes from now on the clinic's clock, on the five minutes. */
  const slot = (minutes: number) => {
    const t = DateTime.now()
      .setZone(ZONE)
      .plus({ minutes: minutes + 5 })
      .startOf('minute');
    const at = t.minus({ minutes: t.minute % 5 });
    return { date: at.toISODate()!, time: at.toFormat('HH:mm') };
  };

  beforeAll(async () => {
    reception = await startTestCompanion({
      database: await freshPostgresDatabase(),
      desktopName: 'Reception',
      policy: { clinicTimeZone: ZONE },
    });
    const { repos, store } = reception.companion.services;
    await repos.doctors.insert(LEE);
    await repos.doctors.insert(PATEL);
    await repos.patients.insert({ id: 'pat-1', displayName: 'Ana Patient', email: null });
    await repos.patients.insert({ id: 'pat-2', displayName: 'Ben Patient', email: null });
    // Dr. Lee signed in to Zoom in Room 2 (registered as that desktop's presence would).
    await repos.desktops.seen({ id: ROOM_2, name: 'Room 2', appVersion: 'test', schemaVersion: 1 });
    await repos.desktops.setCredentials(ROOM_2, [LEE.id]);
    // Counts the reads of who holds which sign-in.
    const rows = store.rows.bind(store);
    store.rows = ((sql: string, ...rest: unknown[]) => {
      if (/FROM desktop_credentials/.test(sql)) credentialReads++;
      return (rows as (...a: unknown[]) => unknown)(sql, ...rest);
    }) as typeof store.rows;
    // Within the attention queue's two hours, so that it looks at them.
    const book = async (doctorId: string, patientId: string, minutes: number) => {
      const at = slot(minutes);
      const a = await reception.call('appointments:create', {
        doctorId,
        patientId,
        ...at,
        durationMin: 20,
        visitType: 'telemed',
      });
      return { id: a.id, date: at.date };
    };
    lee = await book(LEE.id, 'pat-1', 60);
    await book(LEE.id, 'pat-2', 80);
    patel = await book(PATEL.id, 'pat-2', 70);
  }, 60_000);

  afterAll(() => reception?.dispose());

  const row = async (visit: { id: string; date: string }) =>
    (await reception.call('appointments:listDay', { date: visit.date })).appointments.find(
      (a) => a.id === visit.id,
    )!;

  it('a visit of Dr. Lee says it waits for Room 2, and needs no one’s attention here', async () => {
    const before = credentialReads;
    const day = await reception.call('appointments:listDay', { date: lee.date });
    // One read of the desktops for the whole list, however many rows and doctors.
    expect(credentialReads - before).toBe(1);
    expect(day.appointments.length).toBeGreaterThanOrEqual(2);
    expect(day.appointments.find((x) => x.id === lee.id)!.meeting).toMatchObject({
      state: 'creating',
      waiting: 'desktop',
      problem: 'Waiting for Room 2, where Dr. Lee is signed in to Zoom.',
    });
    // Dr. Patel has no desktop with her sign-in: not waiting for one.
    expect((await row(patel)).meeting.waiting).toBeNull();
    const attention = await reception.call('attention:list', {});
    expect(attention.filter((i) => i.doctorId === LEE.id)).toEqual([]);
    expect(attention.filter((i) => i.doctorId === PATEL.id).map((i) => i.cause)).toEqual(['not-connected']);
  });

  it('Room 2 not seen for a while: the row says since when, even once this desktop has tried itself', async () => {
    const lastSeen = new Date(Date.now() - 3 * 3_600_000).toISOString();
    await reception.companion.services.store.run('UPDATE desktops SET last_seen_at = ? WHERE id = ?', [
      lastSeen,
      ROOM_2,
    ]);
    const since = clinicClock(lastSeen, ZONE, Date.now());
    const words = `Waiting for Room 2 (not seen since ${since}), where Dr. Lee is signed in to Zoom. Start Clinic Companion there, or Dr. Lee can connect Zoom on this desktop.`;
    expect(since).toMatch(/\d{2}:\d{2} CES?T$/);
    expect((await row(lee)).meeting).toMatchObject({ waiting: 'desktop-away', problem: words });
    // No desktop that can make it is alive: this one tries, has no sign-in, and parks the work.
    await reception.companion.services.engine.drain();
    expect((await row(lee)).meeting).toMatchObject({
      state: 'needs-reconnect',
      waiting: 'desktop-away',
      problem: words,
    });
    const item = (await reception.call('attention:list', {})).find((i) => i.doctorId === LEE.id);
    expect(item).toMatchObject({ cause: 'meeting-not-ready', action: null, message: words, moreVisits: 1 });
  });
});
