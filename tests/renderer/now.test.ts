// The doctor's "Now": which visit is under way, which is next, how soon, late or running over.
import { describe, expect, it } from 'vitest';
import { countdown, flagsOf, liveWords, nowOf } from '../../renderer/src/lib/now';
import { appt } from './fixtures';

const at = (iso: string) => Date.parse(iso);
const ready = (
  startUtc: string,
  extra: Partial<ReturnType<typeof appt>['meeting']> = {},
  durationMin = 20,
) => {
  const a = appt({ startUtc, durationMin, visitType: 'telemed' });
  return { ...a, id: startUtc, meeting: { ...a.meeting, state: 'ready' as const, ...extra } };
};

describe('the doctor’s now', () => {
  const rows = [
    ready('2026-03-14T09:00:00.000Z'),
    ready('2026-03-14T09:30:00.000Z'),
    ready('2026-03-14T10:00:00.000Z'),
    { ...ready('2026-03-14T10:30:00.000Z'), status: 0 as const },
    ready('2026-03-14T11:00:00.000Z'),
    ready('2026-03-14T11:30:00.000Z'),
    ready('2026-03-14T12:00:00.000Z'),
  ];

  it('puts the visit under way, then the next one first, then up to three after; cancelled ones never', () => {
    const n = nowOf(rows, at('2026-03-14T09:05:00Z'));
    expect(n.current?.startUtc).toBe('2026-03-14T09:00:00.000Z');
    expect(n.next?.startUtc).toBe('2026-03-14T09:30:00.000Z');
    expect(n.after.map((a) => a.startUtc)).toEqual([
      '2026-03-14T10:00:00.000Z',
      '2026-03-14T11:00:00.000Z',
      '2026-03-14T11:30:00.000Z',
    ]);
  });

  it('a visit still going on Zoom after its time stays the one under way; one ended on Zoom does not', () => {
    const going = [ready('2026-03-14T09:00:00.000Z', { live: 'started' }), ready('2026-03-14T10:00:00.000Z')];
    expect(nowOf(going, at('2026-03-14T09:40:00Z')).current?.startUtc).toBe('2026-03-14T09:00:00.000Z');
    const ended = [ready('2026-03-14T09:00:00.000Z', { live: 'ended' }), ready('2026-03-14T10:00:00.000Z')];
    expect(nowOf(ended, at('2026-03-14T09:10:00Z')).current).toBeNull();
  });

  it('counts down in whole minutes and hours, and back once the time has passed', () => {
    const start = '2026-03-14T10:00:00.000Z';
    expect(countdown(start, at('2026-03-14T09:56:00Z'))).toBe('in 4 min');
    expect(countdown(start, at('2026-03-14T08:55:00Z'))).toBe('in 1 h 5 min');
    expect(countdown(start, at('2026-03-14T09:00:00Z'))).toBe('in 1 h');
    expect(countdown(start, at('2026-03-14T10:00:20Z'))).toBe('now');
    expect(countdown(start, at('2026-03-14T10:03:00Z'))).toBe('3 min ago');
  });

  it('flags a tele-visit late when its time passed with no start on Zoom, and one running over', () => {
    const v = ready('2026-03-14T10:00:00.000Z');
    expect(flagsOf(v, at('2026-03-14T10:01:00Z')).late).toBe(false);
    expect(flagsOf(v, at('2026-03-14T10:02:00Z')).late).toBe(true);
    expect(
      flagsOf({ ...v, meeting: { ...v.meeting, live: 'started' } }, at('2026-03-14T10:05:00Z')).late,
    ).toBe(false);
    expect(flagsOf({ ...v, meeting: { ...v.meeting, live: 'started' } }, at('2026-03-14T10:25:00Z'))).toEqual(
      {
        late: false,
        overrunning: true,
      },
    );
    expect(flagsOf({ ...v, visitType: 'in_person' }, at('2026-03-14T10:10:00Z')).late).toBe(false);
  });

  it('says what Zoom last said, in words', () => {
    expect(liveWords(ready('2026-03-14T10:00:00.000Z', { live: 'started' }))).toBe('In progress on Zoom');
    expect(liveWords(ready('2026-03-14T10:00:00.000Z', { live: 'ended' }))).toBe('Ended on Zoom');
    expect(liveWords(ready('2026-03-14T10:00:00.000Z', { openedAt: '2026-03-14T09:59:00Z' }))).toBe(
      'Opened in Zoom',
    );
    expect(liveWords(ready('2026-03-14T10:00:00.000Z'))).toBeNull();
  });
});
