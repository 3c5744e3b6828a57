// Clinic-time arithmetic: every time shown is in the clinic's zone, never the desktop's.
import { DateTime } from 'luxon';

export function todayIn(zone: string): string {
  return DateTime.now().setZone(zone).toISODate() ?? DateTime.now().toISODate()!;
}

export function shiftDay(day: string, days: number): string {
  return DateTime.fromISO(day).plus({ days }).toISODate() ?? day;
}

export function formatTime(utc: string, zone: string): string {
  return DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone).toFormat('HH:mm');
}

export function formatDayLong(day: string): string {
  return DateTime.fromISO(day).toFormat('cccc d LLLL yyyy');
}

/** Minutes since local midnight in the clinic's zone. */
export function minutesOfDay(utc: string, zone: string): number {
  const t = DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone);
  return t.hour * 60 + t.minute;
}

export function clock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Local date and time fields for editing an appointment. */
export function localParts(utc: string, zone: string): { date: string; time: string } {
  const t = DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone);
  return { date: t.toISODate() ?? '', time: t.toFormat('HH:mm') };
}

export function formatDateTime(utc: string, zone: string): string {
  return DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone).toFormat('d LLL yyyy, HH:mm');
}
