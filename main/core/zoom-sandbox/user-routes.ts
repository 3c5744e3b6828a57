import { requireScope, resolveUser } from './api-auth';
import type { RouteContext } from './context';
import { jsonReply, type Reply } from './http';

export function getUser(ctx: RouteContext): Reply {
  requireScope(ctx.token, 'user:read:user');
  const user = resolveUser(ctx.state, ctx.token, ctx.params.userId!);
  return jsonReply(200, { ...user });
}
