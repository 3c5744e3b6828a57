import { requireScope, resolveUser } from './api-auth';
import type { RouteContext } from './context';
import { fieldError, jsonReply, type Reply, zoomError } from './http';
import { randomString } from './ids';
import { listItem } from './meeting-views';
import type { SandboxState } from './state';
import type { SandboxMeeting } from './types';

const TYPES = ['scheduled', 'live', 'upcoming', 'upcoming_meetings', 'previous_meetings'];
const PAGE_TOKEN_TTL_MS = 15 * 60 * 1000;

function matches(state: SandboxState, type: string, m: SandboxMeeting): boolean {
  const end = Date.parse(m.start_time) + m.duration * 60_000;
  switch (type) {
    case 'live':
      return m.status === 'started';
    case 'upcoming':
    case 'upcoming_meetings':
      return m.status === 'started' || (m.status === 'waiting' && end > state.now());
    case 'previous_meetings':
      return m.status === 'ended' || end <= state.now();
    default:
      return true;
  }
}

function pageSize(raw: string | null): number {
  if (raw === null) return 30;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1) throw fieldError('page_size', 'Invalid field.');
  return Math.min(n, 300);
}

export function listMeetings(ctx: RouteContext): Reply {
  const { state, url } = ctx;
  requireScope(ctx.token, 'meeting:read:list_meetings');
  const host = resolveUser(state, ctx.token, ctx.params.userId!);
  const q = url.searchParams;
  const type = q.get('type') ?? 'scheduled';
  if (!TYPES.includes(type)) throw fieldError('type', 'Invalid field.');
  let size = pageSize(q.get('page_size'));
  let offset = 0;
  const tokenValue = q.get('next_page_token');
  if (tokenValue) {
    const token = state.pageTokens.get(tokenValue);
    if (
      !token ||
      token.userId !== host.id ||
      token.type !== type ||
      state.now() - token.issuedAt > PAGE_TOKEN_TTL_MS
    ) {
      throw zoomError(400, 300, 'The next page token is invalid or expired.');
    }
    offset = token.offset;
    if (q.get('page_size') === null) size = token.pageSize;
  }
  const all = [...state.meetings.values()]
    .filter((m) => m.host_id === host.id && matches(state, type, m))
    .sort((a, b) => a.start_time.localeCompare(b.start_time) || a.id.localeCompare(b.id));
  const page = all.slice(offset, offset + size);
  let next = '';
  if (offset + size < all.length) {
    next = randomString(32);
    state.pageTokens.set(next, {
      userId: host.id,
      type,
      pageSize: size,
      offset: offset + size,
      issuedAt: state.now(),
    });
  }
  return jsonReply(200, {
    page_size: size,
    total_records: all.length,
    next_page_token: next,
    meetings: page.map((m) => listItem(state, m)),
  });
}
