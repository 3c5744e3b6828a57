// Which of the unlocked doctor's tele-visits should raise a reminder now. Pure: the scheduler
// calls it on a timer, the shell shows the notification.
export interface ReminderCandidate {
  appointmentId: string;
  doctorId: string;
  startUtc: string;
  visitType: 'telemed' | 'in_person';
  status: number;
}

export const DEFAULT_LEAD_MINUTES = 5;

/** Booked, pending and checked-in visits are still to happen; cancelled and checked-out are not. */
const upcomingStatuses = new Set([1, 2, 4]);

export function dueReminders(
  candidates: readonly ReminderCandidate[],
  opts: { doctorId: string | null; nowMs: number; leadMinutes?: number; alreadySent: ReadonlySet<string> },
): ReminderCandidate[] {
  if (!opts.doctorId) return [];
  const lead = (opts.leadMinutes ?? DEFAULT_LEAD_MINUTES) * 60_000;
  return candidates.filter((c) => {
    if (c.doctorId !== opts.doctorId || c.visitType !== 'telemed' || !upcomingStatuses.has(c.status))
      return false;
    if (opts.alreadySent.has(c.appointmentId)) return false;
    const start = Date.parse(c.startUtc);
    // Due from `lead` minutes before the start until the start itself: a late unlock still gets
    // a reminder for a visit about to begin, never for one already under way.
    return opts.nowMs >= start - lead && opts.nowMs < start;
  });
}
