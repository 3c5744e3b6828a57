// The doctor's "Now": the visit under way, then the next one first, with a countdown, the patient,
// a large Start, the meeting's state (ready, opened, started, ended) and late or overrunning flags;
// then what comes after. Shown for today only.

import { meetingLabel } from '../lib/labels';
import { countdown, flagsOf, liveWords, nowOf } from '../lib/now';
import { formatTime } from '../lib/time';
import type { Appointment } from '../lib/types';
import { useNow } from '../lib/use-now';
import { useMeetings } from '../stores/meetings';

export function NowPanel({ rows, zone, canStart }: { rows: Appointment[]; zone: string; canStart: boolean }) {
  const nowMs = useNow();
  const { current, next, after } = nowOf(rows, nowMs);
  if (!current && !next) {
    return (
      <section className="now panel" aria-labelledby="now-heading">
        <h3 id="now-heading">Now</h3>
        <p className="hint">No more visits today.</p>
      </section>
    );
  }
  return (
    <section className="now panel" aria-labelledby="now-heading">
      <h3 id="now-heading">Now</h3>
      {current && <NowCard a={current} zone={zone} nowMs={nowMs} canStart={canStart} label="Under way" />}
      {next && <NowCard a={next} zone={zone} nowMs={nowMs} canStart={canStart} label="Next" />}
      {after.length > 0 && (
        <p className="now-after">
          <span className="muted">Then: </span>
          {after.map((a, i) => (
            <span key={a.id}>
              {i > 0 && ', '}
              {formatTime(a.startUtc, zone)} {a.patientName}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}

function NowCard({
  a,
  zone,
  nowMs,
  canStart,
  label,
}: {
  a: Appointment;
  zone: string;
  nowMs: number;
  canStart: boolean;
  label: string;
}) {
  const run = useMeetings((s) => s.run);
  const busy = useMeetings((s) => s.busy[a.id]);
  const flags = flagsOf(a, nowMs);
  const live = liveWords(a);
  const startable = canStart && a.visitType === 'telemed' && a.meeting.state === 'ready';
  const headingId = `now-${a.id}`;
  return (
    <article
      className={`now-card${flags.late ? ' late' : ''}${flags.overrunning ? ' overrunning' : ''}`}
      aria-labelledby={headingId}
    >
      <h4 id={headingId}>
        <span className="now-label">{label}</span> {formatTime(a.startUtc, zone)}{' '}
        <span className="now-countdown">({countdown(a.startUtc, nowMs)})</span>
      </h4>
      <p className="now-patient">{a.patientName}</p>
      <p className="now-state">
        {a.visitType === 'telemed' ? meetingLabel(a.meeting, a.visitType) : 'In person'}
        {live && <span className="badge live-badge">{live}</span>}
        {flags.late && <span className="badge late-badge">Late: not started on Zoom</span>}
        {flags.overrunning && <span className="badge late-badge">Running over</span>}
      </p>
      {startable && (
        <button
          type="button"
          className="primary big"
          disabled={busy !== undefined}
          onClick={() => void run('start', a.id)}
        >
          {a.meeting.live === 'started' || a.meeting.openedAt ? 'Open again' : 'Start visit'}
          <span className="visually-hidden"> with {a.patientName}</span>
        </button>
      )}
    </article>
  );
}
