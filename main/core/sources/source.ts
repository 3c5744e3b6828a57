// The shape every appointment source hands the sync: site ids kept, times in UTC, no start URL.
import type { StatusCode } from '../store/records';

/** A meeting the site's Telemedicine add-on made. The start URL is dropped before this exists. */
export interface SiteMeeting {
  zoomMeetingId: string | null;
  zoomUuid: string | null;
  joinUrl: string;
  password: string | null;
}

export interface SitePerson {
  siteId: string;
  name: string | null;
  email: string | null;
}

export interface SiteAppointment {
  siteId: string;
  doctor: SitePerson;
  patient: SitePerson;
  /** `YYYY-MM-DDTHH:mm:ssZ`: the site's local wall time read in the site's zone. */
  startUtc: string;
  /** Local wall time as the site shows it, `YYYY-MM-DD` (for client-side window checks). */
  localDate: string;
  timeZone: string;
  durationMin: number;
  status: StatusCode;
  telemed: boolean;
  meeting: SiteMeeting | null;
}

/** A row the site sent whose id could be read but whose content could not: never cancelled for it. */
export interface UnreadableItem {
  siteId: string;
  problem: string;
}

export interface ListQuery {
  /** Site-local calendar days, inclusive, `YYYY-MM-DD`. */
  dateFrom: string;
  dateTo: string;
  doctorId?: string;
  /** One patient's appointments (to find a visit that left the window); checked here too. */
  patientId?: string;
}

export interface Listing {
  appointments: SiteAppointment[];
  unreadable: UnreadableItem[];
  pages: number;
}

export type SourceKind = 'kivicare-v4' | 'kivicare-mobile';

export interface AppointmentSource {
  readonly kind: SourceKind;
  readonly timeZone: string;
  /** Signs in (or checks an application password); throws AppError on refusal. */
  login(): Promise<void>;
  /** Every page of the window; only items whose local date lies inside it. */
  listAppointments(query: ListQuery): Promise<Listing>;
}
