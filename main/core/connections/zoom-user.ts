import { AppError } from '../errors';
import { createZoomClient, type ZoomRateLimiter } from '../zoom';

export interface ZoomAccount {
  email: string;
  zoomUserId: string;
}

export type FetchZoomUser = (apiBaseUrl: string, accessToken: string) => Promise<ZoomAccount>;

/**
 * GET /users/me: which Zoom account the doctor signed in with. It goes through the Zoom client,
 * so the sign-in call waits its turn in the account's rate limiter, respects a Retry-After pause
 * of that account, and pauses the account itself when Zoom answers 429.
 */
export function zoomUserFetcher(limiter: ZoomRateLimiter, accountKey: string): FetchZoomUser {
  return async (apiBaseUrl, accessToken) => {
    const client = createZoomClient({
      apiBaseUrl,
      accountKey,
      limiter,
      tokens: {
        getAccessToken: async () => accessToken,
        // The token was just issued: a 401 now is Zoom refusing it, not an expiry to refresh.
        refreshAfterUnauthorized: async () => {
          throw new AppError('zoom-rejected', 'Zoom did not tell which account was connected.');
        },
      },
    });
    const me = await client.getMe();
    return { email: me.email, zoomUserId: me.id };
  };
}
