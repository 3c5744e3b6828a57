// "last seen 3 min ago (10:42 CET)": when another desktop last told the clinic database it was
// alive, for the health check, in the clinic's time zone.
import { DateTime } from 'luxon';

// Intl names a zone's abbreviation only in the locales that use it ("CET" in en-GB, "EST" in
// en-US, "IST" in en-IN …); elsewhere it says "GMT+1". The first real abbreviation wins.
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'en-ZA', 'ja-JP'];

export function zoneAbbreviation(at: DateTime): string {
  let fallback = '';
  for (const locale of ABBREVIATION_LOCALES) {
    const name = at.setLocale(locale).offsetNameShort ?? '';
    fallback ||= name;
    if (name && !/^(GMT|UTC)[+-]/.test(name)) return name;
  }
  return fallback || at.toFormat('ZZ');
}

function ago(ms: number): string {
  const min = Math.floor(ms / 60_000);
  if (min < 1) return 'just now';
  if (min < 90) return `${min} min ago`;
  const h = Math.round(ms / 3_600_000);
  if (h < 36) return `${h} h ago`;
  return `${Math.round(ms / 86_400_000)} days ago`;
}

/** "3 min ago (10:42 CET)", "12 days ago (2030-01-01 09:00 CET)"; times in the clinic's zone. */
export function lastSeenWords(lastSeenAt: string, checkedAt: string, zone: string): string {
  const seen = DateTime.fromISO(lastSeenAt, { zone });
  const now = DateTime.fromISO(checkedAt, { zone });
  if (!seen.isValid) return `at an unreadable time (${lastSeenAt})`;
  const sameDay = seen.hasSame(now, 'day');
  const clock = `${seen.toFormat(sameDay ? 'HH:mm' : 'yyyy-MM-dd HH:mm')} ${zoneAbbreviation(seen)}`;
  const ms = now.toMillis() - seen.toMillis();
  // A time ahead of this desktop's clock: one of the two clocks is wrong.
  if (ms < -60_000) return `${clock}, ${Math.round(-ms / 60_000)} min ahead of this desktop's clock`;
  return `${ago(Math.max(0, ms))} (${clock})`;
}
