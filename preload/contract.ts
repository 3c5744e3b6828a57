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
  /** The clinic's shared database server cannot be reached (a clinic of desktops). */
  'database-unavailable',
  /** The profile in use may not do this (roles are enforced by the core, not only the page). */
  'not-allowed',
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
/** A PIN as typed to unlock: PINs set before 6 digits were required still unlock. */
const Pin = z.string().regex(/^\d{4,12}$/, 'A PIN is 4 to 12 digits.');
/** A new PIN: at least 6 digits. */
export const NewPin = z.string().regex(/^\d{6,12}$/, 'A new PIN is 6 to 12 digits.');
/** The clinic admin's PIN or passphrase. */
const AdminSecret = z.string().min(6, 'The admin PIN or passphrase has at least 6 characters.').max(128);
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
  /** Where the schedule lives: this desktop's own database, or the clinic's shared server. */
  database: z.object({
    shared: z.boolean(),
    /** `postgres://user@host:port/db` (never a password); null on a single desktop. */
    server: z.string().nullable(),
    /** This desktop's name as the others see it; null on a single desktop. */
    desktop: z.string().nullable(),
    /** False while the clinic server does not answer: the screen shows the last known state. */
    connected: z.boolean(),
    awaySince: IsoUtc.nullable(),
  }),
});

/** Who may call a channel: front desk (no PIN), a doctor in their unlocked profile, the clinic admin. */
export const Role = z.enum(['front-desk', 'doctor', 'admin']);
export type Role = z.infer<typeof Role>;

export const Profile = z.discriminatedUnion('role', [
  z.object({ role: z.literal('front-desk') }),
  z.object({ role: z.literal('doctor'), doctorId: Id, lockAt: IsoUtc }),
  z.object({ role: z.literal('admin'), lockAt: IsoUtc }),
]);

/** How the desktop's profiles are protected, for the screens that set PINs. */
export const ProfileSecurity = z.object({
  /** The clinic admin PIN or passphrase exists (set here, or given as a hash by IT's policy). */
  adminSecretSet: z.boolean(),
  adminSecretByPolicy: z.boolean(),
});

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
  /** What Zoom last said the meeting is doing (asked shortly before and during the visit). */
  live: z.enum(['waiting', 'started', 'ended']).nullable(),
  /** When the doctor opened its start link from this desktop. */
  openedAt: IsoUtc.nullable(),
  /**
   * Not made yet, and this desktop cannot make it: another desktop holding the doctor's sign-in is
   * expected to ('desktop'), or none of those has been seen lately ('desktop-away'). `problem` names it.
   */
  waiting: z.enum(['desktop', 'desktop-away']).nullable(),
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
  state: z.enum(['disconnected', 'connecting', 'confirm-account', 'connected', 'reconnect-needed']),
  accountEmail: z.string().nullable(),
  /**
   * In 'confirm-account': the Zoom account the doctor signed in to, which is not the address the
   * companion has for them. Nothing is kept until the doctor confirms it in words.
   */
  pendingAccountEmail: z.string().nullable(),
  accessTokenExpiresAt: IsoUtc.nullable(),
  lastError: z.string().nullable(),
  /** Set when this doctor must reconnect before a visit today: the time of that first visit. */
  reconnectBefore: IsoUtc.nullable(),
  /** In 'connecting': when the sign-in attempt expires (then the state goes back by itself). */
  connectingUntil: IsoUtc.nullable().default(null),
});

/**
 * One thing to fix before a visit, named in full: the doctor, the visit and what fixes it. Built by
 * the core (app/attention.ts) in the order it matters.
 */
export const AttentionItem = z.object({
  /** Stable while the cause lasts: the cause and the doctor or visit it is about. */
  id: z.string(),
  cause: z.enum([
    'not-connected',
    'must-reconnect',
    'connecting',
    'confirm-account',
    'clinic-account',
    'meeting-failed',
    'meeting-not-ready',
  ]),
  /** What fixes it; null when it only needs time or another person (said in `message`). */
  action: z.enum(['connect', 'reconnect', 'retry', 'settings']).nullable(),
  doctorId: Id,
  doctorName: z.string(),
  /** The first visit it stands in the way of. */
  appointmentId: Id,
  patientName: z.string(),
  startUtc: IsoUtc,
  endUtc: IsoUtc,
  /** Further visits of this doctor held up by the same cause. */
  moreVisits: z.number().int(),
  /** The visit is close (2 hours or less) and not ready. */
  urgent: z.boolean(),
  message: z.string(),
});

