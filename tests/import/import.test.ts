import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors';
import { commitImport, type ImportKind, previewImport } from '../../main/core/import';
import { importColumns, importTemplateCsv } from '../../main/core/import/template';
import { bookFactory } from '../appointments/helpers';

const setup = bookFactory();
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name));

async function preview(name: string, kind: ImportKind, extra: { doctorId?: string } = {}) {
  const env = await setup();
  const context = {
    repos: env.book.repos,
    clinicTimeZone: 'Europe/Berlin',
    now: () => env.clock.now,
    ...extra,
  };
  return { ...env, context, preview: await previewImport(fixture(name), kind, context) };
}

const fileErrorOf = async (fn: () => Promise<unknown>): Promise<AppError> => {
  try {
    await fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a file-level error');
};

describe('CSV import', () => {
  it('previews every row with the doctor, patient and UTC start it would book, writing nothing', async () => {
    const { preview: p, book } = await preview('valid.csv', 'csv');
    expect(p.summary).toEqual({ total: 3, valid: 3, invalid: 0, duplicates: 0, newPatients: 2 });
    expect(p.rows.map((r) => r.appointment)).toEqual([
      expect.objectContaining({
        doctorId: 'doc-lee',
        patient: { existingId: 'pat-ana', displayName: 'Ana Alvarez' },
        startUtc: '2030-02-04T08:00:00Z',
        timeZone: 'Europe/Berlin',
        durationMin: 20,
        visitType: 'telemed',
      }),
      expect.objectContaining({
        doctorId: 'doc-kim',
        startUtc: '2030-02-04T08:30:00Z',
        visitType: 'in_person',
      }),
      // A row in another zone is booked on the clinic's clock, and the preview says both clocks.
      expect.objectContaining({
        startUtc: '2030-02-05T19:00:00Z',
        timeZone: 'Europe/Berlin',
        visitType: 'telemed',
      }),
    ]);
    expect(p.rows[2]?.warnings).toContain(
      'The file gives 14:00 in America/New_York; that is 20:00 on the clinic’s clock (Europe/Berlin).',
    );
    expect(await book.listDay('2030-02-04')).toEqual([]);
  });

  it('reads a semicolon file with a byte-order mark, CRLF lines and quoted fields', async () => {
    const { preview: p } = await preview('semicolon-bom.csv', 'csv');
    expect(p.summary.valid).toBe(2);
    expect(p.rows[0]?.appointment?.patient).toEqual({
      new: { displayName: 'Diaz; Carla', email: 'carla@mail.test', phone: null },
    });
    expect(p.rows[1]?.appointment?.patient).toMatchObject({ new: { displayName: 'Ben "Benny" Brown' } });
  });

  it('reports each bad row with its own reason and flags a duplicate within the file', async () => {
    const { preview: p } = await preview('row-errors.csv', 'csv');
    const byRow = Object.fromEntries(p.rows.map((r) => [r.rowNumber, r.errors.join(' ')]));
    expect(p.rows[0]?.ok).toBe(true);
    expect(byRow[3]).toMatch(/not in the form 2030-01-31/);
    expect(byRow[4]).toMatch(/not a valid date and time|not in the form 14:30/);
    expect(byRow[5]).toMatch(/5 to 480 minutes/);
    expect(byRow[6]).toMatch(/No doctor "Dr. Who"/);
    expect(byRow[7]).toMatch(/patient is missing/);
    expect(byRow[8]).toMatch(/does not exist in Europe\/Berlin/);
    expect(byRow[9]).toMatch(/Unknown visit type "carrier pigeon"/);
    expect(byRow[10]).toMatch(/Same appointment as row 2/);
    expect(p.summary).toMatchObject({ total: 9, valid: 1, invalid: 8, duplicates: 1 });
  });

  it('accepts the app’s own words for visit types in any case, and names the words in a refusal', async () => {
    const env = await setup();
    const csv = [
      'date,time,duration,doctor,patient,visit_type',
      ...[
        'Tele-visit',
        'TELE-VISIT',
        'tele visit',
        'In person',
        'IN-PERSON',
        'in_person',
        'Video visit',
        'carrier pigeon',
      ].map((v, i) => `2030-02-04,${String(9 + i).padStart(2, '0')}:00,20,Dr. Lee,Patient ${i},${v}`),
    ].join('\n');
    const p = await previewImport(csv, 'csv', { repos: env.book.repos, clinicTimeZone: 'Europe/Berlin' });
    expect(p.rows.map((r) => r.shown.visitType)).toEqual([
      'telemed',
      'telemed',
      'telemed',
      'in_person',
      'in_person',
      'in_person',
      'telemed',
      null,
    ]);
    expect(p.rows[7]?.errors).toEqual([
      'Unknown visit type "carrier pigeon" (use "Tele-visit" or "In person").',
    ]);
  });

  it('a row with one fault names that fault and still shows what the row says', async () => {
    const env = await setup();
    const csv = 'date,time,duration,doctor,patient\n2030-02-04,9.30,20,Dr. Lee,Ana Alvarez\n';
    const [row] = (
      await previewImport(csv, 'csv', { repos: env.book.repos, clinicTimeZone: 'Europe/Berlin' })
    ).rows;
    expect(row).toMatchObject({
      ok: false,
      errors: ['The time "9.30" is not in the form 14:30.'],
      shown: { doctor: 'Dr. Lee', patient: 'Ana Alvarez', durationMin: 20, startUtc: null },
    });
  });

  it('the template’s example row imports as it stands, with every column in the guide', async () => {
    const env = await setup();
    const columns = importColumns({ doctor: 'Dr. Lee', date: '2030-02-06', zone: 'Europe/Berlin' });
    const csv = importTemplateCsv(columns);
    expect(csv.split('\r\n')[0]).toBe('date,time,duration,doctor,patient,email,phone,visit_type,time_zone');
    const p = await previewImport(csv, 'csv', { repos: env.book.repos, clinicTimeZone: 'Europe/Berlin' });
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0]).toMatchObject({
      ok: true,
      appointment: {
        doctorId: 'doc-lee',
        startUtc: '2030-02-06T08:30:00Z',
        visitType: 'telemed',
        durationMin: 20,
      },
    });
    expect(columns.filter((c) => c.required).map((c) => c.name)).toEqual([
      'date',
      'time',
      'duration',
      'doctor',
      'patient',
    ]);
  });

  it.each([
    ['empty.csv', /empty/],
    ['garbage.bin', /not a text file|binary/],
    ['truncated.csv', /cut off or broken/],
    ['wrong-header.csv', /header row with the columns/],
  ])('refuses %s as a whole with a clear reason', async (name, message) => {
    const env = await setup();
    const error = await fileErrorOf(() =>
      previewImport(fixture(name), 'csv', { repos: env.book.repos, clinicTimeZone: 'Europe/Berlin' }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toMatch(message);
  });

  it('refuses a huge file before reading it', async () => {
    const env = await setup();
    const huge = `date,time,duration,doctor,patient\n${'2030-02-04,09:00,20,Dr. Lee,Ana\n'.repeat(200_000)}`;
    await expect(
      previewImport(huge, 'csv', { repos: env.book.repos, clinicTimeZone: 'Europe/Berlin' }),
    ).rejects.toThrow(/too large/);
  });
});

describe('ICS import', () => {
  it('reads zoned, UTC and floating times and DTEND or DURATION; refuses recurring and all-day events', async () => {
    const { preview: p } = await preview('berlin.ics', 'ics');
    const [zoned, utc, floating, recurring, allDay] = p.rows;
    expect(zoned).toMatchObject({
      ok: true,
      appointment: {
        doctorId: 'doc-lee',
        startUtc: '2030-04-01T08:00:00Z',
        durationMin: 30,
        visitType: 'telemed',
      },
    });
    expect(zoned?.appointment?.sourceId).toBe('ics:evt-1@clinic.test');
    expect(utc).toMatchObject({
      ok: true,
      appointment: {
        doctorId: 'doc-kim',
        startUtc: '2030-04-02T08:00:00Z',
        durationMin: 45,
        visitType: 'in_person',
      },
    });
    expect(floating).toMatchObject({
      ok: true,
      appointment: { startUtc: '2030-04-03T07:00:00Z', durationMin: 20, visitType: 'telemed' },
    });
    expect(recurring?.errors.join()).toMatch(/Recurring events are not supported/);
    expect(allDay?.errors.join()).toMatch(/All-day/);
  });

  it('uses a VTIMEZONE definition for a non-IANA zone name and refuses an undefined one', async () => {
    const { preview: p } = await preview('windows-zone.ics', 'ics');
    expect(p.rows[0]).toMatchObject({
      ok: true,
      appointment: { startUtc: '2030-07-15T14:00:00Z', durationMin: 30 },
    });
    expect(p.rows[1]?.errors.join()).toMatch(/Unknown time zone "Atlantis Time"/);
  });

  it.each([
    ['LOCATION:Zoom'],
    ['URL:https://us02web.zoom.us/j/85012345678'],
    ['DESCRIPTION:Join: https://clinic.zoom.us/j/123?pwd=x'],
    ['DESCRIPTION:Video call with the doctor'],
    ['SUMMARY:Video visit'],
    ['SUMMARY:Tele-visit: follow-up'],
    ['CATEGORIES:Telemed'],
  ])('an event with %s comes in as a tele-visit', async (line) => {
    const env = await setup();
    const ics = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\nBEGIN:VEVENT\r\nUID:v1\r\nDTSTAMP:20300101T000000Z\r\nDTSTART:20300402T080000Z\r\nDURATION:PT20M\r\nORGANIZER:mailto:lee@clinic.test\r\nATTENDEE;CN=Ana:mailto:ana@mail.test\r\n${line}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
    const p = await previewImport(ics, 'ics', { repos: env.book.repos, clinicTimeZone: 'Europe/Berlin' });
    expect(p.rows[0]?.appointment?.visitType).toBe('telemed');
  });

  it.each([
    ['LOCATION:Room 3'],
    ['SUMMARY:Check-up'],
    ['DESCRIPTION:Bring your x-rays (zoomed copies)'],
    ['DESCRIPTION:Booked online through the website'],
  ])('an event with %s comes in as in person', async (line) => {
    const env = await setup();
    const ics = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\nBEGIN:VEVENT\r\nUID:v1\r\nDTSTAMP:20300101T000000Z\r\nDTSTART:20300402T080000Z\r\nDURATION:PT20M\r\nORGANIZER:mailto:lee@clinic.test\r\nATTENDEE;CN=Ana:mailto:ana@mail.test\r\n${line}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
    const p = await previewImport(ics, 'ics', { repos: env.book.repos, clinicTimeZone: 'Europe/Berlin' });
    expect(p.rows[0]?.appointment?.visitType).toBe('in_person');
  });

  it('imports a doctor’s calendar to the chosen doctor whatever the organizer says', async () => {
    const { preview: p } = await preview('windows-zone.ics', 'ics', { doctorId: 'doc-lee' });
    expect(p.rows[0]?.appointment?.doctorId).toBe('doc-lee');
  });

  it.each([
    ['not-calendar.ics', /not a calendar file/],
    ['truncated.ics', /cut off/],
    ['garbage.bin', /not a text file|binary/],
    ['empty.csv', /empty/],
  ])('refuses %s as a whole with a clear reason', async (name, message) => {
    const env = await setup();
    const error = await fileErrorOf(() =>
      previewImport(fixture(name), 'ics', { repos: env.book.repos, clinicTimeZone: 'Europe/Berlin' }),
    );
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toMatch(message);
  });
});

describe('committing an import', () => {
  it('imports every row at once, adds new patients once, queues meetings for tele-medical visits and audits it', async () => {
    const { preview: p, book } = await preview('valid.csv', 'csv');
    const changed: string[][] = [];
    book.on('appointments-changed', ({ ids }) => changed.push(ids));
    const result = await commitImport(p, { book, mode: 'all' });
    expect(result).toMatchObject({ imported: 3, skippedRows: [], newPatients: 2 });
    expect((await book.listDay('2030-02-04')).map((a) => a.source)).toEqual(['import', 'import']);
    expect(changed).toEqual([result.appointmentIds]);
    const telemedIds: string[] = [];
    for (const id of result.appointmentIds)
      if ((await book.get(id)).visitType === 'telemed') telemedIds.push(id);
    for (const id of telemedIds)
      expect(await book.repos.outbox.forAppointment(id)).toMatchObject([{ op: 'ensure' }]);
    expect((await book.repos.audit.recent(1))[0]).toMatchObject({
      action: 'import.committed',
      detail: { imported: 3 },
    });
  });

  it('refuses a file with bad rows unless the user chooses to import only the valid rows', async () => {
    const { preview: p, book } = await preview('row-errors.csv', 'csv');
    await expect(commitImport(p, { book, mode: 'all' })).rejects.toThrow(
      /8 row\(s\) have problems.*only the valid rows/,
    );
    expect(await book.listDay('2030-02-04')).toEqual([]);
    const result = await commitImport(p, { book, mode: 'valid-only' });
    expect(result.imported).toBe(1);
    expect(result.skippedRows).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('importing the same file again finds every row already present', async () => {
    const { preview: p, book, context } = await preview('berlin.ics', 'ics');
    await commitImport(p, { book, mode: 'valid-only' });
    const again = await previewImport(fixture('berlin.ics'), 'ics', context);
    expect(again.summary.valid).toBe(0);
    expect(again.rows[0]?.errors.join()).toMatch(/Already imported/);
    const csv = await previewImport(fixture('valid.csv'), 'csv', context);
    await commitImport(csv, { book, mode: 'all' });
    expect((await previewImport(fixture('valid.csv'), 'csv', context)).rows[0]?.errors.join()).toMatch(
      /Already in the book/,
    );
  });

  it('is all-or-nothing: a row that fails while committing leaves nothing imported', async () => {
    const { preview: p, book } = await preview('valid.csv', 'csv');
    // A preview edited on its way back (row 3 now invalid) fails inside the transaction, after rows 1–2 were written.
    const tampered = structuredClone(p);
    tampered.rows[2]!.appointment!.durationMin = 999;
    await expect(commitImport(tampered, { book, mode: 'all' })).rejects.toThrow(AppError);
    expect(await book.repos.patients.list()).toHaveLength(2);
    expect(await book.listDay('2030-02-04')).toEqual([]);
    expect((await book.repos.audit.recent(5)).map((e) => e.action)).not.toContain('import.committed');
  });

  it('a slot booked since the preview makes the whole commit a conflict', async () => {
    const { preview: p, book } = await preview('valid.csv', 'csv');
    await commitImport(structuredClone({ ...p, rows: [p.rows[0]!] }), { book, mode: 'all' });
    let error: unknown;
    try {
      await commitImport(p, { book, mode: 'all' });
    } catch (e) {
      error = e;
    }
    expect((error as AppError).kind).toBe('conflict');
    expect(await book.listDay('2030-02-04')).toHaveLength(1);
  });
});
