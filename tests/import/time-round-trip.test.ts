// The ICS time round trip through the real handler table: the time the import preview shows is the
// time the saved visit is listed at, on the clinic's clock, for zoned, UTC and floating times across
// DST changes. The renderer's one formatter reads both, as the screens do.
import { afterAll, describe, expect, it } from 'vitest';
import { caller } from '../../main/core/demo/call';
import { type DemoCore, startDemoCore } from '../../main/core/demo/demo-core';
import { formatDateTime } from '../../renderer/src/lib/time';

const cores: DemoCore[] = [];
afterAll(async () => {
  for (const c of cores) await c.dispose();
});

const event = (uid: string, start: string, patient: string) =>
  [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20300101T000000Z',
    start,
    'DURATION:PT30M',
    'ORGANIZER;CN=Dr. Lee:mailto:lee@clinic.test',
    `ATTENDEE;CN=${patient}:mailto:${uid}@mail.test`,
    'END:VEVENT',
  ].join('\r\n');

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Test//Round trip//EN',
  // Berlin 10:00 in winter (CET, +1) and in summer (CEST, +2): the clocks change on 31 March 2030.
  event('winter', 'DTSTART;TZID=Europe/Berlin:20300325T100000', 'Winter Berlin'),
  event('summer', 'DTSTART;TZID=Europe/Berlin:20300401T100000', 'Summer Berlin'),
  event('utc', 'DTSTART:20300402T080000Z', 'Utc Patient'),
  event('floating', 'DTSTART:20300403T090000', 'Floating Patient'),
  // New York's clocks go back on 3 November 2030: 09:00 that morning is EST (-5).
  event('ny', 'DTSTART;TZID=America/New_York:20301103T090000', 'New York'),
  'END:VCALENDAR',
  '',
].join('\r\n');

/** The instant each event means; floating times are on the clinic's clock. */
const expectedUtc = (zone: string): Record<string, string> => ({
  'Winter Berlin': '2030-03-25T09:00:00Z',
  'Summer Berlin': '2030-04-01T08:00:00Z',
  'Utc Patient': '2030-04-02T08:00:00Z',
  'Floating Patient': {
    UTC: '2030-04-03T09:00:00Z',
    'Europe/Berlin': '2030-04-03T07:00:00Z',
    'America/New_York': '2030-04-03T13:00:00Z',
  }[zone]!,
  'New York': '2030-11-03T14:00:00Z',
});

describe.each(['UTC', 'Europe/Berlin', 'America/New_York'])('ICS round trip, clinic in %s', (zone) => {
  it('the preview shows each visit at the time it is saved and listed at, on the clinic’s clock', async () => {
    const core = await startDemoCore({
      env: {},
      policy: { clinicTimeZone: zone },
      extra: { reconcileEveryMs: 0, syncKiviCare: false },
    });
    cores.push(core);
    const call = caller(core.companion.handlers);
    await call('doctors:create', { displayName: 'Dr. Lee', email: 'lee@clinic.test' });

    const preview = await call('import:preview', { kind: 'ics', fileName: 'visits.ics', content: ICS });
    expect(preview.fileError).toBeNull();
    expect(preview.rows.map((r) => [r.patient, r.ok, r.errors])).toEqual(
      Object.keys(expectedUtc(zone)).map((p) => [p, true, []]),
    );
    const shown = new Map(preview.rows.map((r) => [r.patient!, formatDateTime(r.startUtc!, zone)]));
    // A time the file gives in another zone is said on both clocks.
    const winter = preview.rows.find((r) => r.patient === 'Winter Berlin')!;
    if (zone === 'Europe/Berlin') expect(winter.warnings.join()).not.toMatch(/file gives/);
    else
      expect(winter.warnings.join()).toMatch(
        /The file gives 10:00 in Europe\/Berlin; that is \d\d:00 on the clinic’s clock/,
      );

    expect(await call('import:commit', { previewId: preview.previewId, onlyValidRows: false })).toEqual({
      imported: 5,
    });
    for (const [patient, utc] of Object.entries(expectedUtc(zone))) {
      const row = preview.rows.find((r) => r.patient === patient)!;
      expect(row.startUtc, patient).toBe(utc);
      // Listed on the clinic day the preview showed, at the time it showed, in the clinic's zone.
      const day = await call('appointments:listDay', { date: formatDay(utc, zone) });
      const saved = day.appointments.find((a) => a.patientName === patient)!;
      expect(saved, patient).toBeDefined();
      expect(saved.startUtc, patient).toBe(row.startUtc);
      expect(saved.timeZone, patient).toBe(zone);
      expect(formatDateTime(saved.startUtc, saved.timeZone), patient).toBe(shown.get(patient));
    }
  });
});

const formatDay = (utc: string, zone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(utc));

describe('ICS times that do not exist or happen twice', () => {
  it('refuses a time skipped by the clocks and says which of two was used', async () => {
    const core = await startDemoCore({
      env: {},
      policy: { clinicTimeZone: 'Europe/Berlin' },
      extra: { reconcileEveryMs: 0, syncKiviCare: false },
    });
    cores.push(core);
    const call = caller(core.companion.handlers);
    await call('doctors:create', { displayName: 'Dr. Lee', email: 'lee@clinic.test' });
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Test//DST//EN',
      event('gap', 'DTSTART:20300331T023000', 'Gap Patient'),
      event('twice', 'DTSTART;TZID=Europe/Berlin:20301027T023000', 'Twice Patient'),
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const p = await call('import:preview', { kind: 'ics', fileName: 'dst.ics', content: ics });
    expect(p.rows[0]).toMatchObject({ ok: false, patient: 'Gap Patient' });
    expect(p.rows[0]?.errors).toEqual([
      '2030-03-31 02:30 does not exist in Europe/Berlin (the clocks change that night).',
    ]);
    expect(p.rows[1]).toMatchObject({ ok: true, startUtc: '2030-10-27T00:30:00Z' });
    expect(p.rows[1]?.warnings.join()).toMatch(/happens twice.*first one was used/);
  });
});
