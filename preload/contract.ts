// The IPC contract: the one definition of every channel between the renderer and main.
// The preload API, main's handler registration and the browser demo's bridge are all derived
// from this file. Main validates every request and every response with these schemas; a response
// schema is also the allow-list of what may cross into the renderer (zod strips unknown keys, so
// a token that slips into a handler's result never reaches the page).
import { z } from 'zod';

export const ErrorKind = z.enum([
  'invalid-request',
  'forbidden-sender',
  'unknown-channel',
  'not-found',
  'conflict',
  'locked',
  'reconnect-needed',
  'zoom-unavailable',
  'zoom-rate-limited',
  'zoom-daily-limit',
  'zoom-rejected',
  'oauth-refused',
  'vault-unavailable',
  'internal',
]);
export type ErrorKind = z.infer<typeof ErrorKind>;

/** An error as the UI receives it: a kind it can explain, and words a receptionist understands. */
export const IpcError = z.object({ kind: ErrorKind, message: z.string() });
export type IpcError = z.infer<typeof IpcError>;

const Empty = z.object({}).strict();
const Id = z.string().min(1).max(64);
/** A calendar day as the clinic reads it, `YYYY-MM-DD`, interpreted in the clinic's time zone. */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-14.');
const Pin = z.string().regex(/^\d{4,12}$/, 'A PIN is 4 to 12 digits.');
const IsoUtc = z.string().datetime({ offset: false });

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  sandbox: z.boolean(),
  zoomOAuthBaseUrl: z.string(),
  zoomApiBaseUrl: z.string(),
});

export const AppStatus = z.object({
  online: z.boolean(),
  sandbox: z.boolean(),
  /** Human name of the Zoom server in use, e.g. "Zoom" or "Zoom sandbox on 127.0.0.1:4455". */
  zoomServer: z.string(),
  clinicTimeZone: z.string(),
  outbox: z.object({ pending: z.number().int(), parked: z.number().int() }),
  lastSyncAt: IsoUtc.nullable(),
});

export const Profile = z.discriminatedUnion('role', [
  z.object({ role: z.literal('front-desk') }),
  z.object({ role: z.literal('doctor'), doctorId: Id, lockAt: IsoUtc }),
]);

export const Doctor = z.object({
  id: Id,
  displayName: z.string(),
  email: z.string().nullable(),
  hasPin: z.boolean(),
});

export const Patient = z.object({
  id: Id,
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});

export const VisitType = z.enum(['telemed', 'in_person']);
/** KiviCare's appointment status codes: 0 Cancelled, 1 Booked, 2 Pending, 3 Check-out, 4 Check-in. */
export const AppointmentStatus = z.union([
  z.literal(0),
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
]);

export const MeetingState = z.enum([
  'none',
  /** A tele-visit that ended without a meeting: none is made for the past. */
  'past',
  'creating',
  'updating',
  'deleting',
  'ready',
  'needs-reconnect',
  'failed',
  'site-managed',
]);

/**
 * What the renderer may know of a meeting: never a start URL, and not the passcode either (main
 * builds the invitation that carries it; the page only asks for it to be copied or mailed).
 */
export const MeetingView = z.object({
  state: MeetingState,
  joinUrl: z.string().nullable(),
  meetingId: z.string().nullable(),
  /** Why the meeting is not ready, in words a receptionist understands. */
  problem: z.string().nullable(),
  provisionedBy: z.enum(['companion', 'kivicare']).nullable(),
});

export const AppointmentView = z.object({
  id: Id,
  version: z.number().int(),
  doctorId: Id,
  doctorName: z.string(),
  patientId: Id,
  patientName: z.string(),
  startUtc: IsoUtc,
  timeZone: z.string(),
  durationMin: z.number().int(),
  visitType: VisitType,
  status: AppointmentStatus,
  source: z.enum(['local', 'kivicare', 'import']),
  overlaps: z.boolean(),
  meeting: MeetingView,
});

export const AppointmentInput = z.object({
  doctorId: Id,
  patientId: Id,
  /** Local wall-clock date and time in the clinic's time zone. */
  date: Day,
  time: z.string().regex(/^\d{2}:\d{2}$/, 'Use a time like 09:30.'),
  durationMin: z.number().int().min(5).max(480),
  visitType: VisitType,
  notes: z.string().max(2000).optional(),
});

export const Connection = z.object({
  doctorId: Id,
  state: z.enum(['disconnected', 'connecting', 'connected', 'reconnect-needed']),
  accountEmail: z.string().nullable(),
  accessTokenExpiresAt: IsoUtc.nullable(),
  lastError: z.string().nullable(),
  /** Set when this doctor must reconnect before a visit today: the time of that first visit. */
  reconnectBefore: IsoUtc.nullable(),
});

