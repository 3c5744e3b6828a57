// Which KiviCare API a site offers: the WordPress index lists namespaces; where a security plugin
// hides or trims the index, the real routes answer "no route" (404) only when the API is absent.

import { IANAZone } from 'luxon';
import { z } from 'zod';
import { JWT_TOKEN_PATH, MOBILE_APPOINTMENTS_PATH } from './kivicare-mobile';
import { V4_BASE } from './kivicare-v4';
import { siteError, siteFailureOf } from './site-errors';
import { errorCodeOf, type SiteHttpOptions, siteRequest } from './site-http';
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

/** A route is absent when WordPress says "no route" (or answers with a page): any other answer,
 * a refusal for want of a sign-in included, means something is registered there. */
async function routeExists(o: SiteHttpOptions, path: string, method: 'GET' | 'POST'): Promise<boolean> {
  try {
    const res = await siteRequest(o, path, method === 'POST' ? { method, json: {} } : { method });
    return !(res.status === 404 && (errorCodeOf(res.body) ?? 'rest_no_route') === 'rest_no_route');
  } catch (e) {
    if (siteFailureOf(e) === 'html-page') return false;
    throw e;
  }
}

/** kivicare-api registers one namespace per module (kivicare/api/v1/appointment, …). */
const isMobileNamespace = (ns: string) => ns === 'kivicare/api/v1' || ns.startsWith('kivicare/api/v1/');

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
  if (index?.namespaces.includes('kivicare/v1')) return { kind: 'kivicare-v4', timeZone, siteName };
  if (index?.namespaces.some(isMobileNamespace)) return { kind: 'kivicare-mobile', timeZone, siteName };
  // No index, or one a security plugin trimmed: ask the routes the adapters will use.
  if (await routeExists(o, `${V4_BASE}/auth/login`, 'POST'))
    return { kind: 'kivicare-v4', timeZone, siteName };
  if (
    (await routeExists(o, MOBILE_APPOINTMENTS_PATH, 'GET')) &&
    (await routeExists(o, JWT_TOKEN_PATH, 'POST'))
  ) {
    return { kind: 'kivicare-mobile', timeZone, siteName };
  }
  throw siteError('not-kivicare', { step: index ? 'index-and-routes' : 'routes' });
}
