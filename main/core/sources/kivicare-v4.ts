// KiviCare 4.x REST (/wp-json/kivicare/v1): cookie + X-WP-Nonce after auth/login, or a WordPress
// application password (Basic). A stale nonce gets one fresh login and one retry, never a loop.

import { CookieJar } from './cookie-jar';
import type { SiteCredentials } from './credentials';
import { type ItemOptions, readV4Item } from './kivicare-v4-item';
import { AppointmentsAnswer, LoginAnswer } from './kivicare-v4-schemas';
import { ListingBuilder } from './listing';
import { siteError } from './site-errors';
import {
  errorCodeOf,
  type SiteHttpOptions,
  type SiteRequest,
  type SiteResponse,
  siteRequest,
} from './site-http';
import type { AppointmentSource, Listing, ListQuery } from './source';
import type { StatusReading } from './status-codes';

export const V4_BASE = '/wp-json/kivicare/v1';
const MAX_PAGES = 500;
const MAX_RESTARTS = 2;

export interface KiviCareV4Options extends SiteHttpOptions {
  credentials: () => Promise<SiteCredentials>;
  timeZone: string;
  statusReading?: StatusReading;
  perPage?: number;
  defaultDurationMin?: number;
}

export function createKiviCareV4Source(o: KiviCareV4Options): AppointmentSource {
  const jar = new CookieJar();
  let nonce: string | undefined;
  let basic: string | undefined;
  const item: ItemOptions = {
    timeZone: o.timeZone,
    statusReading: o.statusReading ?? 'documented',
    defaultDurationMin: o.defaultDurationMin ?? 30,
  };

  async function login(): Promise<void> {
    const c = await o.credentials();
    jar.clear();
    nonce = undefined;
    basic = undefined;
    if (c.kind === 'app-password') {
      basic = `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
      // Application passwords have no login step: one small read proves they work.
      await call('/appointments', { query: { perPage: 1, page: 1 } }, false);
      return;
    }
    const res = await siteRequest(o, `${V4_BASE}/auth/login`, {
      method: 'POST',
      json: { username: c.username, password: c.password, remember: false },
    });
    jar.store(res.setCookies);
    if (res.status === 401 && errorCodeOf(res.body) === 'unauthorized') throw siteError('client-id-refused');
    if (res.status === 401) throw siteError('wrong-credentials');
    if (res.status === 403) throw siteError('no-kivicare-role');
    if (res.status === 404) throw siteError('not-kivicare');
    const answer = LoginAnswer.safeParse(res.body);
    if (res.status !== 200 || !answer.success) throw siteError('unreadable-answer', { status: res.status });
    if (!jar.has('wordpress_logged_in_')) throw siteError('unreadable-answer', { step: 'login-cookie' });
    nonce = answer.data.data.nonce;
  }

  function authHeaders(): Record<string, string> {
    if (basic) return { authorization: basic };
    const cookie = jar.header();
    return { ...(cookie ? { cookie } : {}), ...(nonce ? { 'x-wp-nonce': nonce } : {}) };
  }

  async function call(path: string, req: SiteRequest, mayRelogin = true): Promise<SiteResponse> {
    if (!basic && !nonce) await login();
    const res = await siteRequest(o, `${V4_BASE}${path}`, { ...req, headers: authHeaders() });
    jar.store(res.setCookies);
    if (res.status < 400) return res;
    const code = errorCodeOf(res.body);
    if (code === 'unauthorized') throw siteError('client-id-refused');
    if (res.status === 404) throw siteError('not-kivicare', { code });
    if (res.status === 401 || res.status === 403) {
      if (basic) throw siteError(res.status === 401 ? 'wrong-credentials' : 'no-kivicare-role', { code });
      // A stale nonce or a lapsed cookie: sign in once more and retry this one request once.
      if (
        mayRelogin &&
        (code === 'rest_cookie_invalid_nonce' || code === 'rest_forbidden' || res.status === 401)
      ) {
        await login();
        return call(path, req, false);
      }
      throw siteError('session-refused', { code, status: res.status });
    }
    throw siteError('unreadable-answer', { status: res.status, code });
  }

  async function listOnce(q: ListQuery): Promise<Listing | 'restart'> {
    const builder = new ListingBuilder(q);
    const perPage = o.perPage ?? 10;
    let total: number | undefined;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const res = await call('/appointments', {
        query: {
          date_from: q.dateFrom,
          date_to: q.dateTo,
          timezone: o.timeZone,
          doctor: q.doctorId,
          patient: q.patientId,
          page,
          perPage,
        },
      });
      const answer = AppointmentsAnswer.safeParse(res.body);
      if (!answer.success) throw siteError('unreadable-answer', { page });
      const { appointments, pagination } = answer.data.data;
      // Offset paging skips a row when the list changes underneath; start over rather than miss one.
      if (total !== undefined && pagination && pagination.total !== total) return 'restart';
      total = pagination?.total;
      const fresh = builder.addPage(appointments, (raw) => readV4Item(raw, item));
      if (fresh < 0) throw siteError('unreadable-answer', { page, step: 'item-without-id' });
      const lastPage = pagination ? Math.ceil(pagination.lastPage) : undefined;
      if (appointments.length === 0 || fresh === 0) return builder.build();
      if (lastPage !== undefined && page >= lastPage) return builder.build();
      if (lastPage === undefined && appointments.length < perPage) return builder.build();
    }
    // An incomplete list must never look complete: the sync cancels what a complete list lacks.
    throw siteError('unreadable-answer', { step: 'too-many-pages' });
  }

  return {
    kind: 'kivicare-v4',
    timeZone: o.timeZone,
    login,
    async listAppointments(q) {
      for (let attempt = 0; attempt <= MAX_RESTARTS; attempt++) {
        const listing = await listOnce(q);
        if (listing !== 'restart') return listing;
      }
      throw siteError('server-error', { step: 'list-kept-changing' });
    },
  };
}
