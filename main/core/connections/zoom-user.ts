import { z } from 'zod';
import { AppError } from '../errors';

export interface ZoomAccount {
  email: string;
  zoomUserId: string;
}

export type FetchZoomUser = (apiBaseUrl: string, accessToken: string) => Promise<ZoomAccount>;

const Me = z.object({ id: z.string().min(1), email: z.string().min(3) });

/** GET /users/me: which Zoom account the doctor signed in with. */
export const fetchZoomUser: FetchZoomUser = async (apiBaseUrl, accessToken) => {
  let res: Response;
  try {
    res = await fetch(`${apiBaseUrl}/users/me`, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new AppError('zoom-unavailable', 'Zoom cannot be reached right now. Try again in a few minutes.');
  }
  const me = Me.safeParse(res.ok ? await res.json().catch(() => undefined) : undefined);
  if (!me.success) {
    throw new AppError('zoom-rejected', 'Zoom did not tell which account was connected.', {
      httpStatus: res.status,
    });
  }
  return { email: me.data.email, zoomUserId: me.data.id };
};
