// One row of the mobile-app API (values are strings) → the normalized record.
import { z } from 'zod';
import { clampDuration, isTelemedService, OptText, SiteId, serviceNames } from './item-fields';
import type { ItemOptions } from './kivicare-v4-item';
import { readSiteMeeting } from './site-meeting';
import { siteDateAndTime, toUtcIso } from './site-time';
import type { SiteAppointment } from './source';
import { mapStatus } from './status-codes';

const MobileRow = z.looseObject({
  id: SiteId,
  appointment_start_date: z.string().min(10),
  appointment_start_time: z.string().min(4),
  appointment_end_date: OptText.optional(),
  appointment_end_time: OptText.optional(),
  doctor_id: SiteId,
  doctor_name: OptText.optional(),
  doctor_email: OptText.optional(),
  patient_id: SiteId.optional(),
  patient_name: OptText.optional(),
  patient_email: OptText.optional(),
  status: z.union([z.string(), z.number()]),
  status_name: OptText.optional(),
  visit_type: z.unknown().optional(),
  zoom_data: z.unknown().optional(),
});

export function readMobileRow(raw: unknown, o: ItemOptions): SiteAppointment | { problem: string } {
  const parsed = MobileRow.safeParse(raw);
  if (!parsed.success)
    return { problem: `unexpected fields (${parsed.error.issues[0]?.path.join('.') || 'row'})` };
  const r = parsed.data;
  const start = siteDateAndTime(r.appointment_start_date, r.appointment_start_time, o.timeZone);
  if (!start) return { problem: 'start time is missing or does not exist in the site’s time zone' };
  const end =
    r.appointment_end_time != null
      ? siteDateAndTime(
          r.appointment_end_date ?? r.appointment_start_date,
          r.appointment_end_time,
          o.timeZone,
        )
      : undefined;
  const status = mapStatus(r.status, r.status_name, o.statusReading);
  if (status === undefined) return { problem: 'unknown status' };
  const meeting = readSiteMeeting(r.zoom_data);
  // Older rows name the patient only; the name stands in as the site key so repeats still match.
  const patientKey =
    r.patient_id ?? (r.patient_name ? `name:${r.patient_name.trim().toLowerCase()}` : undefined);
  if (!patientKey) return { problem: 'no patient' };
  return {
    siteId: r.id,
    doctor: { siteId: r.doctor_id, name: r.doctor_name ?? null, email: r.doctor_email ?? null },
    patient: { siteId: patientKey, name: r.patient_name ?? null, email: r.patient_email ?? null },
    startUtc: toUtcIso(start),
    localDate: start.toISODate()!,
    timeZone: o.timeZone,
    durationMin: clampDuration(end ? end.diff(start, 'minutes').minutes : undefined, o.defaultDurationMin),
    status,
    telemed: meeting !== null || isTelemedService(serviceNames(r.visit_type)),
    meeting,
  };
}
