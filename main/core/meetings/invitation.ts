// The text front desk sends a patient: date and time in the clinic's zone (with the zone named,
// since patients may be elsewhere), the join link, the passcode and what to expect.
import { DateTime } from 'luxon';
import { zoneInWords } from '../time/zones';

export interface InvitationInput {
  clinicName: string;
  doctorName: string;
  startUtc: string;
  timeZone: string;
  durationMin: number;
  joinUrl: string;
  passcode: string | null;
  meetingId: string | null;
}

function formatMeetingId(id: string): string {
  // Zoom shows ids in groups of 3-4-4 (or 3-3-4); patients type them from the invitation.
  return id.length === 11 ? `${id.slice(0, 3)} ${id.slice(3, 7)} ${id.slice(7)}` : id;
}

export function invitationText(input: InvitationInput, locale = 'en-GB'): string {
  const start = DateTime.fromISO(input.startUtc, { zone: 'utc' }).setZone(input.timeZone).setLocale(locale);
  if (!start.isValid) throw new Error(`Invalid appointment time or zone: ${input.timeZone}`);
  const end = start.plus({ minutes: input.durationMin });
  const lines = [
    `Your video visit with ${input.doctorName} at ${input.clinicName}`,
    '',
    // The zone once, in words a patient elsewhere understands: "Central European Time (Berlin)".
    `When: ${start.toFormat('cccc d LLLL yyyy')}, ${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')} ${zoneInWords(input.timeZone, start.toJSDate(), locale)}`,
    `Join: ${input.joinUrl}`,
  ];
  if (input.meetingId) lines.push(`Meeting ID: ${formatMeetingId(input.meetingId)}`);
  if (input.passcode) lines.push(`Passcode: ${input.passcode}`);
  lines.push(
    '',
    'Before the visit:',
    '- Open the link a few minutes early from a phone, tablet or computer with a camera.',
    '- You will wait in a waiting room until the doctor lets you in.',
    '- Find a quiet, private place with a good connection.',
  );
  return lines.join('\n');
}

/** A mailto: URL for the system mail client; RFC 6068 wants %20, not '+', for spaces. */
export function invitationMailto(to: string | null, subject: string, body: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/'/g, '%27');
  const recipient = to ? encodeURIComponent(to).replace(/%40/g, '@') : '';
  return `mailto:${recipient}?subject=${enc(subject)}&body=${enc(body.replace(/\n/g, '\r\n'))}`;
}