export const ImportKind = z.enum(['ics', 'csv']);
export const ImportRow = z.object({
  rowNumber: z.number().int(),
  ok: z.boolean(),
  errors: z.array(z.string()),
  summary: z.string(),
  duplicate: z.boolean(),
});
export const ImportPreview = z.object({
  previewId: Id,
  fileError: z.string().nullable(),
  rows: z.array(ImportRow),
  valid: z.number().int(),
  invalid: z.number().int(),
});

export const Reminder = z.object({
  appointmentId: Id,
  doctorId: Id,
  startUtc: IsoUtc,
  patientName: z.string(),
});

export const LockedSettings = z.object({
  clinicTimeZone: z.boolean(),
  autoLockMinutes: z.boolean(),
  zoomClientId: z.boolean(),
  redirectMode: z.boolean(),
  mode: z.boolean(),
  bridgeUrl: z.boolean(),
  kivicareSite: z.boolean(),
  updates: z.boolean(),
});
export const Settings = z.object({
  clinicTimeZone: z.string(),
  autoLockMinutes: z.number().int().min(1).max(240),
  redirectMode: z.enum(['loopback', 'scheme']),
  /** Per-doctor OAuth, or one clinic Zoom account (Server-to-Server) for every doctor. */
  mode: z.enum(['per-doctor', 'clinic-wide']),
  locked: LockedSettings,
});

export const ClinicZoomView = z.object({
  mode: z.enum(['per-doctor', 'clinic-wide']),
  modeLocked: z.boolean(),
  configured: z.boolean(),
  accountId: z.string().nullable(),
  clientId: z.string().nullable(),
  lastError: z.string().nullable(),
});

