import { describe, expect, it } from 'vitest';
import { MeetingInput, MeetingPatch } from '../../main/core/zoom/meeting-input';

const valid = {
  topic: 'Telemedical Consultation CC-7F3A',
  start_time: '2030-03-04T15:30:00Z',
  timezone: 'America/New_York',
  duration: 30,
  password: 'aB3@_*-x9',
  settings: { waiting_room: true, join_before_host: false },
};

describe('meeting input', () => {
  it('accepts a scheduled meeting and fills in type 2', () => {
    expect(MeetingInput.parse(valid).type).toBe(2);
  });

  it.each([
    ['a topic over 200 characters', { topic: 'x'.repeat(201) }],
    ['an agenda over 2000 characters', { agenda: 'x'.repeat(2001) }],
    ['a passcode over 10 characters', { password: 'abcdefghijk' }],
    ['a passcode with a space', { password: 'ab cd' }],
    ['a local start time without Z', { start_time: '2030-03-04T15:30:00' }],
    ['a start time with milliseconds', { start_time: '2030-03-04T15:30:00.000Z' }],
    ['an impossible date', { start_time: '2030-02-30T15:30:00Z' }],
    ['an unknown time zone', { timezone: 'Mars/Olympus' }],
    ['a misspelt setting', { settings: { waitingroom: true } }],
    ['a recurring type', { type: 8 }],
  ])('refuses %s', (_name, change) => {
    expect(MeetingInput.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('accepts a patch of only the start time, and refuses an empty one', () => {
    expect(MeetingPatch.safeParse({ start_time: '2030-03-05T09:00:00Z' }).success).toBe(true);
    expect(MeetingPatch.safeParse({}).success).toBe(false);
  });
});
