import { z } from 'zod';
import { AppError } from '../errors';
import { isAcceptableBaseUrl } from './insecure-policy';

/** Granular scopes the per-doctor connection asks for. */
export const ZOOM_USER_SCOPES = [
  'meeting:write:meeting',
  'meeting:read:meeting',
  'meeting:update:meeting',
  'meeting:delete:meeting',
  'meeting:read:list_meetings',
  'user:read:user',
] as const;

const BaseUrl = z
  .string()
  .refine(isAcceptableBaseUrl, 'must be https, or http on 127.0.0.1 for the sandbox')
  .transform((s) => s.replace(/\/+$/, ''));

export const ZoomOAuthConfig = z.object({
  oauthBaseUrl: BaseUrl,
  apiBaseUrl: BaseUrl,
  clientId: z.string().min(1).max(200),
  /** Only where IT supplies one (confidential client); a desktop app must not ship one. */
  clientSecret: z.string().min(1).max(500).optional(),
});
export type ZoomOAuthConfig = z.output<typeof ZoomOAuthConfig>;

export function parseZoomOAuthConfig(input: z.input<typeof ZoomOAuthConfig>): ZoomOAuthConfig {
  const r = ZoomOAuthConfig.safeParse(input);
  if (!r.success) {
    const fields = r.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new AppError(
      'invalid-request',
      `The Zoom connection settings are not valid (${fields}). Ask IT to check them.`,
    );
  }
  return r.data;
}