export const ImportKind = z.enum(['ics', 'csv']);
export const ImportRow = z.object({
  rowNumber: z.number().int(),
  ok: z.boolean(),
  errors: z.array(z.string()),
  summary: z.string(),
  duplicate: z.boolean(),
  /** What the file says, good row or bad; the time is shown by the renderer's one formatter, on the clinic's clock. */
  warnings: z.array(z.string()),
  startUtc: IsoUtc.nullable(),
  durationMin: z.number().int().nullable(),
  doctor: z.string().nullable(),
  patient: z.string().nullable(),
  visitType: VisitType.nullable(),
});
export const ImportColumn = z.object({
  name: z.string(),
  required: z.boolean(),
  says: z.string(),
  example: z.string(),
});
export const ImportTemplate = z.object({
  fileName: z.string(),
  csv: z.string(),
  columns: z.array(ImportColumn),
});
export const TimeZoneChoice = z.object({ id: z.string(), label: z.string() });
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

/**
 * Who may call a channel. `roles` lists the profiles allowed at all; with `own`, a doctor may act
 * only when that request field names their own profile (the admin is not so bound). The dispatcher
 * refuses the rest before it reads the payload's meaning and before any side effect.
 */
export interface Access {
  readonly roles: readonly Role[];
  readonly own?: 'doctorId';
}
const EVERYONE: Access = { roles: ['front-desk', 'doctor', 'admin'] };
const ADMIN: Access = { roles: ['admin'] };
const DOCTOR: Access = { roles: ['doctor'] };
const OWN: Access = { roles: ['doctor'], own: 'doctorId' };
const OWN_OR_ADMIN: Access = { roles: ['doctor', 'admin'], own: 'doctorId' };

