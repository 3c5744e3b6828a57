import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reminderNotification } from '../../main/core/reminders/notification';

describe('reminder notifications name no patient', () => {
  it('say the time on the clinic clock, the zone and the doctor', () => {
    const n = reminderNotification(
      { appointmentId: 'a1', startUtc: '2026-03-02T09:30:00Z' },
      'Dr. Lee',
      'Europe/Berlin',
    );
    expect(n).toEqual({
      title: 'Tele-visit starting soon',
      body: 'Tele-visit at 10:30 (Europe/Berlin) with Dr. Lee',
      appointmentId: 'a1',
    });
  });

  it('whatever the reminder carries (patient name, reason), title and body hold none of it', () => {
    const name = fc
      .stringMatching(/^[A-Z][a-z]{3,10}$/)
      .filter((n) => !['Tele', 'Europe', 'Berlin'].includes(n));
    fc.assert(
      fc.property(name, name, (first, last) => {
        const reminder = {
          appointmentId: 'a1',
          startUtc: '2026-03-02T09:30:00Z',
          patientName: `${first} ${last}`,
          reason: `${last} follow-up`,
        };
        const n = reminderNotification(reminder, 'Dr. Lee', 'Europe/Berlin');
        const shown = `${n.title}\n${n.body}`;
        return !shown.includes(first) && !shown.includes(last);
      }),
    );
  });
});
