import { describe, expect, it } from 'vitest';
import { dueReminders, type ReminderCandidate } from '../../main/core/reminders/due';

const at = (iso: string) => Date.parse(iso);
const visit = (over: Partial<ReminderCandidate> = {}): ReminderCandidate => ({
  appointmentId: 'a1',
  doctorId: 'doc-1',
  startUtc: '2026-03-02T10:00:00Z',
  visitType: 'telemed',
  status: 1,
  ...over,
});

describe('reminders', () => {
  it('fire from five minutes before a tele-visit until it starts', () => {
    const opts = { doctorId: 'doc-1', alreadySent: new Set<string>() };
    expect(dueReminders([visit()], { ...opts, nowMs: at('2026-03-02T09:54:59Z') })).toHaveLength(0);
    expect(dueReminders([visit()], { ...opts, nowMs: at('2026-03-02T09:55:00Z') })).toHaveLength(1);
    expect(dueReminders([visit()], { ...opts, nowMs: at('2026-03-02T10:00:00Z') })).toHaveLength(0);
  });

  it('only for the unlocked doctor, tele-visits still to happen, and once', () => {
    const nowMs = at('2026-03-02T09:57:00Z');
    const list = [
      visit({ appointmentId: 'other-doc', doctorId: 'doc-2' }),
      visit({ appointmentId: 'in-person', visitType: 'in_person' }),
      visit({ appointmentId: 'cancelled', status: 0 }),
      visit({ appointmentId: 'sent' }),
      visit({ appointmentId: 'due' }),
    ];
    const got = dueReminders(list, { doctorId: 'doc-1', nowMs, alreadySent: new Set(['sent']) });
    expect(got.map((r) => r.appointmentId)).toEqual(['due']);
    expect(dueReminders(list, { doctorId: null, nowMs, alreadySent: new Set() })).toEqual([]);
  });
});
