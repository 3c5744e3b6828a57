// While the clinic server is away, the buttons that book or change a visit stay in place and in the
// tab order (a disabled button would drop out of it, and with it the reason), marked unavailable and
// described by one note that says why.
import type { MouseEvent } from 'react';
import { BOOKING_PAUSED } from '../lib/server-away';
import { selectServerAway, useStatus } from '../stores/status';

export const PAUSED_NOTE_ID = 'booking-paused';

export function useBookingPaused(): boolean {
  return useStatus(selectServerAway);
}

/** The reason, shown once on the screen; the paused buttons point at it. */
export function BookingPausedNote({ id = PAUSED_NOTE_ID }: { id?: string }) {
  const paused = useBookingPaused();
  return paused ? (
    <p id={id} className="paused-note">
      {BOOKING_PAUSED}
    </p>
  ) : null;
}

/** A button's props while paused (does nothing, says why) or not (does `action`). */
export function pausable(paused: boolean, action: () => void, noteId = PAUSED_NOTE_ID) {
  return paused
    ? {
        'aria-disabled': true,
        'aria-describedby': noteId,
        'data-paused': true,
        onClick: (e: MouseEvent) => e.preventDefault(),
      }
    : { onClick: action };
}
