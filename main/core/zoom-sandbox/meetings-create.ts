import { requireScope, resolveUser } from './api-auth';
import type { RouteContext } from './context';
import { fieldError, jsonReply, type Reply, readJsonObject } from './http';
import { digits, meetingNumber, meetingUuid, randomString, randomToken } from './ids';
import { parseMeetingInput } from './meeting-input';
import { DEFAULT_SETTINGS, mergeSettings } from './meeting-settings';
import { meetingBody } from './meeting-views';
import { checkDaily } from './rate-limit';
import type { SandboxMeeting } from './types';

const PASSCODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

export const newPasscode = (): string => randomString(6, PASSCODE_ALPHABET);

/** Derived passcodes change whenever the passcode does (join_url's `pwd` with them). */
export function passcodeFields(
  password: string,
): Pick<SandboxMeeting, 'password' | 'h323_password' | 'pstn_password' | 'encrypted_password'> {
  const numeric = password === '' ? '' : digits(6);
  return {
    password,
    h323_password: numeric,
    pstn_password: numeric,
    encrypted_password: password === '' ? '' : randomToken(24),
  };
}

export async function createMeeting(ctx: RouteContext): Promise<Reply> {
  const { state, token } = ctx;
  requireScope(token, 'meeting:write:meeting');
  const host = resolveUser(state, token, ctx.params.userId!);
  const body = await readJsonObject(ctx.req, state.settings.maxBodyBytes);
  const input = parseMeetingInput(body, host.timezone);
  const type = input.type ?? 2;
  if (type === 8 && !input.recurrence) throw fieldError('recurrence', 'Recurrence is required for type 8.');
  const commit = checkDaily(state, host.id);
  const now = state.iso();
  const meeting: SandboxMeeting = {
    id: meetingNumber((id) => state.meetings.has(id) || state.deleted.some((m) => m.id === id)),
    uuid: meetingUuid(),
    host_id: host.id,
    host_email: host.email,
    account_id: host.account_id,
    topic: input.topic ?? `${host.display_name}'s Zoom Meeting`,
    type,
    agenda: input.agenda ?? '',
    start_time: input.start_time ?? now,
    timezone: input.timezone ?? host.timezone,
    duration: input.duration ?? 60,
    ...passcodeFields(input.password ?? newPasscode()),
    settings: mergeSettings(DEFAULT_SETTINGS, input.settings ?? {}),
    ...(input.recurrence ? { recurrence: input.recurrence } : {}),
    pre_schedule: input.pre_schedule ?? false,
    status: 'waiting',
    created_at: now,
    updated_at: now,
  };
  state.meetings.set(meeting.id, meeting);
  commit();
  state.stats.creates++;
  return jsonReply(201, meetingBody(state, meeting));
}
