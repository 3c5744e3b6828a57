// Clinic-wide Server-to-Server OAuth: account_credentials with Basic auth. Zoom issues no refresh
// token and several access tokens may be valid at once, so the token is cached in memory only.
import { AppError } from '../errors';
import { zoomOAuthContext } from '../oauth/authorization-server';
import type { ZoomOAuthConfig } from '../oauth/config';
import { requestAccountToken, type TokenSet } from '../oauth/token-client';
import type { AccessTokenProvider } from './access-token-provider';

export interface S2STokenProviderOptions {
  config: ZoomOAuthConfig;
  accountId: string;
  now?: () => number;
  skewMs?: number;
}

export function createS2STokenProvider(options: S2STokenProviderOptions): AccessTokenProvider {
  if (!options.config.clientSecret) {
    throw new AppError(
      'invalid-request',
      'The clinic Zoom account needs its client secret. Ask IT to enter it.',
    );
  }
  const ctx = zoomOAuthContext(options.config);
  const now = options.now ?? Date.now;
  const skewMs = options.skewMs ?? 5 * 60_000;
  let cached: TokenSet | undefined;
  let inflight: Promise<string> | undefined;

  const fetchNew = (): Promise<string> => {
    inflight ??= requestAccountToken(ctx, options.accountId, now)
      .then((t) => {
        cached = t;
        return t.accessToken;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };

  // The clinic's token is for the API of the issuer it came from, nowhere else.
  const checkDestination = (destination: string | undefined) => {
    if (destination !== undefined && destination !== ctx.apiOrigin) {
      throw new AppError(
        'reconnect-needed',
        `The clinic Zoom account is not for ${new URL(destination).host}.`,
        {
          reason: 'zoom-server-changed',
        },
      );
    }
  };

  return {
    async getAccessToken(destination) {
      checkDestination(destination);
      if (inflight) return inflight;
      if (cached && cached.expiresAt - skewMs > now()) return cached.accessToken;
      return fetchNew();
    },
    async refreshAfterUnauthorized(rejectedToken, destination) {
      checkDestination(destination);
      if (inflight) return inflight;
      if (cached && cached.accessToken !== rejectedToken && cached.expiresAt - skewMs > now()) {
        return cached.accessToken;
      }
      cached = undefined;
      return fetchNew();
    },
  };
}
