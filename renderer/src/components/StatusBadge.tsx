// Appointment status and meeting state as short labelled badges.
import { meetingLabel, meetingTone, SOURCE_DESCRIPTIONS, SOURCE_LABELS, STATUS_LABELS } from '../lib/labels';
import type { Appointment } from '../lib/types';

export function StatusBadge({ a }: { a: Appointment }) {
  return <span className={`badge status-${a.status}`}>{STATUS_LABELS[a.status]}</span>;
}

export function MeetingBadge({ a }: { a: Appointment }) {
  const tone = meetingTone(a.meeting, a.visitType);
  return (
    <span className={`meeting meeting-${tone}`}>
      {tone === 'busy' && <span className="spinner" aria-hidden="true" />}
      {meetingLabel(a.meeting, a.visitType)}
    </span>
  );
}

/** Where the appointment came from, as a short word; the tooltip says it in full. */
export function SourceBadge({ a }: { a: Appointment }) {
  return (
    <span className={`badge source-badge source-${a.source}`} title={SOURCE_DESCRIPTIONS[a.source]}>
      <span className="visually-hidden">Source: </span>
      {SOURCE_LABELS[a.source]}
    </span>
  );
}
