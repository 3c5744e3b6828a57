// Which KiviCare API a site offers: the WordPress index lists namespaces; where a security plugin
// hides the index, the login routes answer "no route" (404) only when the API is absent.

import { IANAZone } from 'luxon';
import { z } from 'zod';
import { JWT_TOKEN_PATH } from './kivicare-mobile';
import { V4_BASE } from './kivicare-v4';
import { siteError, siteFailureOf } from './site-errors';
import { type SiteHttpOptions, siteRequest } from './site-http';
import type { SourceKind } from './source';

export interface ProbeResult {
  kind: SourceKind;
  /** The site's WordPress time zone when its index tells; else null (use the clinic's). */
  timeZone: string | null;
  siteName: string | null;
}

const WpIndex = z.object({
  name: z.string().optional(),
  namespaces: z.array(z.string()),
  timezone_string: z.string().optional(),
  gmt_offset: z.union([z.number(), z.string()]).optional(),
});

/**
 * WordPress stores either an IANA name or, for "UTC+2" style choices, only an offset. A whole-hour
 * offset becomes its Etc/GMT zone (signs inverted by POSIX); anything else is unknown (null).
 */
export function siteZoneFrom(
  timezoneString: string | undefined,
  gmtOffset: number | string | undefined,
): string | null {
  if (timezoneString && IANAZone.isValidZone(timezoneString)) return timezoneString;
  const offset = Number(gmtOffset);
  if (gmtOffset === undefined || gmtOffset === '' || !Number.isInteger(offset) || Math.abs(offset) > 14)
    return null;
  if (offset === 0) return 'UTC';
  return `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

async function routeExists(o: SiteHttpOptions, path: string): Promise<boolean> {
  try {
    const res = await siteRequest(o, path, { method: 'POST', json: {} });
    return res.status !== 404;
  } catch (e) {
    if (siteFailureOf(e) === 'html-page') return false;
    throw e;
  }
}

export async function probeSite(o: SiteHttpOptions): Promise<ProbeResult> {
  let index: z.infer<typeof WpIndex> | undefined;
  try {
    const res = await siteRequest(o, '/wp-json/');
    const parsed = WpIndex.safeParse(res.body);
    if (res.status === 200 && parsed.success) index = parsed.data;
  } catch (e) {
    const failure = siteFailureOf(e);
    if (failure !== 'html-page' && failure !== 'unreadable-answer') throw e;
  }
  const timeZone = index ? siteZoneFrom(index.timezone_string, index.gmt_offset) : null;
  const siteName = index?.name ?? null;
  if (index) {
    if (index.namespaces.includes('kivicare/v1')) return { kind: 'kivicare-v4', timeZone, siteName };
    if (index.namespaces.includes('kivicare/api/v1') && index.namespaces.includes('jwt-auth/v1')) {
      return { kind: 'kivicare-mobile', timeZone, siteName };
    }
    throw siteError('not-kivicare', { step: 'index' });
  }
  if (await routeExists(o, `${V4_BASE}/auth/login`)) return { kind: 'kivicare-v4', timeZone, siteName };
  if (await routeExists(o, JWT_TOKEN_PATH)) return { kind: 'kivicare-mobile', timeZone, siteName };
  throw siteError('not-kivicare', { step: 'routes' });
}
