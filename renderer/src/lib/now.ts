// The doctor's "now", from the day's rows and the clock: the visit under way, the next one, what
// comes after, and words for how soon (or how late) each is. Pure, so it is tested without a page.
import type { Appointment } from './types';

const MIN = 60_000;
/** A tele-visit not started this long after its start time is late. */
export const LATE_AFTER_MS = 2 * MIN;

export interface Now {
  /** Under way: its time has come and it has not ended, or Zoom says it is still going. */
  current: Appointment | null;
  next: Appointment | null;
  after: Appointment[];
}

const startOf = (a: Appointment) => Date.parse(a.startUtc);
const endOf = (a: Appointment) => startOf(a) + a.durationMin * MIN;

export function nowOf(rows: readonly Appointment[], nowMs: number): Now {
  const active = rows.filter((a) => a.status !== 0).sort((x, y) => startOf(x) - startOf(y));
  const current =
    active.find((a) => a.meeting.live === 'started') ??
    active.find((a) => startOf(a) <= nowMs && nowMs < endOf(a) && a.meeting.live !== 'ended') ??
    null;
  const upcoming = active.filter((a) => a !== current && startOf(a) > nowMs);
  return { current, next: upcoming[0] ?? null, after: upcoming.slice(1, 4) };
}

/** "in 4 min", "in 1 h 5 min", "now", "started 3 min ago" — always whole minutes. */
export function countdown(startUtc: string, nowMs: number): string {
  const diff = Date.parse(startUtc) - nowMs;
  const minutes = Math.round(Math.abs(diff) / MIN);
  if (minutes === 0) return 'now';
  const words =
    minutes >= 60
      ? `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`
      : `${minutes} min`;
  return diff > 0 ? `in ${words}` : `${words} ago`;
}

export interface Flags {
  /** A tele-visit whose time has come, with no sign on Zoom that it started. */
  late: boolean;
  /** Still going on Zoom after its planned end. */
  overrunning: boolean;
}

export function flagsOf(a: Appointment, nowMs: number): Flags {
  if (a.status === 0 || a.visitType !== 'telemed') return { late: false, overrunning: false };
  const started = a.meeting.live === 'started' || a.meeting.live === 'ended';
  return {
    late: !started && nowMs - startOf(a) >= LATE_AFTER_MS && nowMs < endOf(a),
    overrunning: a.meeting.live === 'started' && nowMs > endOf(a),
  };
}

/** The meeting's life in words for the Now card: ready, opened, started, ended. */
export function liveWords(a: Appointment): string | null {
  if (a.visitType !== 'telemed') return null;
  if (a.meeting.live === 'started') return 'In progress on Zoom';
  if (a.meeting.live === 'ended') return 'Ended on Zoom';
  if (a.meeting.openedAt) return 'Opened in Zoom';
  return null;
}
