import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatDateTime,
  formatDayLong,
  formatDayShort,
  formatTime,
  parseClock,
  parseDay,
  zoneLabel,
} from '../../renderer/src/lib/time';

const AT = '2026-12-01T21:50:00Z';

describe('the one formatter', () => {
  it('reads one format from the clinic’s locale: 24 h, day first outside the US', () => {
    expect(formatTime(AT, 'Europe/Berlin')).toBe('22:50');
    expect(formatDayLong('2026-12-01', 'Europe/Berlin')).toBe('Tuesday 1 December 2026');
    expect(formatDayShort('2026-12-01', 'Europe/Berlin')).toBe('Tue 1 Dec 2026');
    expect(formatDateTime(AT, 'Europe/Berlin')).toBe('Tue 1 Dec 2026, 22:50');
    expect(formatClock('22:50', 'Europe/Berlin')).toBe('22:50');
  });

  it('a US clinic reads 12 h and month first, in lists and dialogs alike', () => {
    expect(formatTime(AT, 'America/New_York')).toBe('4:50 PM');
    expect(formatDayLong('2026-12-01', 'America/New_York')).toBe('Tuesday, December 1, 2026');
    expect(formatClock('16:50', 'America/New_York')).toBe('4:50 PM');
    expect(parseDay('12/1/2026', 'America/New_York')).toBe('2026-12-01');
  });

  it('a dialog field shows what it parses: each format it prints reads back to the same value', () => {
    for (const zone of ['Europe/Berlin', 'UTC', 'America/New_York']) {
      for (const day of ['2026-12-01', '2027-02-28', '2030-10-27']) {
        expect(parseDay(formatDayShort(day, zone), zone)).toBe(day);
        expect(parseDay(formatDayLong(day, zone), zone)).toBe(day);
      }
      for (const t of ['00:00', '09:05', '12:00', '12:30', '23:59'])
        expect(parseClock(formatClock(t, zone))).toBe(t);
    }
  });

  it('takes a time typed the desktop’s way and refuses what is not a time', () => {
    expect(['14:30', '1430', '9:05', '2:30 pm', '2 PM', '12am', '12 pm'].map(parseClock)).toEqual([
      '14:30',
      '14:30',
      '09:05',
      '14:30',
      '14:00',
      '00:00',
      '12:00',
    ]);
    expect(['25:00', '9:75', '13 pm', 'noon', ''].map(parseClock)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(parseDay('1/12/2026', 'Europe/Berlin')).toBe('2026-12-01');
    expect(parseDay('31/02/2026', 'Europe/Berlin')).toBeUndefined();
  });

  it('names the zone once, in words', () => {
    const jan = new Date('2026-01-15T12:00:00Z');
    expect(zoneLabel('Europe/Berlin', jan)).toBe('Central European Time (Berlin)');
    expect(zoneLabel('UTC', jan)).toBe('Coordinated Universal Time (UTC)');
    expect(zoneLabel('America/New_York', jan)).toBe('Eastern Time (New York)');
  });
});
