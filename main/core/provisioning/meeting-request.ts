// What the companion asks Zoom for: a secure, generic meeting. The topic carries only the opaque
// reference (so the engine can find its own meeting again after a crash), never patient data.
import { meetingAgenda, meetingTopic } from '../appointments/topic';
import type { Appointment } from '../store/records';
import type { MeetingInput, MeetingPatch, MeetingSettingsInput } from '../zoom';

export const SECURE_MEETING_SETTINGS: MeetingSettingsInput = {
  waiting_room: true,
  join_before_host: false,
  host_video: true,
  participant_video: true,
  mute_upon_entry: false,
  // 2 = no registration: patients join with the link and passcode only.
  approval_type: 2,
  auto_recording: 'none',
};

export function createRequest(a: Appointment, passcode: string): MeetingInput {
  return {
    type: 2,
    topic: meetingTopic(a.reference),
    agenda: meetingAgenda(),
    start_time: a.startUtc,
    timezone: a.timeZone,
    duration: a.durationMin,
    password: passcode,
    settings: SECURE_MEETING_SETTINGS,
  };
}

/** A reschedule moves the meeting; the topic is restated so a meeting edited on Zoom is repaired. */
export function updateRequest(a: Appointment): MeetingPatch {
  return {
    topic: meetingTopic(a.reference),
    start_time: a.startUtc,
    timezone: a.timeZone,
    duration: a.durationMin,
    settings: { waiting_room: true, join_before_host: false },
  };
}

/**
 * Does Zoom's copy of the meeting still match the appointment, and is it still secure? A waiting
 * room someone turned off on Zoom (or join-before-host turned on) counts as a difference to repair.
 */
export function matchesAppointment(
  m: {
    start_time?: string;
    duration?: number;
    topic?: string;
    settings?: { waiting_room?: boolean; join_before_host?: boolean };
  },
  a: Appointment,
): boolean {
  const start = m.start_time ? Date.parse(m.start_time) : Number.NaN;
  const insecure = m.settings?.waiting_room === false || m.settings?.join_before_host === true;
  return (
    start === Date.parse(a.startUtc) &&
    m.duration === a.durationMin &&
    (m.topic ?? '').includes(a.reference) &&
    !insecure
  );
}

export const endsAt = (a: Appointment): number => Date.parse(a.startUtc) + a.durationMin * 60_000;
