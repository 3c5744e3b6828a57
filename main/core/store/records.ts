// The shapes the repositories hand out: camelCase records, one per table row.

export type Source = 'local' | 'kivicare' | 'import';
export type VisitType = 'telemed' | 'in_person';
/** KiviCare's status codes: 0 Cancelled, 1 Booked, 2 Pending, 3 Check-out, 4 Check-in. */
export type StatusCode = 0 | 1 | 2 | 3 | 4;

export interface Doctor {
  id: string;
  displayName: string;
  email: string;
  zoomUserId: string | null;
  source: Source;
  sourceId: string | null;
  /** Set when the clinic admin removed the doctor; the row stays for past visits. */
  removedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Patient {
  id: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  source: Source;
  sourceId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Appointment {
  id: string;
  doctorId: string;
  patientId: string;
  /** `YYYY-MM-DDTHH:mm:ssZ`, the format Zoom takes; sorts as text. */
  startUtc: string;
  /** IANA zone the visit is booked in (what the clinic and Zoom show). */
  timeZone: string;
  durationMin: number;
  visitType: VisitType;
  status: StatusCode;
  /** Clinical text: stays on this desktop, never sent to Zoom. */
  reason: string | null;
  notes: string | null;
  /** Opaque reference used in the meeting topic instead of anything about the patient. */
  reference: string;
  source: Source;
  sourceId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export type MeetingState =
  | 'ready'
  | 'creating'
  | 'updating'
  | 'deleting'
  | 'deleted'
  | 'needs-reconnect'
  | 'failed';

/** The local twin of KiviCare's wp_kc_appointment_zoom_mappings, without the start URL. */
export interface MeetingMapping {
  id: number;
  appointmentId: string;
  doctorId: string;
  zoomMeetingId: string | null;
  zoomUuid: string | null;
  joinUrl: string | null;
  passcode: string | null;
  hostEmail: string | null;
  hostId: string | null;
  reference: string;
  provisionedBy: 'companion' | 'kivicare';
  state: MeetingState;
  lastErrorKind: string | null;
  lastErrorMessage: string | null;
  createdAt: string;
  updatedAt: string;
}

export type OutboxOp = 'ensure' | 'delete';
export type OutboxState = 'pending' | 'in-flight' | 'done' | 'parked' | 'superseded';

export interface OutboxItem {
  id: number;
  appointmentId: string;
  op: OutboxOp;
  payload: Record<string, unknown>;
  reference: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  state: OutboxState;
  /** The desktop working on it while in flight (migration 6). */
  leaseOwner: string | null;
  /** When that desktop's claim lapses and another may take the work over. */
  leaseUntil: string | null;
  /** Raised by every claim: a result is written only under the claim that is still current. */
  fence: number;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: Record<string, unknown>;
}
