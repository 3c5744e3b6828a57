// A moment as the clinic reads it in the core's own words ("not seen since 10:42 CET"): the clinic's
// clock and zone, the zone stated. Clinics in the United States read a 12-hour clock; everywhere else
// reads 24 hours: the same rule as the renderer's one formatter (renderer/src/lib/time.ts), which a
// test holds the two to.
import { DateTime } from 'luxon';

const US_ZONE =
  /^(America\/(New_York|Detroit|Chicago|Denver|Phoenix|Los_Angeles|Anchorage|Boise|Indiana\/.+|Kentucky\/.+|North_Dakota\/.+|Juneau|Sitka|Nome|Menominee|Adak|Metlakatla|Yakutat)|Pacific\/Honolulu|US\/.+)$/;

export const clinicLocaleOf = (zone: string): 'en-US' | 'en-GB' => (US_ZONE.test(zone) ? 'en-US' : 'en-GB');

const PATTERNS = {
  'en-GB': { time: 'HH:mm', day: 'ccc d LLL' },
  'en-US': { time: 'h:mm a', day: 'ccc, LLL d' },
} as const;

/**
 * "10:42 CET" (or "10:42 AM EST"); a moment on another day than `nowMs`'s in the clinic reads
 * "Mon 30 Nov, 10:42 CET".
 */
export function clinicClock(utc: string, zone: string, nowMs?: number): string {
  const locale = clinicLocaleOf(zone);
  const t = DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone).setLocale(locale);
  if (!t.isValid) return utc;
  const p = PATTERNS[locale];
  const clock = `${t.toFormat(p.time)} ${t.toFormat('ZZZZ')}`;
  if (nowMs === undefined) return clock;
  const today = DateTime.fromMillis(nowMs, { zone }).toISODate();
  return t.toISODate() === today ? clock : `${t.toFormat(p.day)}, ${clock}`;
}
