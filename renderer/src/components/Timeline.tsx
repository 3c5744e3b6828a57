// The day as a bar chart of time slots: gaps and overlaps at a glance, and the same in words.
import { useMemo } from 'react';
import { clock, minutesOfDay } from '../lib/time';
import { describeTimeline, layoutTimeline } from '../lib/timeline';
import type { Appointment } from '../lib/types';

/** `nowMs` draws the now-line (today only). */
export function Timeline({ rows, zone, nowMs }: { rows: Appointment[]; zone: string; nowMs?: number }) {
  const t = useMemo(() => layoutTimeline(rows, zone), [rows, zone]);
  const nowMinute = nowMs === undefined ? undefined : minutesOfDay(new Date(nowMs).toISOString(), zone);
  const span = t.to - t.from;
  const pct = (m: number) => `${((m - t.from) / span) * 100}%`;
  const hours: number[] = [];
  for (let h = t.from; h <= t.to; h += 60) hours.push(h);
  return (
    <figure className="timeline" aria-labelledby="timeline-caption">
      <figcaption id="timeline-caption">
        <span className="timeline-title">Timeline</span>{' '}
        <span className="timeline-text">{describeTimeline(t)}</span>
      </figcaption>
      {/* The chart repeats the caption visually; assistive technology reads the caption. */}
      <div className="timeline-chart" aria-hidden="true" style={{ height: `${t.lanes * 30 + 24}px` }}>
        {hours.map((h) => (
          <span key={h} className="timeline-hour" style={{ left: pct(h) }}>
            {clock(h)}
          </span>
        ))}
        {t.gaps.map((g) => (
          <span
            key={`gap-${g.start}`}
            className="timeline-gap"
            style={{ left: pct(g.start), width: pct(g.end - g.start + t.from) }}
          />
        ))}
        {nowMinute !== undefined && nowMinute >= t.from && nowMinute <= t.to && (
          <span className="timeline-now" style={{ left: pct(nowMinute) }} title={`Now ${clock(nowMinute)}`} />
        )}
        {t.bars.map((b) => (
          <span
            key={b.id}
            className={`timeline-bar${b.overlaps ? ' overlap' : ''}${b.telemed ? ' telemed' : ''}`}
            style={{
              left: pct(b.start),
              width: pct(b.end - b.start + t.from),
              top: `${20 + b.lane * 30}px`,
            }}
            title={`${clock(b.start)}–${clock(b.end)} ${b.label}`}
          >
            {b.label}
          </span>
        ))}
      </div>
    </figure>
  );
}
