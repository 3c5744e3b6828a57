// Appointment status and meeting state as short labelled badges.
import { meetingLabel, meetingTone, STATUS_LABELS } from '../lib/labels';
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
