import { describe, expect, it } from 'vitest';
import { describeTimeline, layoutTimeline } from '../../renderer/src/lib/timeline';
import { appt } from './fixtures';

const zone = 'Europe/Berlin';

describe('day timeline layout', () => {
  it('puts overlapping visits in separate lanes and names them in words', () => {
    const rows = [
      appt({ startUtc: '2026-03-14T08:00:00.000Z', patientName: 'Ann' }), // 09:00 Berlin
      appt({ startUtc: '2026-03-14T08:15:00.000Z', patientName: 'Bob' }),
      appt({ startUtc: '2026-03-14T09:00:00.000Z', patientName: 'Cy' }),
    ];
    const t = layoutTimeline(rows, zone);
    expect(t.lanes).toBe(2);
    expect(t.bars.map((b) => [b.label, b.lane, b.overlaps])).toEqual([
      ['Ann', 0, true],
      ['Bob', 1, true],
      ['Cy', 0, false],
    ]);
    expect(describeTimeline(t)).toContain('Overlaps: Ann and Bob at 09:15');
  });

  it('reports free gaps of 15 minutes or more, in clinic time', () => {
    const rows = [
      appt({ startUtc: '2026-03-14T08:00:00.000Z', durationMin: 30 }),
      appt({ startUtc: '2026-03-14T08:40:00.000Z', durationMin: 20 }),
      appt({ startUtc: '2026-03-14T10:00:00.000Z', durationMin: 20 }),
    ];
    const t = layoutTimeline(rows, zone);
    expect(t.gaps).toEqual([{ start: 10 * 60, end: 11 * 60 }]);
    expect(describeTimeline(t)).toBe('3 visits. Free: 10:00–11:00. No overlaps.');
  });

  it('leaves cancelled visits out and says when the day is empty', () => {
    const t = layoutTimeline([appt({ startUtc: '2026-03-14T08:00:00.000Z', status: 0 })], zone);
    expect(t.bars).toEqual([]);
    expect(describeTimeline(t)).toBe('No visits on this day.');
    expect([t.from, t.to]).toEqual([7 * 60, 20 * 60]);
  });

  it('keeps one range from day to day: a light day and a full one share the same hours', () => {
    const light = layoutTimeline([appt({ startUtc: '2026-03-14T10:00:00.000Z' })], zone);
    const full = layoutTimeline(
      [appt({ startUtc: '2026-03-14T07:00:00.000Z' }), appt({ startUtc: '2026-03-14T17:00:00.000Z' })],
      zone,
    );
    expect([light.from, light.to]).toEqual([full.from, full.to]);
  });

  it('widens the axis to early and late visits', () => {
    const t = layoutTimeline(
      [
        appt({ startUtc: '2026-03-14T05:30:00.000Z' }), // 06:30
        appt({ startUtc: '2026-03-14T18:30:00.000Z', durationMin: 45 }), // 19:30–20:15
      ],
      zone,
    );
    expect([t.from, t.to]).toEqual([6 * 60, 21 * 60]);
  });
});
