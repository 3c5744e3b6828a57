// One 4.x appointment item → the normalized record, or a reason it could not be read.

import { clampDuration, isTelemedService, serviceNames } from './item-fields';
import { AppointmentV4 } from './kivicare-v4-schemas';
import { readSiteMeeting } from './site-meeting';
import { siteLocalToDateTime, toUtcIso } from './site-time';
import type { SiteAppointment } from './source';
import { mapStatus, type StatusReading } from './status-codes';

export interface ItemOptions {
  timeZone: string;
  statusReading: StatusReading;
  defaultDurationMin: number;
}

export function readV4Item(raw: unknown, o: ItemOptions): SiteAppointment | { problem: string } {
  const parsed = AppointmentV4.safeParse(raw);
  if (!parsed.success)
    return { problem: `unexpected fields (${parsed.error.issues[0]?.path.join('.') || 'item'})` };
  const a = parsed.data;
  const start = siteLocalToDateTime(a.start, o.timeZone);
  if (!start) return { problem: 'start time is missing or does not exist in the site’s time zone' };
  const end = a.end ? siteLocalToDateTime(a.end, o.timeZone) : undefined;
  const status = mapStatus(a.status, a.statusLabel ?? a.statusName, o.statusReading);
  if (status === undefined) return { problem: 'unknown status' };
  const meeting = readSiteMeeting(a.zoom_data);
  const flag = a.isTelemed;
  const telemed =
    meeting !== null ||
    flag === true ||
    flag === 1 ||
    flag === '1' ||
    flag === 'true' ||
    isTelemedService([...serviceNames(a.visitType), ...serviceNames(a.services)]);
  return {
    siteId: a.id,
    doctor: { siteId: a.doctorId, name: a.doctorName ?? null, email: a.doctorEmail ?? null },
    patient: { siteId: a.patientId, name: a.patientName ?? null, email: a.patientEmail ?? null },
    startUtc: toUtcIso(start),
    localDate: start.toISODate()!,
    timeZone: o.timeZone,
    durationMin: clampDuration(end ? end.diff(start, 'minutes').minutes : undefined, o.defaultDurationMin),
    status,
    telemed,
    meeting,
  };
}
