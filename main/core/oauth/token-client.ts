// Every token request goes through oauth4webapi; this file only adapts Zoom's shapes and errors.
import * as oauth from 'oauth4webapi';
import { requestOptions, type ZoomOAuthContext } from './authorization-server';
import { type TokenOperation, tokenError, toTokenError } from './token-errors';

export interface TokenSet {
  accessToken: string;
  /** Absent for Server-to-Server tokens. */
  refreshToken?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  scope?: string;
}

function toTokenSet(r: oauth.TokenEndpointResponse, issuedAt: number, op: TokenOperation): TokenSet {
  if (typeof r.expires_in !== 'number' || r.expires_in <= 0) throw tokenError('malformed-response', op);
  if (op !== 'account-credentials' && !r.refresh_token) throw tokenError('malformed-response', op);
  return {
    accessToken: r.access_token,
    refreshToken: r.refresh_token,
    expiresAt: issuedAt + r.expires_in * 1000,
    scope: r.scope,
  };
}

async function run<T>(op: TokenOperation, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw await toTokenError(e, op);
  }
}

export interface CodeExchange {
  code: string;
  state: string;
  redirectUri: string;
  codeVerifier: string;
}

export function exchangeCode(ctx: ZoomOAuthContext, x: CodeExchange, now: () => number): Promise<TokenSet> {
  return run('exchange', async () => {
    // Our own state check already ran; this lets the library brand the parameters it requires.
    const params = oauth.validateAuthResponse(
      ctx.as,
      ctx.client,
      new URLSearchParams({ code: x.code, state: x.state }),
      x.state,
    );
    const issuedAt = now();
    const res = await oauth.authorizationCodeGrantRequest(
      ctx.as,
      ctx.client,
      ctx.clientAuth,
      params,
      x.redirectUri,
      x.codeVerifier,
      requestOptions(ctx),
    );
    return toTokenSet(
      await oauth.processAuthorizationCodeResponse(ctx.as, ctx.client, res),
      issuedAt,
      'exchange',
    );
  });
}

export function refreshTokens(
  ctx: ZoomOAuthContext,
  refreshToken: string,
  now: () => number,
): Promise<TokenSet> {
  return run('refresh', async () => {
    const issuedAt = now();
    const res = await oauth.refreshTokenGrantRequest(
      ctx.as,
      ctx.client,
      ctx.clientAuth,
      refreshToken,
      requestOptions(ctx),
    );
    return toTokenSet(await oauth.processRefreshTokenResponse(ctx.as, ctx.client, res), issuedAt, 'refresh');
  });
}

/** POST /oauth/revoke token=<access token>. */
export function revokeToken(ctx: ZoomOAuthContext, token: string): Promise<void> {
  return run('revoke', async () => {
    const res = await oauth.revocationRequest(ctx.as, ctx.client, ctx.clientAuth, token, requestOptions(ctx));
    await oauth.processRevocationResponse(res);
  });
}

/** Server-to-Server: grant_type=account_credentials&account_id=… with Basic auth. */
export function requestAccountToken(
  ctx: ZoomOAuthContext,
  accountId: string,
  now: () => number,
): Promise<TokenSet> {
  return run('account-credentials', async () => {
    const issuedAt = now();
    const res = await oauth.genericTokenEndpointRequest(
      ctx.as,
      ctx.client,
      ctx.clientAuth,
      'account_credentials',
      { account_id: accountId },
      requestOptions(ctx),
    );
    return toTokenSet(
      await oauth.processGenericTokenEndpointResponse(ctx.as, ctx.client, res),
      issuedAt,
      'account-credentials',
    );
  });
}
