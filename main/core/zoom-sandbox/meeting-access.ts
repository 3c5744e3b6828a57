import { zoomError } from './http';
import type { AccessToken, SandboxState } from './state';
import type { SandboxMeeting } from './types';

/** Unknown, deleted and other accounts' meetings are all 3001; another doctor's in the same account is 3000. */
export function findMeeting(state: SandboxState, token: AccessToken, id: string): SandboxMeeting {
  const meeting = /^\d+$/.test(id) ? state.meetings.get(id) : undefined;
  if (!meeting || meeting.account_id !== token.accountId) {
    throw zoomError(404, 3001, `Meeting ${id} is not found or has expired.`);
  }
  if (token.kind === 'user' && meeting.host_id !== token.userId) {
    throw zoomError(400, 3000, 'Cannot access meeting information.');
  }
  return meeting;
}
