import { describe, expect, it } from 'vitest';
import { meetingLabel, meetingTone } from '../../renderer/src/lib/labels';
import { throttle } from '../../renderer/src/lib/throttle';
import { shiftDay } from '../../renderer/src/lib/time';
import { validateAppointment } from '../../renderer/src/lib/validate';

const good = {
  doctorId: 'd1',
  patientId: 'p1',
  date: '2026-03-14',
  time: '09:30',
  durationMin: '20',
  visitType: 'telemed' as const,
  notes: '',
};

describe('appointment form checks', () => {
  it('accepts a complete form', () => {
    expect(validateAppointment(good)).toEqual({});
  });

  it('explains each missing or malformed field in words', () => {
    const e = validateAppointment({ ...good, patientId: '', time: '9.30', durationMin: '2' });
    expect(e).toEqual({
      patientId: 'Choose a patient or add a new one.',
      time: 'Enter a time like 09:30.',
      durationMin: 'A visit lasts 5 to 480 minutes.',
    });
  });
});

describe('meeting words', () => {
  const m = {
    joinUrl: null,
    meetingId: null,
    problem: null,
    provisionedBy: null,
    live: null,
    openedAt: null,
    waiting: null,
  };
  it('gives the reason when a meeting failed', () => {
    expect(meetingLabel({ ...m, state: 'failed', problem: 'Zoom refused the passcode.' }, 'telemed')).toBe(
      'Meeting failed: Zoom refused the passcode.',
    );
    expect(meetingTone({ ...m, state: 'failed' }, 'telemed')).toBe('error');
  });

  it('says an in-person visit has no video meeting', () => {
    expect(meetingLabel({ ...m, state: 'none' }, 'in_person')).toBe('No video meeting');
  });
});

describe('helpers', () => {
  it('activity pings are throttled', () => {
    let now = 0;
    let calls = 0;
    const ping = throttle(
      () => calls++,
      20_000,
      () => now,
    );
    ping();
    now = 5_000;
    ping();
    now = 20_000;
    ping();
    expect(calls).toBe(2);
  });

  it('steps days across month ends and DST changes', () => {
    expect(shiftDay('2026-03-31', 1)).toBe('2026-04-01');
    expect(shiftDay('2026-03-29', -1)).toBe('2026-03-28');
  });
});
