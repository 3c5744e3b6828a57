import { randomToken } from './ids';
import type { SandboxState } from './state';
import type { SandboxMeeting } from './types';

export const joinUrl = (state: SandboxState, m: SandboxMeeting): string =>
  `${state.origin}/j/${m.id}?pwd=${m.encrypted_password}`;

/** Each start URL carries a new zak whose issue time the sandbox remembers (it lives startUrlTtlSeconds). */
export function issueStartUrl(state: SandboxState, m: SandboxMeeting): string {
  const zak = randomToken(48);
  state.zaks.set(zak, { meetingId: m.id, issuedAt: state.now() });
  return `${state.origin}/s/${m.id}?zak=${zak}`;
}

const publicStatus = (m: SandboxMeeting): 'waiting' | 'started' =>
  m.status === 'started' ? 'started' : 'waiting';

/** The body of POST 201 and GET 200: ids as JSON numbers, times in UTC with `Z`. */
export function meetingBody(state: SandboxState, m: SandboxMeeting): Record<string, unknown> {
  return {
    uuid: m.uuid,
    id: Number(m.id),
    host_id: m.host_id,
    host_email: m.host_email,
    topic: m.topic,
    type: m.type,
    status: publicStatus(m),
    ...(m.type === 1 || m.type === 3 ? {} : { start_time: m.start_time }),
    duration: m.duration,
    timezone: m.timezone,
    agenda: m.agenda,
    created_at: m.created_at,
    start_url: issueStartUrl(state, m),
    join_url: joinUrl(state, m),
    password: m.password,
    h323_password: m.h323_password,
    pstn_password: m.pstn_password,
    encrypted_password: m.encrypted_password,
    ...(m.recurrence ? { recurrence: m.recurrence } : {}),
    settings: structuredClone(m.settings),
    pre_schedule: m.pre_schedule,
  };
}

export function listItem(state: SandboxState, m: SandboxMeeting): Record<string, unknown> {
  return {
    uuid: m.uuid,
    id: Number(m.id),
    host_id: m.host_id,
    topic: m.topic,
    type: m.type,
    ...(m.type === 1 || m.type === 3 ? {} : { start_time: m.start_time }),
    duration: m.duration,
    timezone: m.timezone,
    agenda: m.agenda,
    created_at: m.created_at,
    join_url: joinUrl(state, m),
  };
}
