import type { StatusCode } from '../store/records';

/** KiviCare's codes, so a synced appointment means the same thing in both places. */
export const Status = {
  Cancelled: 0,
  Booked: 1,
  Pending: 2,
  CheckOut: 3,
  CheckIn: 4,
} as const satisfies Record<string, StatusCode>;

export const statusName: Record<StatusCode, string> = {
  0: 'Cancelled',
  1: 'Booked',
  2: 'Pending',
  3: 'Check-out',
  4: 'Check-in',
};
