// Zoom publishes no discovery document, so the metadata is built by hand from the base URL.
import * as oauth from 'oauth4webapi';
import type { ZoomOAuthConfig } from './config';
import { allowsInsecureRequests } from './insecure-policy';

export interface ZoomOAuthContext {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
  /** Spread into every oauth4webapi request: allows http only for a loopback sandbox. */
  http: { [oauth.allowInsecureRequests]?: boolean; signal?: AbortSignal };
  confidential: boolean;
  /** The API origin this issuer's tokens are for (the only place they may be sent as bearer). */
  apiOrigin: string;
}

export function zoomAuthorizationServer(oauthBaseUrl: string): oauth.AuthorizationServer {
  const base = oauthBaseUrl.replace(/\/+$/, '');
  return {
    issuer: base,
    authorization_endpoint: `${base}/oauth/authorize`,
    token_endpoint: `${base}/oauth/token`,
    revocation_endpoint: `${base}/oauth/revoke`,
    code_challenge_methods_supported: ['S256'],
  };
}

/** Public client (client_id in the body, no secret) unless IT supplied a secret. */
export function zoomOAuthContext(config: ZoomOAuthConfig): ZoomOAuthContext {
  const confidential = config.clientSecret !== undefined;
  return {
    as: zoomAuthorizationServer(config.oauthBaseUrl),
    client: { client_id: config.clientId },
    clientAuth: confidential ? oauth.ClientSecretBasic(config.clientSecret as string) : oauth.None(),
    http: allowsInsecureRequests(config.oauthBaseUrl) ? { [oauth.allowInsecureRequests]: true } : {},
    confidential,
    apiOrigin: new URL(config.apiBaseUrl).origin,
  };
}

/** Per-request options: the insecure flag (if any) plus a timeout so a hung Zoom cannot hang us. */
export function requestOptions(ctx: ZoomOAuthContext, timeoutMs = 15_000) {
  return { ...ctx.http, signal: AbortSignal.timeout(timeoutMs) };
}
