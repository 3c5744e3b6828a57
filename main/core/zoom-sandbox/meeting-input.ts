import { fieldError } from './http';
import { parseSettings } from './meeting-settings';
import { checkTimezone, parseStartTime } from './meeting-time';

const PASSWORD = /^[A-Za-z0-9@_*-]{1,10}$/;
const TYPES = [1, 2, 3, 8] as const;

/** The fields of a create or update body, checked the way Zoom checks them (lengths, types, passcode rules). */
export interface MeetingInput {
  topic?: string;
  type?: 1 | 2 | 3 | 8;
  agenda?: string;
  start_time?: string;
  timezone?: string;
  duration?: number;
  password?: string;
  default_password?: boolean;
  pre_schedule?: boolean;
  recurrence?: Record<string, unknown>;
  settings?: Record<string, unknown>;
}

function text(body: Record<string, unknown>, field: string, max: number): string | undefined {
  const v = body[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw fieldError(field, 'Invalid field.');
  if (v.length > max) throw fieldError(field, `Length must be less than or equal to ${max}.`);
  return v;
}

function flag(body: Record<string, unknown>, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw fieldError(field, 'Invalid field.');
  return v;
}

/** `fallbackTimezone`: the meeting's (on update) or the host's, for local start times. */
export function parseMeetingInput(body: Record<string, unknown>, fallbackTimezone: string): MeetingInput {
  const input: MeetingInput = {};
  const topic = text(body, 'topic', 200);
  if (topic !== undefined) input.topic = topic;
  const agenda = text(body, 'agenda', 2000);
  if (agenda !== undefined) input.agenda = agenda;
  if (body.type !== undefined) {
    if (!TYPES.includes(body.type as 2)) throw fieldError('type', 'Invalid meeting type.');
    input.type = body.type as 1 | 2 | 3 | 8;
  }
  if (body.timezone !== undefined && body.timezone !== '') input.timezone = checkTimezone(body.timezone);
  if (body.start_time !== undefined) {
    input.start_time = parseStartTime(body.start_time, input.timezone ?? fallbackTimezone);
  }
  if (body.duration !== undefined) {
    if (!Number.isInteger(body.duration) || (body.duration as number) < 0)
      throw fieldError('duration', 'Invalid field.');
    input.duration = body.duration as number;
  }
  if (body.password !== undefined) {
    if (typeof body.password !== 'string' || !PASSWORD.test(body.password)) {
      throw fieldError(
        'password',
        'Password must contain only [a-z A-Z 0-9 @ - _ *] and can not exceed 10 characters.',
      );
    }
    input.password = body.password;
  }
  const defaultPassword = flag(body, 'default_password');
  if (defaultPassword !== undefined) input.default_password = defaultPassword;
  const preSchedule = flag(body, 'pre_schedule');
  if (preSchedule !== undefined) input.pre_schedule = preSchedule;
  if (body.recurrence !== undefined) {
    const r = body.recurrence;
    if (
      typeof r !== 'object' ||
      r === null ||
      Array.isArray(r) ||
      ![1, 2, 3].includes((r as { type?: number }).type!)
    ) {
      throw fieldError('recurrence.type', 'Invalid field.');
    }
    input.recurrence = r as Record<string, unknown>;
  }
  if (body.settings !== undefined) input.settings = parseSettings(body.settings);
  return input;
}
