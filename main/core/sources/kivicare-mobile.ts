// The older API KiviCare's mobile apps use: a JWT from jwt-auth, then kivicare/api/v1 lists.
// An invalid or expired token gets one fresh token and one retry.
import { z } from 'zod';
import type { SiteCredentials } from './credentials';
import { readMobileRow } from './kivicare-mobile-item';
import type { ItemOptions } from './kivicare-v4-item';
import { ListingBuilder } from './listing';
import { siteError } from './site-errors';
import {
  errorCodeOf,
  type SiteHttpOptions,
  type SiteRequest,
  type SiteResponse,
  siteRequest,
} from './site-http';
import type { AppointmentSource, ListQuery } from './source';
import type { StatusReading } from './status-codes';

export const JWT_TOKEN_PATH = '/wp-json/jwt-auth/v1/token';
export const MOBILE_APPOINTMENTS_PATH = '/wp-json/kivicare/api/v1/appointment/get-appointment';
const MAX_PAGES = 500;

const TokenAnswer = z.object({ token: z.string().min(1) });
const ListAnswer = z.union([
  z.array(z.unknown()),
  z.object({ data: z.array(z.unknown()) }),
  z.object({ data: z.object({ appointments: z.array(z.unknown()) }) }),
]);
const rowsOf = (a: z.infer<typeof ListAnswer>): unknown[] =>
  Array.isArray(a) ? a : Array.isArray(a.data) ? a.data : a.data.appointments;

export interface KiviCareMobileOptions extends SiteHttpOptions {
  credentials: () => Promise<SiteCredentials>;
  timeZone: string;
  statusReading?: StatusReading;
  /** Rows per page asked for; the site may send fewer (its default is 10), so paging runs to an empty page. */
  limit?: number;
  defaultDurationMin?: number;
}

export function createKiviCareMobileSource(o: KiviCareMobileOptions): AppointmentSource {
  let token: string | undefined;
  const item: ItemOptions = {
    timeZone: o.timeZone,
    statusReading: o.statusReading ?? 'documented',
    defaultDurationMin: o.defaultDurationMin ?? 30,
  };

  async function login(): Promise<void> {
    token = undefined;
    const c = await o.credentials();
    const res = await siteRequest(o, JWT_TOKEN_PATH, {
      method: 'POST',
      json: { username: c.username, password: c.password },
    });
    if (res.status === 404) throw siteError('not-kivicare');
    // jwt-auth answers a wrong user or password with 403 (incorrect_password / invalid_username).
    if (res.status === 401 || res.status === 403)
      throw siteError('wrong-credentials', { code: errorCodeOf(res.body) });
    const answer = TokenAnswer.safeParse(res.body);
    if (res.status !== 200 || !answer.success) throw siteError('unreadable-answer', { status: res.status });
    token = answer.data.token;
  }

  async function call(path: string, req: SiteRequest, mayRelogin = true): Promise<SiteResponse> {
    if (!token) await login();
    const res = await siteRequest(o, path, { ...req, headers: { authorization: `Bearer ${token}` } });
    if (res.status < 400) return res;
    const code = errorCodeOf(res.body);
    if (res.status === 404) throw siteError('not-kivicare', { code });
    if (res.status === 401 || res.status === 403) {
      if (mayRelogin) {
        await login();
        return call(path, req, false);
      }
      throw siteError('session-refused', { code, status: res.status });
    }
    throw siteError('unreadable-answer', { status: res.status, code });
  }

  return {
    kind: 'kivicare-mobile',
    timeZone: o.timeZone,
    login,
    async listAppointments(q: ListQuery) {
      const builder = new ListingBuilder(q);
      const limit = o.limit ?? 10;
      for (let page = 1; page <= MAX_PAGES; page++) {
        const res = await call(MOBILE_APPOINTMENTS_PATH, {
          query: {
            start: q.dateFrom,
            end: q.dateTo,
            // A patient known only by name (older rows) is looked for client-side alone.
            patient_id: q.patientId?.startsWith('name:') ? undefined : q.patientId,
            page,
            limit,
          },
        });
        const answer = ListAnswer.safeParse(res.body);
        if (!answer.success) throw siteError('unreadable-answer', { page });
        const rows = rowsOf(answer.data);
        if (rows.length === 0) return builder.build();
        const fresh = builder.addPage(rows, (raw) => readMobileRow(raw, item));
        if (fresh < 0) throw siteError('unreadable-answer', { page, step: 'row-without-id' });
        // A site that ignores `page` repeats page 1 forever: stop when nothing new arrives.
        if (fresh === 0) return builder.build();
      }
      // An incomplete list must never look complete: the sync cancels what a complete list lacks.
      throw siteError('unreadable-answer', { step: 'too-many-pages' });
    },
  };
}
