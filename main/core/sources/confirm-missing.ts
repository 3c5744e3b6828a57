// An appointment that left the sync window is not thereby cancelled: it may have been moved past
// the window's edge. Before the sync cancels anything for being absent, it looks each one up by its
// patient over a wide range; only an appointment the site no longer has at all is cancelled.
import { dayInZone } from './site-time';
import type { AppointmentSource, SiteAppointment } from './source';

export interface MissingCandidate {
  siteId: string;
  patientSiteId: string | null;
}

export interface Confirmation {
  /** Still on the site (moved, or with a new status): applied like any listed appointment. */
  found: SiteAppointment[];
  /** On the site but unreadable: left as they are. */
  unreadable: string[];
  /** Nowhere on the site within the wide range: gone, and cancelled here. */
  gone: string[];
}

/** How far a moved visit is looked for: a year back, two years ahead. */
export const LOOKUP_RANGE = { pastDays: 365, futureDays: 730 };

/** The end of that range, as a UTC instant (a full sync re-reads the visits held up to it). */
export const lookupHorizonUtc = (now: Date): string =>
  new Date(now.getTime() + LOOKUP_RANGE.futureDays * 86_400_000).toISOString();

export async function confirmMissing(
  source: AppointmentSource,
  candidates: readonly MissingCandidate[],
  now: Date,
): Promise<Confirmation> {
  const wanted = new Set(candidates.map((c) => c.siteId));
  const found = new Map<string, SiteAppointment>();
  const unreadable = new Set<string>();
  const dateFrom = dayInZone(now, source.timeZone, -LOOKUP_RANGE.pastDays);
  const dateTo = dayInZone(now, source.timeZone, LOOKUP_RANGE.futureDays);
  // One read per patient (their visits are few); a candidate without a patient key needs the
  // whole range, read once.
  const patients = new Set(candidates.map((c) => c.patientSiteId ?? '*'));
  for (const patient of patients) {
    const listing = await source.listAppointments({
      dateFrom,
      dateTo,
      patientId: patient === '*' ? undefined : patient,
    });
    for (const a of listing.appointments) if (wanted.has(a.siteId)) found.set(a.siteId, a);
    for (const u of listing.unreadable) if (wanted.has(u.siteId)) unreadable.add(u.siteId);
  }
  return {
    found: [...found.values()],
    unreadable: [...unreadable],
    gone: [...wanted].filter((id) => !found.has(id) && !unreadable.has(id)),
  };
}
