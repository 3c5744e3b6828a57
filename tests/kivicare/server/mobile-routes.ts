// The mobile-app API: jwt-auth's token route and kivicare/api/v1 appointment list (string values).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { siteStatusCode } from './faults';
import { isDay, readJson, sendJson, wpError } from './http';
import { addonZoomData, type SiteAppointmentRow, STATUS_NAMES } from './site-data';
import type { RouteContext } from './v4-routes';

function row(ctx: RouteContext, a: SiteAppointmentRow): Record<string, unknown> {
  if (ctx.faults.garbleAppointment === a.id) return { id: String(a.id), appointment_start_date: 'soon' };
  const doctor = ctx.data.doctors.find((d) => d.id === a.doctorId);
  const patient = ctx.data.patients.find((p) => p.id === a.patientId);
  return {
    id: String(a.id),
    appointment_start_date: a.start.slice(0, 10),
    appointment_start_time: a.start.slice(11),
    appointment_end_date: a.end.slice(0, 10),
    appointment_end_time: a.end.slice(11),
    doctor_id: String(a.doctorId),
    doctor_name: doctor?.name ?? '',
    patient_id: String(a.patientId),
    patient_name: patient?.name ?? '',
    clinic_id: String(a.clinicId),
    status: String(siteStatusCode(a.status, ctx.faults.statusReading)),
    ...(ctx.faults.statusLabels ? { status_name: STATUS_NAMES[a.status] } : {}),
    visit_type: a.services,
    // PHP sends an empty array where there is no mapping row; older sites send the raw table row.
    zoom_data: !a.zoom
      ? []
      : ctx.faults.mobileZoomRow === 'table-row'
        ? { ...a.zoom, id: String(a.zoom.id), appointment_id: String(a.zoom.appointment_id) }
        : addonZoomData(a.zoom),
  };
}

export async function handleJwtToken(ctx: RouteContext, req: IncomingMessage, res: ServerResponse) {
  const body = await readJson(req);
  ctx.logins.jwt++;
  const user = ctx.auth.findUser(body.username);
  if (!user) return wpError(res, 403, '[jwt_auth] invalid_username', 'Unknown username.');
  if (user.password !== body.password)
    return wpError(res, 403, '[jwt_auth] incorrect_password', 'The password is incorrect.');
  return sendJson(res, 200, {
    token: ctx.auth.issueJwt(user),
    user_email: user.email,
    user_nicename: user.username,
    user_display_name: user.username,
  });
}

export async function handleMobileList(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  const who = ctx.auth.jwtUser(req);
  if (who === 'missing')
    return wpError(res, 401, 'jwt_auth_no_auth_header', 'Authorization header not found.');
  if (who === 'invalid') return wpError(res, 403, 'jwt_auth_invalid_token', 'Expired token');
  const q = url.searchParams;
  const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
  if (await ctx.pageFault(res, page)) return;
  const limit = Math.max(1, Number(q.get('limit') ?? 10) || 10);
  const start = q.get('start') ?? q.get('date');
  const end = q.get('end') ?? q.get('date');
  const filter = !ctx.faults.ignoreDateFilter && isDay(start) && isDay(end);
  const rows = ctx.data.appointments
    .filter((a) => !filter || (a.start.slice(0, 10) >= start && a.start.slice(0, 10) <= end))
    .filter((a) => !q.get('patient_id') || String(a.patientId) === q.get('patient_id'))
    .sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id);
  return sendJson(res, 200, {
    status: true,
    message: 'Appointment list',
    data: rows.slice((page - 1) * limit, page * limit).map((a) => row(ctx, a)),
  });
}
