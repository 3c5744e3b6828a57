import { describe, expect, it } from 'vitest';
import { dayRangeUtc } from '../../main/core/time/day-range';
import { localToUtc } from '../../main/core/time/utc';
import { bookFactory, telemed } from './helpers';

const setup = bookFactory();
const desk = { actor: 'front-desk' } as const;

describe('a day in the clinic’s time zone', () => {
  it.each([
    ['Europe/Berlin', '2030-03-31', '2030-03-30T23:00:00Z', '2030-03-31T22:00:00Z', 23],
    ['Europe/Berlin', '2030-10-27', '2030-10-26T22:00:00Z', '2030-10-27T23:00:00Z', 25],
    ['America/New_York', '2030-03-10', '2030-03-10T05:00:00Z', '2030-03-11T04:00:00Z', 23],
    ['America/New_York', '2030-11-03', '2030-11-03T04:00:00Z', '2030-11-04T05:00:00Z', 25],
  ])('%s %s runs from %s to %s (%i hours)', (zone, date, fromUtc, toUtc, hours) => {
    expect(dayRangeUtc(date, zone)).toEqual({ fromUtc, toUtc });
    expect((Date.parse(toUtc) - Date.parse(fromUtc)) / 3_600_000).toBe(hours);
  });

  it('listing the spring-forward day in Berlin finds the first and last visits of that day and nothing of the next', async () => {
    const { book } = await setup('Europe/Berlin');
    const at = async (local: string) => {
      const r = localToUtc(local, 'Europe/Berlin');
      if (!r.ok) throw new Error(r.reason);
      return (await book.create(telemed({ startUtc: r.utc }), desk)).appointment.id;
    };
    const early = await at('2030-03-31T00:15:00');
    const late = await at('2030-03-31T23:45:00');
    await at('2030-04-01T00:15:00');
    await at('2030-03-30T23:45:00');
    expect((await book.listDay('2030-03-31')).map((a) => a.id)).toEqual([early, late]);
  });

  it('listing the fall-back day in New York covers all 25 hours, also for one doctor', async () => {
    const { book } = await setup('America/New_York');
    const first = (await book.create(telemed({ startUtc: '2030-11-03T04:05:00Z' }), desk)).appointment.id; // 00:05 EDT
    const last = (await book.create(telemed({ startUtc: '2030-11-04T04:55:00Z' }), desk)).appointment.id; // 23:55 EST
    await book.create(telemed({ startUtc: '2030-11-04T05:00:00Z' }), desk); // next day 00:00 EST
    await book.create(telemed({ doctorId: 'doc-kim', startUtc: '2030-11-03T15:00:00Z' }), desk);
    expect((await book.listDay('2030-11-03', { doctorId: 'doc-lee' })).map((a) => a.id)).toEqual([
      first,
      last,
    ]);
    expect(await book.listDay('2030-11-03')).toHaveLength(3);
    expect(
      (await book.listDay('2030-11-03', { timeZone: 'Europe/Berlin', doctorId: 'doc-lee' })).map((a) => a.id),
    ).toEqual([first]);
  });

  it('a local time skipped by DST is refused; one that happens twice takes the first occurrence', () => {
    expect(localToUtc('2030-03-31T02:30:00', 'Europe/Berlin')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(localToUtc('2030-10-27T02:30:00', 'Europe/Berlin')).toEqual({
      ok: true,
      utc: '2030-10-27T00:30:00Z',
      ambiguous: true,
    });
    expect(localToUtc('2030-03-10T02:30:00', 'America/New_York')).toMatchObject({ ok: false });
  });

  it('a malformed day is refused with a clear message', async () => {
    const { book } = await setup();
    await expect(book.listDay('31.03.2030')).rejects.toThrow(/date like/);
  });
});
