import { DateTime } from 'luxon';

/** The one text form of an instant on disk and towards Zoom: `YYYY-MM-DDTHH:mm:ssZ`. */
export const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Parses an ISO instant with `Z` or an explicit offset; undefined if it has neither or is invalid. */
export function toCanonicalUtc(iso: string): string | undefined {
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(iso)) return undefined;
  const dt = DateTime.fromISO(iso, { setZone: true });
  return dt.isValid ? dt.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'") : undefined;
}

export const dateToCanonicalUtc = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

export type LocalTimeResult =
  | { ok: true; utc: string; ambiguous: boolean }
  | { ok: false; reason: 'invalid' | 'nonexistent' };

/**
 * A wall-clock time in a zone → UTC. A time skipped by a DST change is refused (it never happens
 * on the clinic's clocks); a time that happens twice takes the first occurrence and says so.
 */
export function localToUtc(localIso: string, zone: string): LocalTimeResult {
  const dt = DateTime.fromISO(localIso, { zone });
  if (!dt.isValid) return { ok: false, reason: 'invalid' };
  const wanted = DateTime.fromISO(localIso, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
  if (dt.toFormat("yyyy-MM-dd'T'HH:mm:ss") !== wanted) return { ok: false, reason: 'nonexistent' };
  const options = dt.getPossibleOffsets().sort((a, b) => a.toMillis() - b.toMillis());
  const first = options[0] ?? dt;
  return {
    ok: true,
    utc: first.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'"),
    ambiguous: options.length > 1,
  };
}

/** The instant shown as wall-clock time in a zone, e.g. for messages ("Mon 7 Jan, 10:00"). */
export const utcToLocal = (utc: string, zone: string): DateTime =>
  DateTime.fromISO(utc, { zone: 'UTC' }).setZone(zone);
