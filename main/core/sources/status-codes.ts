// KiviCare status codes, read by name where the site sends one, else by a configurable reading.
import type { StatusCode } from '../store/records';

/**
 * 'documented': 0 Cancelled, 1 Booked, 2 Pending, 3 Check-out, 4 Check-in.
 * 'swapped': the reading one 4.x filter uses, with 2 and 4 exchanged.
 */
export type StatusReading = 'documented' | 'swapped';

const BY_NAME: Record<string, StatusCode> = {
  cancelled: 0,
  canceled: 0,
  cancel: 0,
  booked: 1,
  book: 1,
  pending: 2,
  checkout: 3,
  checkedout: 3,
  checkin: 4,
  checkedin: 4,
};

/** The code a status name stands for, or undefined for a name we do not know. */
export function statusFromName(name: string): StatusCode | undefined {
  return BY_NAME[name.toLowerCase().replace(/[^a-z]/g, '')];
}

export function statusFromCode(code: number, reading: StatusReading): StatusCode | undefined {
  if (!Number.isInteger(code) || code < 0 || code > 4) return undefined;
  if (reading === 'swapped' && (code === 2 || code === 4)) return (6 - code) as StatusCode;
  return code as StatusCode;
}

/** Name first (it cannot be misread); the number only where no known name came with it. */
export function mapStatus(code: unknown, name: unknown, reading: StatusReading): StatusCode | undefined {
  if (typeof name === 'string' && name.trim()) {
    const byName = statusFromName(name);
    if (byName !== undefined) return byName;
  }
  const n = typeof code === 'string' && code.trim() !== '' ? Number(code) : code;
  return typeof n === 'number' ? statusFromCode(n, reading) : undefined;
}