/** Request/response schemas and access per channel. Add a channel here and everything else follows. */
export const channels = {
  'app:getInfo': {
    ...EVERYONE,
    request: Empty,
    response: AppInfo,
  },
  'app:getStatus': {
    ...EVERYONE,
    request: Empty,
    response: AppStatus,
  },
  'settings:get': {
    ...EVERYONE,
    request: Empty,
    response: Settings,
  },
  /** Every time zone the core accepts for the clinic, for a searchable picker. */
  'settings:timeZones': {
    ...EVERYONE,
    request: Empty,
    response: z.array(TimeZoneChoice),
  },
  'settings:update': {
    ...ADMIN,
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
    ...ADMIN,
    request: Empty,
    response: z.object({ folder: z.string().nullable(), problems: z.number().int() }),
  },
  'clinicZoom:get': {
    ...EVERYONE,
    request: Empty,
    response: ClinicZoomView,
  },
  /** The client secret goes to main once and is kept in the credential vault; it never comes back. */
  'clinicZoom:set': {
    ...ADMIN,
    request: z
      .object({
        accountId: z.string().trim().min(1).max(200),
        clientId: z.string().trim().min(1).max(200),
        clientSecret: z.string().min(1).max(500),
      })
      .strict(),
    response: ClinicZoomView,
  },
  'clinicZoom:clear': {
    ...ADMIN,
    request: Empty,
    response: ClinicZoomView,
  },

  'profiles:get': {
    ...EVERYONE,
    request: Empty,
    response: Profile,
  },
  'profiles:unlock': {
    ...EVERYONE,
    request: z.object({ doctorId: Id, pin: Pin }).strict(),
    response: Profile,
  },
  'profiles:lock': {
    ...EVERYONE,
    request: Empty,
    response: Profile,
  },
  /** Any user activity in the doctor's profile pushes the auto-lock back. */
  'profiles:touch': {
    ...EVERYONE,
    request: Empty,
    response: Profile,
  },
  /** A doctor changes their own PIN (with the current one); the admin sets or resets any doctor's. */
  'profiles:setPin': {
    ...OWN_OR_ADMIN,
    request: z.object({ doctorId: Id, currentPin: Pin.optional(), newPin: NewPin }).strict(),
    response: ok,
  },
  'profiles:security': { ...EVERYONE, request: Empty, response: ProfileSecurity },
  /**
   * What the profile in use may call, read from this contract by the core, so the page hides or
   * disables exactly what the dispatcher would refuse. `ownOnly`: allowed for the doctor's own
   * profile only.
   */
  'profiles:rights': {
    ...EVERYONE,
    request: Empty,
    response: z.object({ allowed: z.array(z.string()), ownOnly: z.array(z.string()) }),
  },
  'profiles:unlockAdmin': {
    ...EVERYONE,
    request: z.object({ secret: AdminSecret }).strict(),
    response: Profile,
  },
  /**
   * The first admin PIN or passphrase may be set by whoever runs the app first (when IT's policy
   * gives none); after that only the admin changes it, with the current one.
   */
  'profiles:setAdminSecret': {
    ...EVERYONE,
    request: z.object({ currentSecret: AdminSecret.optional(), newSecret: AdminSecret }).strict(),
    response: Profile,
  },

  'doctors:list': {
    ...EVERYONE,
    request: Empty,
    response: z.array(Doctor),
  },
  'doctors:create': {
    ...ADMIN,
    request: z
      .object({ displayName: z.string().trim().min(1).max(120), email: z.string().email().optional() })
      .strict(),
    response: Doctor,
  },
  /** Corrects a doctor's name or the e-mail that names their Zoom user ('' clears it). */
  'doctors:update': {
    ...ADMIN,
    request: z
      .object({
        id: Id,
        displayName: z.string().trim().min(1).max(120).optional(),
        email: z.union([z.string().trim().email().max(200), z.literal('')]).optional(),
      })
      .strict(),
    response: Doctor,
  },
  /** Removes a doctor: their Zoom connection and PIN go; refused while they have visits ahead. */
  'doctors:remove': { ...ADMIN, request: z.object({ id: Id }).strict(), response: ok },
  'patients:list': {
    ...EVERYONE,
    request: z.object({ query: z.string().max(120).optional() }).strict(),
    response: z.array(Patient),
  },
  'patients:create': {
    ...EVERYONE,
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
    ...EVERYONE,
    request: z.object({ date: Day, doctorId: Id.optional() }).strict(),
    response: z.object({
      date: Day,
      timeZone: z.string(),
      appointments: z.array(AppointmentView),
      /**
       * Null when read now. While the clinic server is away: the day as this desktop last read it,
       * and when it read it.
       */
      asOf: IsoUtc.nullable(),
    }),
  },
  'appointments:create': {
    ...EVERYONE,
    request: AppointmentInput.strict(),
    response: AppointmentView,
  },
  /** Edit, reschedule, change of doctor or visit type: all one update with the version last seen. */
  'appointments:update': {
    ...EVERYONE,
    request: AppointmentInput.partial().extend({ id: Id, version: z.number().int() }).strict(),
    response: AppointmentView,
  },
  'appointments:cancel': {
    ...EVERYONE,
    request: z.object({ id: Id, version: z.number().int() }).strict(),
    response: AppointmentView,
  },
  'appointments:delete': {
    ...EVERYONE,
    request: z.object({ id: Id, version: z.number().int() }).strict(),
    response: ok,
  },
  /**
   * Asked by the booking dialog before it books or moves a visit: the doctor's other visits that
   * would overlap, said in words. Booking still goes through if the user confirms.
   */
  'appointments:check': {
    ...EVERYONE,
    request: z
      .object({
        doctorId: Id,
        date: Day,
        time: z.string().regex(/^\d{2}:\d{2}$/, 'Use a time like 09:30.'),
        durationMin: z.number().int().min(5).max(480),
        /** The visit being moved, which does not conflict with itself. */
        id: Id.optional(),
      })
      .strict(),
    response: z.object({ conflicts: z.array(z.string()) }),
  },
  /** The doctor's next free slot from `date` on (never in the past), for the booking dialog's default. */
  'appointments:nextFree': {
    ...EVERYONE,
    request: z
      .object({ doctorId: Id, date: Day.optional(), durationMin: z.number().int().min(5).max(480) })
      .strict(),
    response: z.object({ date: Day, time: z.string() }),
  },
  /** Visits whose patient name matches, from today over the coming weeks, in start order. */
  'appointments:search': {
    ...EVERYONE,
    request: z
      .object({ query: z.string().trim().min(2).max(120), days: z.number().int().min(1).max(62).optional() })
      .strict(),
    response: z.object({
      fromDate: Day,
      toDate: Day,
      timeZone: z.string(),
      appointments: z.array(AppointmentView),
      /** More matched than are listed. */
      more: z.boolean(),
    }),
  },

  /** Opens the meeting as host: main fetches a fresh start URL and opens it itself. */
  'meetings:start': {
    ...DOCTOR,
    request: z.object({ appointmentId: Id }).strict(),
    response: ok,
  },
  'meetings:copyJoinLink': {
    ...EVERYONE,
    request: z.object({ appointmentId: Id }).strict(),
    response: ok,
  },
  'meetings:copyInvitation': {
    ...EVERYONE,
    request: z.object({ appointmentId: Id }).strict(),
    response: ok,
  },
  'meetings:emailInvitation': {
    ...EVERYONE,
    request: z.object({ appointmentId: Id }).strict(),
    response: ok,
  },
  /**
   * A deliberate reveal to read out on the phone: the meeting ID and passcode (audited). Never a
   * start URL.
   */
  'meetings:phoneDetails': {
    ...EVERYONE,
    request: z.object({ appointmentId: Id }).strict(),
    response: z.object({ meetingId: z.string(), passcode: z.string() }),
  },
  'meetings:retry': {
    ...EVERYONE,
    request: z.object({ appointmentId: Id }).strict(),
    response: ok,
  },

  /** What stands in the way of today's and the coming visits, soonest first (also pushed). */
  'attention:list': {
    ...EVERYONE,
    request: Empty,
    response: z.array(AttentionItem),
  },

  'connections:list': {
    ...EVERYONE,
    request: Empty,
    response: z.array(Connection),
  },
  'connections:connect': {
    ...OWN,
    request: z.object({ doctorId: Id }).strict(),
    response: ok,
  },
  /** The doctor gives up a sign-in that is still waiting (nothing was kept). */
  'connections:cancelConnect': {
    ...OWN,
    request: z.object({ doctorId: Id }).strict(),
    response: ok,
  },
  'connections:disconnect': {
    ...OWN_OR_ADMIN,
    request: z.object({ doctorId: Id }).strict(),
    response: ok,
  },
  /** The doctor keeps a Zoom account whose e-mail differs from theirs here, naming it in full. */
  'connections:confirmAccount': {
    ...OWN,
    request: z.object({ doctorId: Id, accountEmail: z.string().min(3).max(200) }).strict(),
    response: ok,
  },
  /** The doctor signed in to the wrong Zoom account: nothing is kept. */
  'connections:rejectAccount': { ...OWN, request: z.object({ doctorId: Id }).strict(), response: ok },

  'import:preview': {
    ...EVERYONE,
    request: z
      .object({ kind: ImportKind, fileName: z.string().max(260), content: z.string().max(5_000_000) })
      .strict(),
    response: ImportPreview,
  },
  /** A CSV template (header and one example row that imports as it stands) and its column guide. */
  'import:template': {
    ...EVERYONE,
    request: Empty,
    response: ImportTemplate,
  },
  'import:commit': {
    ...EVERYONE,
    request: z.object({ previewId: Id, onlyValidRows: z.boolean() }).strict(),
    response: z.object({ imported: z.number().int() }),
  },

  'kivicare:get': {
    ...EVERYONE,
    request: Empty,
    response: KiviCareView,
  },
  /** The password goes to main once and is kept in the credential vault; it never comes back. */
  'kivicare:connect': {
    ...ADMIN,
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
  'kivicare:disconnect': {
    ...ADMIN,
    request: Empty,
    response: KiviCareView,
  },
  /** Changes how a connected site is read, without signing in again. */
  'kivicare:configure': {
    ...ADMIN,
    request: z
      .object({
        companionProvisions: z.boolean().optional(),
        statusReading: z.enum(['documented', 'swapped']).optional(),
      })
      .strict(),
    response: KiviCareView,
  },
  'kivicare:syncNow': {
    ...EVERYONE,
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
  /** A doctor was added, renamed, given a PIN or removed: read the list again. */
  'doctors:changed': z.object({}),
  /** The clinic's settings as they now are. */
  'settings:changed': Settings,
  /** The attention queue as it now is (attention:list). */
  'attention:changed': z.array(AttentionItem),
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
