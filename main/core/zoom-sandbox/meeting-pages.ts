import { escapeHtml, type Reply } from './http';
import { page } from './pages';
import type { SandboxState } from './state';
import type { StartUrlState } from './types';

export function startUrlState(state: SandboxState, meetingId: string, zak: string | null): StartUrlState {
  const entry = zak ? state.zaks.get(zak) : undefined;
  if (!entry || entry.meetingId !== meetingId || !state.meetings.has(meetingId)) return 'unknown';
  return state.now() - entry.issuedAt > state.settings.startUrlTtlSeconds * 1000 ? 'expired' : 'valid';
}

/** GET /s/{id}?zak=: a fresh start URL starts the meeting; a stale one asks the doctor to sign in. */
export function startPage(state: SandboxState, meetingId: string, url: URL): Reply {
  const result = startUrlState(state, meetingId, url.searchParams.get('zak'));
  const headers = { 'x-sandbox-start-url': result };
  if (result === 'valid') {
    // As on Zoom: the host opening a fresh start link starts the meeting.
    const meeting = state.meetings.get(meetingId);
    if (meeting && meeting.status === 'waiting') meeting.status = 'started';
    return page(
      200,
      'Starting meeting',
      `<h1 data-state="valid">Starting meeting ${escapeHtml(meetingId)}</h1>`,
      headers,
    );
  }
  if (result === 'expired') {
    return page(
      401,
      'Sign in',
      '<h1 data-state="expired">This start link has expired. Sign in to start the meeting.</h1>',
      headers,
    );
  }
  return page(404, 'Invalid meeting', '<h1 data-state="unknown">Invalid start link.</h1>', headers);
}

/** GET /j/{id}?pwd=: what a patient's browser sees. */
export function joinPage(state: SandboxState, meetingId: string, url: URL): Reply {
  const meeting = state.meetings.get(meetingId);
  if (!meeting) return page(404, 'Invalid meeting ID', '<h1 data-state="invalid">Invalid meeting ID.</h1>');
  const pwd = url.searchParams.get('pwd');
  if (meeting.encrypted_password && pwd !== meeting.encrypted_password) {
    return page(403, 'Passcode required', '<h1 data-state="passcode">Enter the meeting passcode.</h1>');
  }
  return page(200, 'Join meeting', `<h1 data-state="join">Joining meeting ${escapeHtml(meetingId)}</h1>`);
}
