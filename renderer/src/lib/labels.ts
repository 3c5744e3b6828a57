// Words for codes: KiviCare status codes, visit types and meeting states.
import type { Meeting, Source, StatusCode, VisitType } from './types';

export const STATUS_LABELS: Record<StatusCode, string> = {
  0: 'Cancelled',
  1: 'Booked',
  2: 'Pending',
  3: 'Check-out',
  4: 'Check-in',
};

export const STATUS_CODES: StatusCode[] = [1, 2, 4, 3, 0];

export const VISIT_LABELS: Record<VisitType, string> = {
  telemed: 'Tele-visit',
  in_person: 'In person',
};

/** Where an appointment came from: booked here, read from the KiviCare site, or imported from a file. */
export const SOURCE_LABELS: Record<Source, string> = {
  local: 'Local',
  kivicare: 'KiviCare',
  import: 'Import',
};

export const SOURCE_DESCRIPTIONS: Record<Source, string> = {
  local: 'Booked in the companion',
  kivicare: 'From the KiviCare site',
  import: 'Imported from a file',
};

/** One line a receptionist understands; the reason is included when Zoom failed. */
export function meetingLabel(m: Meeting, visitType: VisitType): string {
  if (visitType !== 'telemed') return 'No video meeting';
  switch (m.state) {
    case 'ready':
      return 'Meeting ready';
    case 'creating':
      // Why it is not made yet, when known: "Waiting for Room 2, where Dr. Lee is signed in to Zoom."
      return m.problem ?? 'Meeting being created…';
    case 'updating':
      return 'Meeting being updated…';
    case 'deleting':
      return 'Meeting being removed…';
    case 'needs-reconnect':
      return m.problem ?? 'Doctor must reconnect Zoom';
    case 'failed':
      return m.problem ? `Meeting failed: ${m.problem}` : 'Meeting failed';
    case 'site-managed':
      return 'Meeting made by the KiviCare site';
    case 'past':
      return 'Visit over: no meeting was made';
    default:
      return 'No meeting yet';
  }
}

export type MeetingTone = 'ok' | 'busy' | 'warn' | 'error' | 'muted';

export function meetingTone(m: Meeting, visitType: VisitType): MeetingTone {
  if (visitType !== 'telemed') return 'muted';
  if (m.state === 'ready' || m.state === 'site-managed') return 'ok';
  // Waiting for a desktop nobody has seen lately: nothing is under way.
  if (m.waiting === 'desktop-away') return 'warn';
  if (m.state === 'creating' || m.state === 'updating' || m.state === 'deleting') return 'busy';
  if (m.state === 'needs-reconnect') return 'warn';
  if (m.state === 'failed') return 'error';
  return 'muted';
}
