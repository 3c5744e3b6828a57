// Pure decisions for the booking dialog: which of a doctor's visits a new time would overlap, and
// the doctor's next free slot that is not in the past.
import { DateTime } from 'luxon';
import type { Appointment } from '../store/records';

export interface Span {
  startMs: number;
  endMs: number;
}

const span = (a: Appointment): Span => {
  const startMs = Date.parse(a.startUtc);
  return { startMs, endMs: startMs + a.durationMin * 60_000 };
};

/** Live visits (not cancelled, not deleted, not `exceptId`) that share any minute with `want`. */
export function conflictsWith(list: readonly Appointment[], want: Span, exceptId?: string): Appointment[] {
  return list.filter((a) => {
    if (a.status === 0 || a.deletedAt || a.id === exceptId) return false;
    const s = span(a);
    return s.startMs < want.endMs && want.startMs < s.endMs;
  });
}

export interface SlotRules {
  /** Grid the slots sit on, in minutes. */
  stepMin: number;
  /** The clinic's day on its own clocks, as hours. */
  openHour: number;
  closeHour: number;
  /** How many days ahead to look before giving up (then the first slot of `from` is returned). */
  days: number;
}
export const DEFAULT_SLOT_RULES: SlotRules = { stepMin: 15, openHour: 8, closeHour: 18, days: 21 };

/**
 * The first slot on `date` or later, on the grid, within opening hours, after `nowMs`, where the
 * doctor's visits (`list`, live or not) leave `durationMin` free. Times are wall-clock in `zone`.
 */
export function nextFreeSlot(
  list: readonly Appointment[],
  opts: { date: string; zone: string; durationMin: number; nowMs: number; rules?: SlotRules },
): { date: string; time: string } {
  const r = opts.rules ?? DEFAULT_SLOT_RULES;
  const now = DateTime.fromMillis(opts.nowMs, { zone: opts.zone });
  let day = DateTime.fromISO(opts.date, { zone: opts.zone }).startOf('day');
  if (!day.isValid || day < now.startOf('day')) day = now.startOf('day');
  const first = day;
  for (let d = 0; d < r.days; d++, day = day.plus({ days: 1 })) {
    for (let t = day.set({ hour: r.openHour }); ; t = t.plus({ minutes: r.stepMin })) {
      const end = t.plus({ minutes: opts.durationMin });
      if (end > day.set({ hour: r.closeHour }) || t.day !== day.day) break;
      if (t.toMillis() <= opts.nowMs) continue;
      if (conflictsWith(list, { startMs: t.toMillis(), endMs: end.toMillis() }).length === 0) {
        return { date: t.toISODate()!, time: t.toFormat('HH:mm') };
      }
    }
  }
  return { date: first.toISODate()!, time: `${String(r.openHour).padStart(2, '0')}:00` };
}
