import { describe, expect, it } from 'vitest';
import { conflictsWith, nextFreeSlot } from '../../main/core/appointments/free-slot';
import type { Appointment } from '../../main/core/store/records';

const visit = (id: string, startUtc: string, durationMin: number, status = 1): Appointment =>
  ({ id, startUtc, durationMin, status, deletedAt: null, doctorId: 'doc' }) as unknown as Appointment;

describe('booking decisions', () => {
  it('a visit overlaps when it shares a minute; back to back, cancelled or itself do not', () => {
    const list = [
      visit('a', '2030-05-06T09:00:00Z', 20),
      visit('b', '2030-05-06T09:20:00Z', 20, 0),
      visit('c', '2030-05-06T09:40:00Z', 20),
    ];
    const at = (iso: string, min: number) => ({
      startMs: Date.parse(iso),
      endMs: Date.parse(iso) + min * 60_000,
    });
    expect(conflictsWith(list, at('2030-05-06T09:10:00Z', 20)).map((a) => a.id)).toEqual(['a']);
    expect(conflictsWith(list, at('2030-05-06T09:20:00Z', 20))).toEqual([]);
    expect(conflictsWith(list, at('2030-05-06T09:00:00Z', 60), 'a').map((a) => a.id)).toEqual(['c']);
  });

  it('the next free slot is after now, on the grid, and skips the doctor’s booked visits', () => {
    const nowMs = Date.parse('2030-05-06T09:07:00Z'); // 11:07 in Berlin
    const list = [visit('a', '2030-05-06T09:15:00Z', 30)]; // 11:15–11:45 Berlin
    expect(nextFreeSlot(list, { date: '2030-05-06', zone: 'Europe/Berlin', durationMin: 20, nowMs })).toEqual(
      { date: '2030-05-06', time: '11:45' },
    );
    // A day already past starts today; a future day at opening.
    expect(nextFreeSlot([], { date: '2030-05-01', zone: 'Europe/Berlin', durationMin: 20, nowMs })).toEqual({
      date: '2030-05-06',
      time: '11:15',
    });
    expect(nextFreeSlot([], { date: '2030-05-08', zone: 'Europe/Berlin', durationMin: 20, nowMs })).toEqual({
      date: '2030-05-08',
      time: '08:00',
    });
  });

  it('after closing time the next free slot is the next morning', () => {
    const nowMs = Date.parse('2030-05-06T16:50:00Z'); // 18:50 Berlin
    expect(nextFreeSlot([], { date: '2030-05-06', zone: 'Europe/Berlin', durationMin: 20, nowMs })).toEqual({
      date: '2030-05-07',
      time: '08:00',
    });
  });
});
