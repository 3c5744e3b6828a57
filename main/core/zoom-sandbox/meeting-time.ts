import { DateTime, IANAZone } from 'luxon';
import { fieldError } from './http';

const FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z?)$/;

export function checkTimezone(tz: unknown): string {
  if (typeof tz !== 'string' || !IANAZone.isValidZone(tz)) throw fieldError('timezone', 'Invalid timezone.');
  return tz;
}

/**
 * `yyyy-MM-ddTHH:mm:ssZ` is UTC; without `Z` it is local time in `timezone` (the host's when the
 * request gives none, which is how a missing timezone turns into a wrong time). Other forms are refused.
 */
export function parseStartTime(raw: unknown, timezone: string): string {
  if (typeof raw !== 'string') throw fieldError('start_time', 'Invalid field.');
  const match = FORMAT.exec(raw);
  if (!match) throw fieldError('start_time', 'Invalid start_time format, use yyyy-MM-ddTHH:mm:ssZ.');
  const dt = DateTime.fromISO(raw, { zone: match[2] ? 'utc' : timezone });
  if (!dt.isValid) throw fieldError('start_time', 'Invalid start_time.');
  return utcString(dt.toMillis());
}

export const utcString = (ms: number): string =>
  DateTime.fromMillis(ms, { zone: 'utc' }).toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
