// /wp-json/kivicare/v1 as KiviCare 4.3 serves it: auth/login and the appointments list.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DateTime } from 'luxon';
import type { SiteAuth } from './auth';
import { type SiteFaults, siteStatusCode } from './faults';
import { isDay, readJson, sendJson, wpError } from './http';
import {
  addonZoomData,
  type SiteAppointmentRow,
  type SiteData,
  type SiteUser,
  STATUS_NAMES,
} from './site-data';

export interface RouteContext {
  data: SiteData;
  faults: SiteFaults;
  auth: SiteAuth;
  logins: { v4: number; jwt: number };
  /** Answers a list page; returns true if the fault took the answer over. */
  pageFault(res: ServerResponse, page: number): Promise<boolean>;
}

const isKiviCareUser = (u: SiteUser) => u.roles.some((r) => r.startsWith('kiviCare_'));
const local = (s: string) => s.replace(' ', 'T');

function v4Item(ctx: RouteContext, a: SiteAppointmentRow): Record<string, unknown> {
  if (ctx.faults.garbleAppointment === a.id) return { id: String(a.id), start: 'soon', status: 'maybe' };
  const doctor = ctx.data.doctors.find((d) => d.id === a.doctorId);
  const patient = ctx.data.patients.find((p) => p.id === a.patientId);
  const start = DateTime.fromSQL(a.start);
  return {
    id: String(a.id),
    start: local(a.start),
    end: local(a.end),
    appointmentStartDate: start.toFormat('MMMM d, yyyy'),
    appointmentStartTime: start.toFormat('h:mm a'),
    doctorId: a.doctorId,
    doctorName: doctor?.name,
    doctorEmail: doctor?.email,
    patientId: a.patientId,
    patientName: patient?.name,
    patientEmail: patient?.email,
    clinicId: a.clinicId,
    status: siteStatusCode(a.status, ctx.faults.statusReading),
    ...(ctx.faults.statusLabels ? { statusLabel: STATUS_NAMES[a.status] } : {}),
    services: a.services.map((name, i) => ({ id: String(i + 1), name })),
    ...(a.zoom ? { zoom_data: addonZoomData(a.zoom) } : {}),
  };
}

/** Who is asking: a user, or the reason WordPress refuses (rest_forbidden / invalid nonce). */
function caller(
  ctx: RouteContext,
  req: IncomingMessage,
): SiteUser | { status: number; code: string } | undefined {
  const basic = ctx.auth.basicUser(req);
  if (basic === 'bad') return { status: 401, code: 'incorrect_password' };
  if (basic) return basic;
  const session = ctx.auth.sessionOf(req);
  if (!session) return undefined;
  if (!req.headers['x-wp-nonce']) return { status: 401, code: 'rest_forbidden' };
  if (ctx.faults.noncesAlwaysStale || !ctx.auth.nonceMatches(req, session)) {
    return { status: 403, code: 'rest_cookie_invalid_nonce' };
  }
  return ctx.auth.userOfSession(session);
}

export async function handleV4(ctx: RouteContext, req: IncomingMessage, res: ServerResponse, url: URL) {
  const route = url.pathname.replace(/^\/wp-json\/kivicare\/v1\/?/, '');
  const who = caller(ctx, req);
  const authenticated = who !== undefined && !('code' in who);
  if (ctx.faults.requireClientId && !authenticated && !req.headers['x-kc-client-id']) {
    return wpError(res, 401, 'unauthorized', 'Client ID is required.');
  }
  if (route === 'auth/login' && req.method === 'POST') {
    const body = await readJson(req);
    ctx.logins.v4++;
    const user = ctx.auth.findUser(body.username);
    if (!user || user.password !== body.password) {
      return sendJson(res, 401, { status: false, message: 'Invalid username or password', data: null });
    }
    if (!isKiviCareUser(user)) return wpError(res, 403, 'kc_forbidden', 'You do not have a KiviCare role.');
    const { cookie, nonce } = ctx.auth.startSession(user);
    return sendJson(
      res,
      200,
      {
        status: true,
        message: 'Logged in',
        data: {
          user_id: 12,
          username: user.username,
          roles: user.roles,
          nonce,
          clinics: [{ id: 1, label: 'Main clinic' }],
        },
      },
      { 'set-cookie': [cookie, 'wordpress_test_cookie=WP%20Cookie%20check; path=/'] },
    );
  }
  if (route === 'appointments' && req.method === 'GET') {
    if (!who) return wpError(res, 401, 'rest_forbidden', 'Sorry, you are not allowed to do that.');
    if ('code' in who) return wpError(res, who.status, who.code, 'Cookie check failed');
    if (!isKiviCareUser(who))
      return wpError(res, 403, 'rest_forbidden', 'Sorry, you are not allowed to do that.');
    const q = url.searchParams;
    const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
    if (await ctx.pageFault(res, page)) return;
    const from = q.get('date_from');
    const to = q.get('date_to');
    // A malformed date filter is ignored silently, as the plugin does.
    const filterDates = !ctx.faults.ignoreDateFilter && isDay(from) && isDay(to);
    const rows = ctx.data.appointments
      .filter((a) => !filterDates || (a.start.slice(0, 10) >= from && a.start.slice(0, 10) <= to))
      .filter((a) => !q.get('doctor') || String(a.doctorId) === q.get('doctor'))
      .filter((a) => !q.get('patient') || String(a.patientId) === q.get('patient'))
      .sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id);
    const perPageRaw = q.get('perPage') ?? '10';
    const perPage = perPageRaw === 'all' ? Math.max(rows.length, 1) : Math.max(1, Number(perPageRaw) || 10);
    const slice = rows.slice((page - 1) * perPage, page * perPage);
    return sendJson(res, 200, {
      status: true,
      message: 'Appointments',
      data: {
        appointments: slice.map((a) => v4Item(ctx, a)),
        // Unrounded, as the plugin computes it.
        pagination: { total: rows.length, perPage, currentPage: page, lastPage: rows.length / perPage },
      },
    });
  }
  return wpError(res, 404, 'rest_no_route', 'No route was found matching the URL and request method.');
}
