import type { IncomingMessage } from 'node:http';
import { approveForm, authorizePage } from './authorize-page';
import type { RouteContext } from './context';
import type { Reply } from './http';
import { listMeetings } from './meeting-list';
import { joinPage, startPage } from './meeting-pages';
import { deleteMeeting, getMeeting, updateMeeting } from './meeting-routes';
import { createMeeting } from './meetings-create';
import type { RateCategory } from './rate-limit';
import type { SandboxState } from './state';
import { handleRevoke, handleToken } from './token';
import { getUser } from './user-routes';

type PlainHandler = (
  state: SandboxState,
  req: IncomingMessage,
  url: URL,
  params: Record<string, string>,
) => Reply | Promise<Reply>;

export type Route =
  | {
      method: string;
      name: string;
      pattern: RegExp;
      kind: 'api';
      category: RateCategory;
      handler: (ctx: RouteContext) => Reply | Promise<Reply>;
    }
  | { method: string; name: string; pattern: RegExp; kind: 'plain'; handler: PlainHandler };

/** `{param}` segments become named groups; names double as the stats keys (OpenAPI spelling). */
function route(method: string, path: string): { method: string; name: string; pattern: RegExp } {
  const source = path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)');
  return { method, name: `${method} ${path}`, pattern: new RegExp(`^${source}$`) };
}

export const ROUTES: Route[] = [
  { ...route('GET', '/oauth/authorize'), kind: 'plain', handler: (s, _r, u) => authorizePage(s, u) },
  { ...route('POST', '/oauth/authorize/approve'), kind: 'plain', handler: (s, r) => approveForm(s, r) },
  { ...route('POST', '/oauth/token'), kind: 'plain', handler: (s, r, u) => handleToken(s, r, u) },
  { ...route('POST', '/oauth/revoke'), kind: 'plain', handler: (s, r, u) => handleRevoke(s, r, u) },
  {
    ...route('GET', '/s/{meetingId}'),
    kind: 'plain',
    handler: (s, _r, u, p) => startPage(s, p.meetingId!, u),
  },
  {
    ...route('GET', '/j/{meetingId}'),
    kind: 'plain',
    handler: (s, _r, u, p) => joinPage(s, p.meetingId!, u),
  },
  { ...route('GET', '/v2/users/{userId}'), kind: 'api', category: 'Light', handler: getUser },
  {
    ...route('POST', '/v2/users/{userId}/meetings'),
    kind: 'api',
    category: 'Medium',
    handler: createMeeting,
  },
  { ...route('GET', '/v2/users/{userId}/meetings'), kind: 'api', category: 'Medium', handler: listMeetings },
  { ...route('GET', '/v2/meetings/{meetingId}'), kind: 'api', category: 'Light', handler: getMeeting },
  { ...route('PATCH', '/v2/meetings/{meetingId}'), kind: 'api', category: 'Light', handler: updateMeeting },
  { ...route('DELETE', '/v2/meetings/{meetingId}'), kind: 'api', category: 'Light', handler: deleteMeeting },
];

export function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  for (const r of ROUTES) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.groups ?? {})) params[k] = decodeURIComponent(v);
    return { route: r, params };
  }
  return undefined;
}
