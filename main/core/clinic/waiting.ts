// "Waiting for Room 2": what a visit's row says when its meeting is not made yet and this desktop
// cannot make it, because only another desktop holds the doctor's Zoom sign-in (or the clinic's).
// Pure: the day list reads the desktops once (Presence.expectedFor) and words each row from it.
import { clinicClock } from '../time/clock';
import type { ExpectedDesktop } from './presence';

export interface Waiting {
  words: string;
  /** None of the expected desktops has been seen lately: the meeting waits until one is back. */
  away: boolean;
}

/** "Room 2", "Room 2 or Room 3", "Room 2, Room 3 or Room 4". */
export function orList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** At most this many desktops are named; a clinic rarely has more holding one doctor. */
const NAMED = 3;

export function waitingFor(
  doctorName: string,
  desktops: readonly ExpectedDesktop[],
  zone: string,
  nowMs: number,
): Waiting | null {
  if (desktops.length === 0) return null;
  const alive = desktops.filter((d) => d.alive);
  const shown = (alive.length ? alive : desktops).slice(0, NAMED);
  const clinicWide = shown.every((d) => d.clinicWide);
  const why = clinicWide
    ? alive.length > 1
      ? ', which hold the clinic’s Zoom account'
      : ', which holds the clinic’s Zoom account'
    : `, where ${doctorName} is signed in to Zoom`;
  if (alive.length) {
    return { words: `Waiting for ${orList(unique(shown.map((d) => d.name)))}${why}.`, away: false };
  }
  const named = orList(
    shown.map((d) => `${d.name} (not seen since ${clinicClock(d.lastSeenAt, zone, nowMs)})`),
  );
  const fix = clinicWide
    ? 'Start Clinic Companion there, or set up the clinic’s Zoom account on this desktop.'
    : `Start Clinic Companion there, or ${doctorName} can connect Zoom on this desktop.`;
  return { words: `Waiting for ${named}${why}. ${fix}`, away: true };
}

const unique = (names: string[]) => [...new Set(names)];
