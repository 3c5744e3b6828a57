// KiviCare sends wall-clock times without an offset; they mean the site's (WordPress) time zone.
import { DateTime } from 'luxon';

const FORMATS = ["yyyy-MM-dd'T'HH:mm:ss", 'yyyy-MM-dd HH:mm:ss', "yyyy-MM-dd'T'HH:mm", 'yyyy-MM-dd HH:mm'];

/**
 * Reads a site-local `Y-m-d\TH:i:s` in zone. A time that does not exist (spring-forward gap) is
 * refused rather than shifted, so a wrong hour never reaches a patient.
 */
export function siteLocalToDateTime(local: string, zone: string): DateTime | undefined {
  for (const format of FORMATS) {
    const dt = DateTime.fromFormat(local.trim(), format, { zone });
    if (!dt.isValid) continue;
    // luxon moves a non-existent wall time forward; a round trip reveals that.
    if (
      dt.toFormat('yyyy-MM-dd HH:mm') !==
      DateTime.fromFormat(local.trim(), format, { zone: 'utc' }).toFormat('yyyy-MM-dd HH:mm')
    ) {
      return undefined;
    }
    return dt;
  }
  return undefined;
}

/** `YYYY-MM-DDTHH:mm:ssZ`, the stored form. */
export const toUtcIso = (dt: DateTime): string => dt.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");

/** Reads a separate date and time (the mobile API), with 12-hour times as some sites send them. */
export function siteDateAndTime(date: string, time: string, zone: string): DateTime | undefined {
  const t = time.trim();
  const direct = siteLocalToDateTime(`${date.trim()} ${t.length === 5 ? `${t}:00` : t}`, zone);
  if (direct) return direct;
  for (const format of ['yyyy-MM-dd h:mm a', 'yyyy-MM-dd h:mma', 'yyyy-MM-dd hh:mm a']) {
    const dt = DateTime.fromFormat(`${date.trim()} ${t.toUpperCase()}`, format, { zone });
    if (dt.isValid) return siteLocalToDateTime(dt.toFormat('yyyy-MM-dd HH:mm:ss'), zone);
  }
  return undefined;
}

/** The UTC instants that bound site-local days dateFrom … dateTo (inclusive). */
export function windowToUtc(
  dateFrom: string,
  dateTo: string,
  zone: string,
): { fromUtc: string; toUtc: string } {
  const from = DateTime.fromISO(dateFrom, { zone }).startOf('day');
  const to = DateTime.fromISO(dateTo, { zone }).plus({ days: 1 }).startOf('day');
  return { fromUtc: toUtcIso(from), toUtc: toUtcIso(to) };
}

/** Today ± days in zone, as `YYYY-MM-DD`. */
export function dayInZone(now: Date, zone: string, offsetDays: number): string {
  return DateTime.fromJSDate(now, { zone }).plus({ days: offsetDays }).toISODate()!;
}
