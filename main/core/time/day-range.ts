import { DateTime } from 'luxon';

export interface UtcRange {
  /** Inclusive. */
  fromUtc: string;
  /** Exclusive. */
  toUtc: string;
}

/**
 * A calendar day in a zone as a UTC range: midnight to the next midnight on the clinic's clocks, so
 * DST days are 23 or 25 hours long. undefined for a malformed date or zone.
 */
export function dayRangeUtc(date: string, zone: string): UtcRange | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  if (!start.isValid) return undefined;
  const end = start.plus({ days: 1 });
  const fmt = (d: DateTime) => d.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
  return { fromUtc: fmt(start), toUtc: fmt(end) };
}
