// What the page says while the clinic's server is away (a clinic of desktops): since when, which
// day it shows and as of when, and that booking waits. Pure, so the words are tested as they read.
import { formatTime, formatTimeZoned } from './time';
import type { AppStatus } from './types';

/** Set while the clinic server does not answer: changes to the schedule wait until it is back. */
export const serverAway = (status: AppStatus | null): boolean =>
  status?.database.shared === true && !status.database.connected;

/**
 * The banner: "The clinic server is away since 10:42 CET. You are seeing the day as it was at
 * 10:42; booking is paused until it is back." `asOf` is when the day shown was read (null: the day
 * could not be read).
 */
export function serverAwayWords(awaySince: string | null, asOf: string | null, zone: string): string {
  const since = awaySince
    ? `The clinic server is away since ${formatTimeZoned(awaySince, zone)}.`
    : 'The clinic server cannot be reached.';
  return asOf
    ? `${since} You are seeing the day as it was at ${formatTime(asOf, zone)}; booking is paused until it is back.`
    : `${since} Booking is paused until it is back.`;
}

/** Beside the day's list while it shows the last read: "As it was at 10:42 CET". */
export function asOfWords(asOf: string, zone: string): string {
  return `As it was at ${formatTimeZoned(asOf, zone)}: the clinic server is away, so changes made since on other desktops are not shown.`;
}

/** Why the booking buttons do nothing while the server is away (their accessible description). */
export const BOOKING_PAUSED =
  'Booking is paused: the clinic server cannot be reached. Visits can be booked, moved or cancelled again when it is back.';

/** Where this desktop stands in the clinic, said discreetly: "Reception · clinic server". */
export function desktopWords(status: AppStatus | null): string | null {
  if (!status?.database.shared) return null;
  return `${status.database.desktop ?? 'This desktop'} · clinic server`;
}
