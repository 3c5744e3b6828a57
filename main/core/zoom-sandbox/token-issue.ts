import { randomToken } from './ids';
import type { AccessToken, Grant, SandboxState } from './state';

export function issueAccessToken(
  state: SandboxState,
  init: Omit<AccessToken, 'token' | 'expiresAt' | 'revoked'>,
): AccessToken {
  const token: AccessToken = {
    ...init,
    token: `sbx_at_${randomToken(32)}`,
    expiresAt: state.now() + state.settings.accessTokenTtlSeconds * 1000,
    revoked: false,
  };
  state.accessTokens.set(token.token, token);
  state.stats.tokensIssued++;
  return token;
}

/** Rotation: the grant's previous refresh token stops working the moment a new one exists. */
export function rotateRefreshToken(state: SandboxState, grant: Grant): string {
  state.refreshIndex.delete(grant.refreshToken);
  grant.refreshToken = `sbx_rt_${randomToken(32)}`;
  state.refreshIndex.set(grant.refreshToken, grant.id);
  return grant.refreshToken;
}

export function tokenBody(
  state: SandboxState,
  access: AccessToken,
  refreshToken?: string,
): Record<string, unknown> {
  return {
    access_token: access.token,
    token_type: 'bearer',
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    expires_in: state.settings.accessTokenTtlSeconds,
    scope: access.scopes.join(' '),
    api_url: state.origin,
  };
}

/** Deauthorization: every grant of the user dies, with its access tokens. */
export function revokeGrant(state: SandboxState, grant: Grant): void {
  grant.revoked = true;
  state.refreshIndex.delete(grant.refreshToken);
  for (const t of state.accessTokens.values()) if (t.grantId === grant.id) t.revoked = true;
}
