import { randomToken } from './ids';
import type { OAuthClient, SandboxState } from './state';

/** A request Zoom refuses with an error page, never a redirect (unknown client, redirect not allowed). */
export class AuthorizePageError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'AuthorizePageError';
  }
}

export interface AuthorizeRequest {
  client: OAuthClient;
  redirectUri: string;
  state?: string;
  responseType: string | null;
  challenge?: string;
  method?: 'S256' | 'plain';
  methodParam: string | null;
}

/** Loopback redirects match an allow-list entry whatever their port (RFC 8252 §7.3). */
export function redirectAllowed(allowList: string[], redirectUri: string): boolean {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return false;
  }
  if (url.hash) return false;
  const loopback = url.protocol === 'http:' && url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !loopback) return false;
  const comparable = loopback ? `http://127.0.0.1${url.pathname}` : `${url.origin}${url.pathname}`;
  return allowList.some(
    (entry) => comparable === entry || (entry.endsWith('/') && comparable.startsWith(entry)),
  );
}

export function parseAuthorize(state: SandboxState, authorizeUrl: string): AuthorizeRequest {
  const url = new URL(authorizeUrl, state.origin);
  const q = url.searchParams;
  const clientId = q.get('client_id');
  const client = clientId ? state.clients.get(clientId) : undefined;
  if (!client || client.kind === 's2s') throw new AuthorizePageError(4700, 'Invalid client_id.');
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!redirectAllowed(state.settings.redirectAllowList, redirectUri)) {
    throw new AuthorizePageError(4709, 'Invalid redirect: the redirect URL is not on the allow list.');
  }
  const challenge = q.get('code_challenge') ?? undefined;
  const methodParam = q.get('code_challenge_method');
  return {
    client,
    redirectUri,
    ...(q.has('state') ? { state: q.get('state')! } : {}),
    responseType: q.get('response_type'),
    ...(challenge ? { challenge, method: methodParam === 'S256' ? 'S256' : 'plain' } : {}),
    methodParam,
  };
}

function redirectWith(req: AuthorizeRequest, params: Record<string, string>): string {
  const url = new URL(req.redirectUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  if (req.state !== undefined) url.searchParams.set('state', req.state);
  return url.toString();
}

/** Problems Zoom reports back to the app through the redirect, as RFC 6749 §4.1.2.1 describes. */
function redirectError(req: AuthorizeRequest): string | undefined {
  if (req.responseType !== 'code') {
    return redirectWith(req, {
      error: 'unsupported_response_type',
      error_description: 'response_type must be code',
    });
  }
  if (req.methodParam !== null && req.methodParam !== 'S256' && req.methodParam !== 'plain') {
    return redirectWith(req, {
      error: 'invalid_request',
      error_description: 'Unsupported code_challenge_method',
    });
  }
  if (req.methodParam !== null && !req.challenge) {
    return redirectWith(req, { error: 'invalid_request', error_description: 'code_challenge is required' });
  }
  if (req.client.kind === 'public' && !req.challenge) {
    return redirectWith(req, {
      error: 'invalid_request',
      error_description: 'PKCE is required for public clients',
    });
  }
  return undefined;
}

export function approveRequest(state: SandboxState, authorizeUrl: string, userKey: string): string {
  const req = parseAuthorize(state, authorizeUrl);
  const error = redirectError(req);
  if (error) return error;
  const user = state.findUser(userKey);
  if (!user) throw new AuthorizePageError(1001, `User does not exist: ${userKey}.`);
  const code = randomToken(24);
  state.codes.set(code, {
    code,
    clientId: req.client.clientId,
    redirectUri: req.redirectUri,
    userId: user.id,
    ...(req.challenge ? { challenge: req.challenge, method: req.method! } : {}),
    issuedAt: state.now(),
    used: false,
  });
  return redirectWith(req, { code });
}

export function denyRequest(state: SandboxState, authorizeUrl: string): string {
  const req = parseAuthorize(state, authorizeUrl);
  return redirectWith(req, { error: 'access_denied', error_description: 'The user denied the request' });
}
