// Layout of the day's timeline: lanes for overlapping visits, gaps between them, and the words
// that say the same thing for people who cannot see the chart.
import { clock, minutesOfDay } from './time';
import type { Appointment } from './types';

export interface Bar {
  id: string;
  start: number;
  end: number;
  lane: number;
  label: string;
  overlaps: boolean;
  telemed: boolean;
}

export interface Gap {
  start: number;
  end: number;
}

export interface TimelineLayout {
  from: number;
  to: number;
  lanes: number;
  bars: Bar[];
  gaps: Gap[];
  overlaps: Array<[string, string, number]>;
}

/** The timeline's usual hours, the same from day to day. */
export const DAY_FROM = 7 * 60;
export const DAY_TO = 20 * 60;

/** Gaps shorter than this are ordinary turnover, not free time worth showing. */
const MIN_GAP = 15;

export function layoutTimeline(rows: readonly Appointment[], zone: string): TimelineLayout {
  const active = rows
    .filter((r) => r.status !== 0)
    .map((r) => {
      const start = minutesOfDay(r.startUtc, zone);
      return { r, start, end: Math.min(start + r.durationMin, 24 * 60) };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const laneEnds: number[] = [];
  const bars: Bar[] = [];
  const overlapping = new Set<string>();
  const overlaps: Array<[string, string, number]> = [];
  for (let i = 0; i < active.length; i++) {
    const a = active[i]!;
    for (let j = i + 1; j < active.length && active[j]!.start < a.end; j++) {
      const b = active[j]!;
      overlapping.add(a.r.id).add(b.r.id);
      overlaps.push([a.r.patientName, b.r.patientName, b.start]);
    }
    let lane = laneEnds.findIndex((end) => end <= a.start);
    if (lane === -1) lane = laneEnds.push(a.end) - 1;
    else laneEnds[lane] = a.end;
    bars.push({
      id: a.r.id,
      start: a.start,
      end: a.end,
      lane,
      label: a.r.patientName,
      overlaps: false,
      telemed: a.r.visitType === 'telemed',
    });
  }
  for (const b of bars) b.overlaps = overlapping.has(b.id);
  const gaps: Gap[] = [];
  let busyUntil = active[0]?.end ?? 0;
  for (const a of active.slice(1)) {
    if (a.start - busyUntil >= MIN_GAP) gaps.push({ start: busyUntil, end: a.start });
    busyUntil = Math.max(busyUntil, a.end);
  }
  const first = active[0]?.start ?? DAY_FROM;
  const last = active.reduce((m, a) => Math.max(m, a.end), 0);
  // One range every day (07:00–20:00), widened only to show a visit outside it, never clipping one.
  const from = Math.min(DAY_FROM, Math.floor(first / 60) * 60);
  const to = Math.max(DAY_TO, Math.ceil(last / 60) * 60);
  return { from, to, lanes: Math.max(1, laneEnds.length), bars, gaps, overlaps };
}

export function describeTimeline(t: TimelineLayout): string {
  if (t.bars.length === 0) return 'No visits on this day.';
  const visits = `${t.bars.length} ${t.bars.length === 1 ? 'visit' : 'visits'}`;
  const gaps = t.gaps.length
    ? `Free: ${t.gaps.map((g) => `${clock(g.start)}–${clock(g.end)}`).join(', ')}.`
    : 'No free gaps.';
  const overlaps = t.overlaps.length
    ? `Overlaps: ${t.overlaps.map(([a, b, at]) => `${a} and ${b} at ${clock(at)}`).join('; ')}.`
    : 'No overlaps.';
  return `${visits}. ${gaps} ${overlaps}`;
}
