import { isReference } from './reference';

/**
 * The Zoom meeting topic: generic words and the opaque reference only. Topics show up in Zoom
 * dashboards, reports and calendars, so nothing about the patient or the visit may appear; the
 * reference is checked so no other text can be smuggled in.
 */
export function meetingTopic(reference: string): string {
  if (!isReference(reference)) throw new Error('meetingTopic takes an appointment reference (CC-…)');
  return `Telemedical Consultation (ref ${reference})`;
}

/** The Zoom meeting agenda: the same for every visit, by design. */
export function meetingAgenda(): string {
  return 'Video consultation with your clinic. Please join a few minutes early; the clinician will admit you from the waiting room.';
}
