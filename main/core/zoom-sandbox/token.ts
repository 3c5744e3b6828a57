import type { IncomingMessage } from 'node:http';
import { authenticateClient, readOAuthParams } from './client-auth';
import { jsonReply, type Reply } from './http';
import { randomToken } from './ids';
import { verifierMatches } from './pkce';
import type { Grant, OAuthClient, SandboxState } from './state';
import { invalidToken, tokenError } from './token-errors';
import { issueAccessToken, revokeGrant, rotateRefreshToken, tokenBody } from './token-issue';

const CODE_TTL_MS = 5 * 60 * 1000;

export async function handleToken(state: SandboxState, req: IncomingMessage, url: URL): Promise<Reply> {
  const params = await readOAuthParams(state, req, url);
  const grantType = params.get('grant_type');
  if (!grantType) throw tokenError(400, 'invalid_request', 'Missing grant_type');
  if (!['authorization_code', 'refresh_token', 'account_credentials'].includes(grantType)) {
    throw tokenError(400, 'unsupported_grant_type', 'Unsupported grant type');
  }
  const client = authenticateClient(state, req, params);
  if (grantType === 'account_credentials') return accountCredentials(state, client, params);
  if (client.kind === 's2s')
    throw tokenError(400, 'unauthorized_client', 'Unauthorized grant type for this client');
  return grantType === 'authorization_code'
    ? authorizationCode(state, client, params)
    : refreshToken(state, client, params);
}

function authorizationCode(state: SandboxState, client: OAuthClient, params: URLSearchParams): Reply {
  const codeValue = params.get('code');
  if (!codeValue) throw tokenError(400, 'invalid_request', 'Missing code');
  const code = state.codes.get(codeValue);
  if (!code || code.used || code.clientId !== client.clientId) {
    throw tokenError(400, 'invalid_grant', 'Invalid authorization code');
  }
  // Any attempt by the right client consumes the code, so a verifier cannot be guessed twice.
  code.used = true;
  if (state.now() - code.issuedAt > CODE_TTL_MS) {
    throw tokenError(400, 'invalid_grant', 'Authorization code is expired.', 4733);
  }
  if (params.get('redirect_uri') !== code.redirectUri) {
    throw tokenError(400, 'invalid_grant', 'Redirect URI mismatch.', 4709);
  }
  if (code.challenge) {
    const verifier = params.get('code_verifier');
    if (!verifier) throw tokenError(400, 'invalid_request', 'Missing code_verifier');
    if (!verifierMatches(verifier, code.challenge, code.method!)) {
      throw tokenError(400, 'invalid_grant', 'Invalid code_verifier');
    }
  }
  const user = state.users.get(code.userId);
  if (!user) throw tokenError(400, 'invalid_grant', 'The token owner does not exist.', 4735);
  const grant = {
    id: randomToken(12),
    clientId: client.clientId,
    userId: user.id,
    scopes: client.scopes,
    refreshToken: '',
    revoked: false,
  };
  state.grants.set(grant.id, grant);
  return grantTokens(state, client, user, grant);
}

function refreshToken(state: SandboxState, client: OAuthClient, params: URLSearchParams): Reply {
  const value = params.get('refresh_token');
  if (!value) throw tokenError(400, 'invalid_request', 'Missing refresh_token');
  const grantId = state.refreshIndex.get(value);
  const grant = grantId ? state.grants.get(grantId) : undefined;
  if (!grant || grant.revoked || grant.clientId !== client.clientId) throw invalidToken();
  const user = state.users.get(grant.userId);
  if (!user) throw tokenError(400, 'invalid_grant', 'The token owner does not exist.', 4735);
  state.stats.refreshes++;
  return grantTokens(state, client, user, grant);
}

function accountCredentials(state: SandboxState, client: OAuthClient, params: URLSearchParams): Reply {
  if (client.kind !== 's2s')
    throw tokenError(400, 'unauthorized_client', 'Unauthorized grant type for this client');
  const accountId = params.get('account_id');
  if (!accountId) throw tokenError(400, 'invalid_request', 'Missing account_id');
  if (accountId !== client.accountId) throw tokenError(400, 'invalid_request', 'Invalid account_id');
  const access = issueAccessToken(state, {
    kind: 's2s',
    clientId: client.clientId,
    accountId,
    scopes: client.scopes,
  });
  return jsonReply(200, tokenBody(state, access));
}

/** Revoking an access token ends its whole grant (the refresh chain too). Unknown tokens answer success (RFC 7009 §2.2). */
export async function handleRevoke(state: SandboxState, req: IncomingMessage, url: URL): Promise<Reply> {
  const params = await readOAuthParams(state, req, url);
  const client = authenticateClient(state, req, params);
  const token = params.get('token');
  if (!token) throw tokenError(400, 'invalid_request', 'Missing token');
  const access = state.accessTokens.get(token);
  const grantId = access?.grantId ?? state.refreshIndex.get(token);
  if (access && access.clientId === client.clientId) access.revoked = true;
  const grant = grantId ? state.grants.get(grantId) : undefined;
  if (grant && grant.clientId === client.clientId) revokeGrant(state, grant);
  return jsonReply(200, { status: 'success' });
}

/** A user grant's answer: a new (rotated) refresh token and a new access token. */
function grantTokens(
  state: SandboxState,
  client: OAuthClient,
  user: { id: string; account_id: string },
  grant: Grant,
): Reply {
  const refresh = rotateRefreshToken(state, grant);
  const access = issueAccessToken(state, {
    kind: 'user',
    clientId: client.clientId,
    accountId: user.account_id,
    userId: user.id,
    grantId: grant.id,
    scopes: grant.scopes,
  });
  return jsonReply(200, tokenBody(state, access, refresh));
}
