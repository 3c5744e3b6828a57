// The one formatter: every time and date the app shows is in the clinic's zone (never the desktop's),
// in one format taken from the clinic's locale. Lists, dialogs, the import preview and notes all
// call these functions, so a visit reads the same everywhere.
import { DateTime } from 'luxon';

/**
 * The clinic's locale, derived from its zone: clinics in the United States read a 12-hour clock and
 * month-first dates; everywhere else reads 24 hours, day first ("Tuesday 1 December 2026, 22:50").
 */
export function clinicLocale(zone: string): string {
  return US_ZONE.test(zone) ? 'en-US' : 'en-GB';
}
const US_ZONE =
  /^(America\/(New_York|Detroit|Chicago|Denver|Phoenix|Los_Angeles|Anchorage|Boise|Indiana\/.+|Kentucky\/.+|North_Dakota\/.+|Juneau|Sitka|Nome|Menominee|Adak|Metlakatla|Yakutat)|Pacific\/Honolulu|US\/.+)$/;

/** True where the clinic's clock runs 00–23; dialogs then ask for "14:30", otherwise "2:30 PM". */
export const uses24Hour = (zone: string): boolean => clinicLocale(zone) !== 'en-US';

// Fixed patterns per locale (names from Intl): the same text in Node, Chromium and Electron.
const PATTERNS = {
  'en-GB': { time: 'HH:mm', long: 'cccc d LLLL yyyy', short: 'ccc d LLL yyyy' },
  'en-US': { time: 'h:mm a', long: 'cccc, LLLL d, yyyy', short: 'ccc, LLL d, yyyy' },
} as const;
const patterns = (zone: string) => PATTERNS[clinicLocale(zone) as keyof typeof PATTERNS];
const at = (utc: string, zone: string) =>
  DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone).setLocale(clinicLocale(zone));
const timeOf = (t: DateTime, zone: string) => t.toFormat(patterns(zone).time);
const dayOf = (d: DateTime, zone: string, style: 'long' | 'short') => d.toFormat(patterns(zone)[style]);

export function todayIn(zone: string): string {
  return DateTime.now().setZone(zone).toISODate() ?? DateTime.now().toISODate()!;
}

export function shiftDay(day: string, days: number): string {
  return DateTime.fromISO(day).plus({ days }).toISODate() ?? day;
}

/** "22:50" (or "10:50 PM" in a 12-hour clinic). */
export function formatTime(utc: string, zone: string): string {
  return timeOf(at(utc, zone), zone);
}

/** "Tuesday 1 December 2026"; the zone gives the clinic's locale (its date needs no zone of its own). */
export function formatDayLong(day: string, zone = 'UTC'): string {
  return dayOf(DateTime.fromISO(day).setLocale(clinicLocale(zone)), zone, 'long');
}

/** "22:50 CET" (or "10:50 PM EST"): a time said on its own, away from a list that names the zone. */
export function formatTimeZoned(utc: string, zone: string): string {
  const t = at(utc, zone);
  return `${timeOf(t, zone)} ${t.toFormat('ZZZZ')}`;
}

/** "Tue 1 Dec 2026": a clinic day as the date fields of dialogs show it. */
export function formatDayShort(day: string, zone: string): string {
  return dayOf(DateTime.fromISO(day).setLocale(clinicLocale(zone)), zone, 'short');
}

/** "Tue 1 Dec 2026, 22:50": a visit's day and time, e.g. in the import preview. */
export function formatDateTime(utc: string, zone: string): string {
  const t = at(utc, zone);
  return `${dayOf(t, zone, 'short')}, ${timeOf(t, zone)}`;
}

/** A clock time "HH:mm" (24 h, as the core takes it) as the clinic reads it. */
export function formatClock(hhmm: string, zone: string): string {
  const t = DateTime.fromFormat(hhmm, 'HH:mm', { zone: 'UTC' });
  return t.isValid ? timeOf(t.setLocale(clinicLocale(zone)), zone) : hhmm;
}

/**
 * What a person typed in a time field, as "HH:mm": "14:30", "1430", "9:05", "2:30 pm", "2 PM".
 * undefined when it is not a time of day.
 */
export function parseClock(text: string): string | undefined {
  const m = text
    .trim()
    .toLowerCase()
    .replace(/\./g, ':')
    .match(/^(\d{1,2})(?::?(\d{2}))?\s*(am|pm|a|p)?$/);
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  const half = m[3]?.[0];
  if (min > 59) return undefined;
  if (half) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (half === 'p' ? 12 : 0);
  } else if (h > 23 || (m[2] === undefined && m[1]!.length > 2)) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/**
 * What a person typed in a date field, as "YYYY-MM-DD": the clinic's own "1 Dec 2026" or
 * "Tue 1 Dec 2026", "1 December 2026", the clinic's numeric order ("1/12/2026", or "12/1/2026" in a
 * 12-hour clinic) and "2026-12-01". undefined when it is not a date.
 */
export function parseDay(text: string, zone: string): string | undefined {
  const t = text.trim().replace(/,/g, ' ').replace(/\s+/g, ' ');
  const locale = clinicLocale(zone);
  const numeric = locale === 'en-US' ? ['M/d/yyyy', 'M-d-yyyy'] : ['d/M/yyyy', 'd.M.yyyy', 'd-M-yyyy'];
  const formats = [
    'yyyy-MM-dd',
    ...numeric,
    'd MMM yyyy',
    'ccc d MMM yyyy',
    'd MMMM yyyy',
    'cccc d MMMM yyyy',
  ];
  const us = ['MMM d yyyy', 'ccc MMM d yyyy', 'MMMM d yyyy', 'cccc MMMM d yyyy'];
  for (const f of [...formats, ...us]) {
    const d = DateTime.fromFormat(t, f, { locale: 'en-GB' });
    if (d.isValid) return d.toISODate()!;
  }
  return undefined;
}

/** The clinic's zone in words, said once on every list and dialog: "Central European Time (Berlin)". */
export function zoneLabel(zone: string, when: Date = new Date()): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'Coordinated Universal Time (UTC)';
  const city = zone.split('/').at(-1)!.replace(/_/g, ' ');
  const name = (style: 'longGeneric' | 'long') => {
    try {
      return (
        new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: style })
          .formatToParts(when)
          .find((p) => p.type === 'timeZoneName')?.value ?? ''
      );
    } catch {
      return '';
    }
  };
  const words = [name('longGeneric'), name('long')].find((n) => n && !/^(GMT|UTC)/.test(n));
  return words ? `${words} (${city})` : `${city} time`;
}

/** Minutes since local midnight in the clinic's zone. */
export function minutesOfDay(utc: string, zone: string): number {
  const t = DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone);
  return t.hour * 60 + t.minute;
}

export function clock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Local date and time fields for editing an appointment. */
export function localParts(utc: string, zone: string): { date: string; time: string } {
  const t = DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone);
  return { date: t.toISODate() ?? '', time: t.toFormat('HH:mm') };
}
