import { requireScope } from './api-auth';
import type { RouteContext } from './context';
import { fieldError, jsonReply, type Reply, readJsonObject, zoomError } from './http';
import { findMeeting } from './meeting-access';
import { parseMeetingInput } from './meeting-input';
import { mergeSettings } from './meeting-settings';
import { meetingBody } from './meeting-views';
import { newPasscode, passcodeFields } from './meetings-create';
import { checkDaily } from './rate-limit';

/** GET answers a fresh start_url every time. */
export function getMeeting(ctx: RouteContext): Reply {
  requireScope(ctx.token, 'meeting:read:meeting');
  const meeting = findMeeting(ctx.state, ctx.token, ctx.params.meetingId!);
  return jsonReply(200, meetingBody(ctx.state, meeting));
}

export async function updateMeeting(ctx: RouteContext): Promise<Reply> {
  const { state } = ctx;
  requireScope(ctx.token, 'meeting:update:meeting');
  const meeting = findMeeting(state, ctx.token, ctx.params.meetingId!);
  const body = await readJsonObject(ctx.req, state.settings.maxBodyBytes);
  const input = parseMeetingInput(body, meeting.timezone);
  if (meeting.status === 'started') {
    throw zoomError(400, 3000, 'You cannot update or delete meetings that have started using this method.');
  }
  if ((input.type ?? meeting.type) === 8 && !(input.recurrence ?? meeting.recurrence)) {
    throw fieldError('recurrence', 'Recurrence is required for type 8.');
  }
  const commit = checkDaily(state, meeting.host_id);
  const { settings, password, default_password, ...plain } = input;
  Object.assign(meeting, plain);
  if (settings) meeting.settings = mergeSettings(meeting.settings, settings);
  if (password !== undefined) Object.assign(meeting, passcodeFields(password));
  else if (default_password) Object.assign(meeting, passcodeFields(newPasscode()));
  meeting.updated_at = state.iso();
  commit();
  state.stats.updates++;
  return { status: 204 };
}

export function deleteMeeting(ctx: RouteContext): Reply {
  const { state } = ctx;
  requireScope(ctx.token, 'meeting:delete:meeting');
  const meeting = findMeeting(state, ctx.token, ctx.params.meetingId!);
  if (meeting.status === 'started')
    throw zoomError(400, 3002, 'Sorry, you cannot delete this meeting since it is in progress.');
  if (meeting.status === 'ended')
    throw zoomError(400, 3007, 'Sorry, you cannot delete this meeting since it has ended.');
  state.meetings.delete(meeting.id);
  meeting.deleted_at = state.iso();
  state.deleted.push(meeting);
  state.stats.deletes++;
  return { status: 204 };
}
