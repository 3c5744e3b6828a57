import type { IncomingMessage } from 'node:http';
import { zoomError } from './http';
import { acceptedScopes, hasScope } from './scopes';
import type { AccessToken, SandboxState } from './state';
import type { SandboxUser } from './types';

export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** Missing, unknown, expired and revoked tokens all look the same to the caller, as on Zoom. */
export function authenticate(state: SandboxState, req: IncomingMessage): AccessToken {
  const value = bearerToken(req);
  const token = value ? state.accessTokens.get(value) : undefined;
  if (!token || token.revoked || token.expiresAt <= state.now()) {
    throw zoomError(401, 124, 'Invalid access token.');
  }
  if (token.userId && !state.users.has(token.userId)) throw zoomError(401, 124, 'Invalid access token.');
  return token;
}

/** Zoom answers a missing scope with HTTP 400 and code 4711. */
export function requireScope(token: AccessToken, granular: string): void {
  if (hasScope(token.scopes, granular)) return;
  const wanted = acceptedScopes(granular).slice(0, 2).join(',');
  throw zoomError(400, 4711, `Invalid access token, does not contain scopes:[${wanted}].`);
}

/**
 * `userId` in a path. A user-level token reaches only its own user (`me`, its id or its email);
 * an S2S token reaches any user of its account, and `me` is the account owner (the first user).
 */
export function resolveUser(state: SandboxState, token: AccessToken, key: string): SandboxUser {
  if (token.kind === 'user') {
    const self = state.users.get(token.userId!)!;
    if (key === 'me' || key === self.id || key.toLowerCase() === self.email.toLowerCase()) return self;
    const other = state.findUser(key, token.accountId);
    if (other) throw zoomError(400, 200, 'No permission.');
    throw zoomError(404, 1001, `User does not exist: ${key}.`);
  }
  if (key === 'me') {
    const owner = [...state.users.values()].find((u) => u.account_id === token.accountId);
    if (owner) return owner;
  }
  const user = state.findUser(key, token.accountId);
  if (!user) throw zoomError(404, 1001, `User does not exist: ${key}.`);
  return user;
}

/** The bearer token's record, if the sandbox knows it (live or not), without failing. */
export function peekToken(state: SandboxState, req: IncomingMessage): AccessToken | undefined {
  const value = bearerToken(req);
  return value ? state.accessTokens.get(value) : undefined;
}

/** The user whose fault rules apply: found without failing, before the request is handled. */
export function peekUserKeys(state: SandboxState, req: IncomingMessage): string[] {
  const token = peekToken(state, req);
  const user = token?.userId ? state.users.get(token.userId) : undefined;
  return user ? [user.id.toLowerCase(), user.email.toLowerCase()] : [];
}