export const KiviCareView = z.object({
  connected: z.boolean(),
  siteUrl: z.string().nullable(),
  siteUrlLocked: z.boolean(),
  apiKind: z.string().nullable(),
  /** Whether the companion makes meetings for tele-visits the site has none for. */
  companionProvisions: z.boolean(),
  /** KiviCare 4.x has one filter that swaps Pending (2) and Check-in (4); 'swapped' reads it that way. */
  statusReading: z.enum(['documented', 'swapped']),
  /** Which API the site was found to offer and how its status numbers are read, in words. */
  apiLabel: z.string().nullable(),
  busy: z.boolean(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** How the latest sync ended (on demand or on the rhythm), said in words; null before the first. */
  lastOutcome: z
    .object({
      ok: z.boolean(),
      mode: z.enum(['full', 'incremental']),
      at: IsoUtc,
      message: z.string(),
      /** What the sync left as it was or changed on its own, in words (at most ten). */
      notes: z.array(z.string()),
    })
    .nullable(),
});

const ok = z.object({ ok: z.literal(true) });

/** Request/response schemas per channel. Add a channel here and everything else follows. */
export const channels = {
  'app:getInfo': { request: Empty, response: AppInfo },
  'app:getStatus': { request: Empty, response: AppStatus },
  'settings:get': { request: Empty, response: Settings },
  'settings:update': {
    request: z
      .object({
        clinicTimeZone: z.string().min(1).max(64).optional(),
        autoLockMinutes: z.number().int().min(1).max(240).optional(),
        redirectMode: z.enum(['loopback', 'scheme']).optional(),
        mode: z.enum(['per-doctor', 'clinic-wide']).optional(),
      })
      .strict(),
    response: Settings,
  },
  /** Writes a diagnostics folder (logs, versions, health check; no secrets, no patient names). */
  'app:exportDiagnostics': {
    request: Empty,
    response: z.object({ folder: z.string().nullable(), problems: z.number().int() }),
  },
  'clinicZoom:get': { request: Empty, response: ClinicZoomView },
  /** The client secret goes to main once and is kept in the credential vault; it never comes back. */
  'clinicZoom:set': {
    request: z
      .object({
        accountId: z.string().trim().min(1).max(200),
        clientId: z.string().trim().min(1).max(200),
        clientSecret: z.string().min(1).max(500),
      })
      .strict(),
    response: ClinicZoomView,
  },
  'clinicZoom:clear': { request: Empty, response: ClinicZoomView },

  'profiles:get': { request: Empty, response: Profile },
  'profiles:unlock': { request: z.object({ doctorId: Id, pin: Pin }).strict(), response: Profile },
  'profiles:lock': { request: Empty, response: Profile },
  /** Any user activity in the doctor's profile pushes the auto-lock back. */
  'profiles:touch': { request: Empty, response: Profile },
  'profiles:setPin': {
    request: z.object({ doctorId: Id, currentPin: Pin.optional(), newPin: Pin }).strict(),
    response: ok,
  },

  'doctors:list': { request: Empty, response: z.array(Doctor) },
  'doctors:create': {
    request: z
      .object({ displayName: z.string().trim().min(1).max(120), email: z.string().email().optional() })
      .strict(),
    response: Doctor,
  },
  /** Corrects a doctor's name or the e-mail that names their Zoom user ('' clears it). */
  'doctors:update': {
    request: z
      .object({
        id: Id,
        displayName: z.string().trim().min(1).max(120).optional(),
        email: z.union([z.string().trim().email().max(200), z.literal('')]).optional(),
      })
      .strict(),
    response: Doctor,
  },
  'patients:list': {
    request: z.object({ query: z.string().max(120).optional() }).strict(),
    response: z.array(Patient),
  },
  'patients:create': {
    request: z
      .object({
        displayName: z.string().trim().min(1).max(120),
        email: z.string().email().optional(),
        phone: z.string().max(40).optional(),
      })
      .strict(),
    response: Patient,
  },

  'appointments:listDay': {
    request: z.object({ date: Day, doctorId: Id.optional() }).strict(),
    response: z.object({ date: Day, timeZone: z.string(), appointments: z.array(AppointmentView) }),
  },
  'appointments:create': { request: AppointmentInput.strict(), response: AppointmentView },
  /** Edit, reschedule, change of doctor or visit type: all one update with the version last seen. */
  'appointments:update': {
    request: AppointmentInput.partial().extend({ id: Id, version: z.number().int() }).strict(),
    response: AppointmentView,
  },
  'appointments:cancel': {
    request: z.object({ id: Id, version: z.number().int() }).strict(),
    response: AppointmentView,
  },
  'appointments:delete': { request: z.object({ id: Id, version: z.number().int() }).strict(), response: ok },

  /** Opens the meeting as host: main fetches a fresh start URL and opens it itself. */
  'meetings:start': { request: z.object({ appointmentId: Id }).strict(), response: ok },
  'meetings:copyJoinLink': { request: z.object({ appointmentId: Id }).strict(), response: ok },
  'meetings:copyInvitation': { request: z.object({ appointmentId: Id }).strict(), response: ok },
  'meetings:emailInvitation': { request: z.object({ appointmentId: Id }).strict(), response: ok },
  'meetings:retry': { request: z.object({ appointmentId: Id }).strict(), response: ok },

  'connections:list': { request: Empty, response: z.array(Connection) },
  'connections:connect': { request: z.object({ doctorId: Id }).strict(), response: ok },
  'connections:disconnect': { request: z.object({ doctorId: Id }).strict(), response: ok },

  'import:preview': {
    request: z
      .object({ kind: ImportKind, fileName: z.string().max(260), content: z.string().max(5_000_000) })
      .strict(),
    response: ImportPreview,
  },
  'import:commit': {
    request: z.object({ previewId: Id, onlyValidRows: z.boolean() }).strict(),
    response: z.object({ imported: z.number().int() }),
  },

  'kivicare:get': { request: Empty, response: KiviCareView },
  /** The password goes to main once and is kept in the credential vault; it never comes back. */
  'kivicare:connect': {
    request: z
      .object({
        siteUrl: z.string().trim().max(300),
        kind: z.enum(['login', 'app-password']),
        username: z.string().trim().min(1).max(200),
        password: z.string().min(1).max(500),
        companionProvisions: z.boolean(),
        statusReading: z.enum(['documented', 'swapped']),
      })
      .strict(),
    response: KiviCareView,
  },
  'kivicare:disconnect': { request: Empty, response: KiviCareView },
  /** Changes how a connected site is read, without signing in again. */
  'kivicare:configure': {
    request: z
      .object({
        companionProvisions: z.boolean().optional(),
        statusReading: z.enum(['documented', 'swapped']).optional(),
      })
      .strict(),
    response: KiviCareView,
  },
  'kivicare:syncNow': {
    request: z.object({ mode: z.enum(['full', 'incremental']) }).strict(),
    response: KiviCareView,
  },
} as const;

/** Main → renderer notifications (payload schemas). */
export const events = {
  'appointments:changed': z.object({ date: Day.nullable() }),
  'connections:changed': z.object({ doctorId: Id }),
  'status:changed': AppStatus,
  'profiles:changed': Profile,
  /** A tele-visit of the unlocked doctor starts soon (the shell also shows a notification). */
  'reminders:due': Reminder,
} as const;

export type Channel = keyof typeof channels;
export type EventName = keyof typeof events;
export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<(typeof channels)[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** The IPC channel name on the wire: one namespace so nothing else in Electron collides. */
export const wireChannel = (c: Channel): string => `companion:${c}`;
export const wireEvent = (e: EventName): string => `companion-event:${e}`;

export const channelNames = Object.keys(channels) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

/** What the preload exposes as `window.companion`, and what the demo bridge implements. */
export interface CompanionApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
