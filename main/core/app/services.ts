// Builds every core service from its ports. The handler table (handlers.ts) and the shell, the
// demo and `npm run check` all work on the object this returns.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppointmentBook } from '../appointments/book';
import { resolveDatabase } from '../clinic/database-config';
import { type DesktopIdentity, desktopIdentity } from '../clinic/desktop-identity';
import { ClinicLink } from '../clinic/link';
import { movedMark } from '../clinic/move-in';
import { type ConnectionManager, createConnectionManager, retiredKeyOf } from '../connections';
import { AppError } from '../errors';
import { createFileLogger } from '../logging/file-logger';
import type { Logger } from '../logging/logger';
import { NOW_PLAN, type NowPlanOptions, NowWatcher } from '../meetings/now-watcher';
import { hashPin, verifyPin } from '../profiles/pin';
import { type Attempts, ProfileSession } from '../profiles/session';
import { type HostAccess, ProvisioningEngine } from '../provisioning/engine';
import type { Policy } from '../settings/policy';
import { SettingsStore } from '../settings/settings';
import { openStore, type Store } from '../store/database';
import { SCHEMA_VERSION } from '../store/migrations';
import { openPostgresStore, type PostgresConfig, type PostgresStore } from '../store/postgres';
import type { Doctor } from '../store/records';
import { createRepositories, type Repositories } from '../store/repositories';
import { type CipherPort, type CredentialVault, createCredentialVault } from '../vault';
import {
  createSharedZoomRateLimiter,
  createZoomClient,
  createZoomRateLimiter,
  type ZoomClient,
  type ZoomRateLimiter,
} from '../zoom';
import { startZoomSandbox, type ZoomSandbox } from '../zoom-sandbox';
import { ClinicZoom, type ZoomMode } from './clinic-zoom';
import { preparePrivateFolder } from './data-folder';
import { EventHub } from './events';
import { resolveZoomEndpoints, type ZoomEndpoints } from './zoom-endpoints';

export interface ServicesOptions {
  dataDir: string;
  env: Record<string, string | undefined>;
  policy: Policy;
  cipher: CipherPort;
  /** Start the built-in Zoom sandbox and use it (demo, tests); never enabled silently. */
  sandbox?: boolean | { port?: number };
  logger?: Logger;
  /** Where the log files are (the shell's OS log folder); defaults to `logs` in the data folder. */
  logDir?: string;
  now?: () => Date;
  /** For tests and benchmarks: tighter pacing than Zoom's published rates. */
  rateLimiter?: ZoomRateLimiter;
  provisioningHooks?: ConstructorParameters<typeof ProvisioningEngine>[0]['hooks'];
  /** Test hook at each step of a token refresh, for crash injection in the whole core. */
  connectionHooks?: Parameters<typeof createConnectionManager>[0]['hooks'];
  concurrency?: number;
  /** Passcode rules, and for tests a random source that repeats itself to force a collision. */
  passcode?: ConstructorParameters<typeof ProvisioningEngine>[0]['passcode'];
  /** How the doctor's "now" is followed (tests shorten the pauses between Zoom reads). */
  nowPlan?: Partial<NowPlanOptions>;
  /** Where change notifications go (the renderer's events). */
  events?: EventHub;
  /**
   * The clinic's shared PostgreSQL server (a clinic of desktops). Given by tests and the demo;
   * the app resolves it from the policy's `database` and the password in this desktop's vault.
   */
  database?: PostgresConfig;
  /** What the other desktops call this one; the policy's `database.desktopName` or the host name. */
  desktopName?: string;
  /** This app's version, told to the other desktops (and shown by --check). */
  appVersion?: string;
  /** How often this desktop tells the clinic database it is alive (tests shorten it). */
  heartbeatMs?: number;
  /** How long an outbox claim holds before another desktop may take the work over. */
  leaseMs?: number;
}

export interface Services {
  dataDir: string;
  logDir: string;
  logger: Logger;
  policy: Policy;
  settings: SettingsStore;
  store: Store;
  repos: Repositories;
  /** The link to the clinic's shared database; null on a single desktop (embedded database). */
  clinic: ClinicLink | null;
  desktop: DesktopIdentity;
  book: AppointmentBook;
  vault: CredentialVault;
  zoom: ZoomEndpoints;
  sandbox: ZoomSandbox | null;
  connections: ConnectionManager;
  clinicZoom: ClinicZoom;
  engine: ProvisioningEngine;
  /** Fetches the next visit's start link ahead and follows visits under way (started, ended). */
  nowWatcher: NowWatcher;
  profiles: ProfileSession;
  events: EventHub;
  /** The Zoom client and user acting for this doctor (reads the clinic's mode and the doctor's e-mail). */
  zoomFor(doctorId: string): Promise<HostAccess>;
  doctorName(doctorId: string): Promise<string>;
  /** The doctor as the database has it now (removed ones too); also refreshes the names below. */
  doctor(doctorId: string): Promise<Doctor | undefined>;
  /** The clock every service was given (tests inject one). */
  now(): Date;
  dispose(): Promise<void>;
}

export const DATABASE_FILE = 'companion.db';
/** Clinic settings in the shared database's settings table: `clinic.clinicTimeZone`, … */
const SHARED_PREFIX = 'clinic.';
/** Stands in for a missing client ID so the app still opens; connecting explains what IT must set. */
export const UNCONFIGURED_CLIENT_ID = 'not-configured';

export async function createServices(o: ServicesOptions): Promise<Services> {
  preparePrivateFolder(o.dataDir);
  const now = o.now ?? (() => new Date());
  const events = o.events ?? new EventHub();
  const logDir = o.logDir ?? path.join(o.dataDir, 'logs');
  const logger = o.logger ?? createFileLogger(logDir);
  const settings = new SettingsStore(o.dataDir, o.policy, () => now().getTime());
  const vault = createCredentialVault({ dataDir: o.dataDir, cipher: o.cipher, now });
  const desktop = desktopIdentity(o.dataDir, o.desktopName ?? o.policy.database?.desktopName);
  const store = await openClinicStore(o, vault, desktop, now);
  const repos = createRepositories(store, now, desktop.id);
  if (store.engine === 'postgres') {
    // The clinic's name, time zone and auto-lock are the clinic's, not this desktop's.
    await settings.attachShared({
      read: async () =>
        Object.fromEntries(
          [...(await repos.settings.withPrefix(SHARED_PREFIX))].map(([k, v]) => [
            k.slice(SHARED_PREFIX.length),
            v,
          ]),
        ),
      write: (key, value) => repos.settings.set(`${SHARED_PREFIX}${key}`, value),
    });
  }
  const book = new AppointmentBook({
    store,
    repos,
    clinicTimeZone: settings.get().clinicTimeZone,
    clock: now,
    onListenerError: (e) => logger.error('book.listener-failed', { error: e }),
  });
  const sandbox = o.sandbox
    ? await startZoomSandbox({ port: typeof o.sandbox === 'object' ? o.sandbox.port : undefined })
    : null;
  const zoom = resolveZoomEndpoints({
    env: o.env,
    policy: o.policy,
    settingsClientId: settings.get().zoomClientId,
    sandbox: sandbox ?? undefined,
  });
  // The connection manager words its messages and checks the account's e-mail synchronously: it
  // gets the doctors as last read here, at start and by every doctor() read (a connect reads the
  // doctor first, so its e-mail is the database's at that moment).
  const known = new Map<string, Doctor>();
  for (const d of await repos.doctors.list()) known.set(d.id, d);
  const doctor = async (id: string) => {
    const d = await repos.doctors.get(id);
    if (d) known.set(id, d);
    else known.delete(id);
    return d;
  };
  const doctorName = async (id: string) => (await doctor(id))?.displayName ?? 'The doctor';
  // One limiter for the clinic: doctors on one Zoom account share its budget, and pacing every
  // doctor together is the safe reading when the companion cannot tell accounts apart. The sign-in
  // call (GET /users/me) goes through it too.
  // A clinic of desktops shares the account's budget: each desktop paces at its share.
  let hostingDesktops = () => 1;
  const limiter =
    o.rateLimiter ??
    (store.engine === 'postgres'
      ? createSharedZoomRateLimiter(() => hostingDesktops())
      : createZoomRateLimiter());
  const connections = createConnectionManager({
    config: {
      oauthBaseUrl: zoom.oauthBaseUrl,
      apiBaseUrl: zoom.apiBaseUrl,
      clientId: zoom.clientId ?? UNCONFIGURED_CLIENT_ID,
      schemeBridgeUrl: zoom.schemeBridgeUrl,
    },
    vault,
    zoomLimiter: { limiter, accountKey: 'clinic' },
    now: () => now().getTime(),
    logger,
    describeDoctor: (doctorId) => known.get(doctorId)?.displayName ?? 'The doctor',
    expectedEmail: (doctorId) => known.get(doctorId)?.email || null,
    // Set once the engine exists: it moves the doctor's upcoming meetings to the new account.
    onAccountChanged: (change) => accountChanged(change),
    hooks: o.connectionHooks,
  });
  const clinicZoom = new ClinicZoom({
    vault,
    policy: o.policy,
    oauthBaseUrl: zoom.oauthBaseUrl,
    apiBaseUrl: zoom.apiBaseUrl,
    readMode: async () => (await repos.settings.get<ZoomMode>('zoom.mode')) ?? 'per-doctor',
    writeMode: (mode) => repos.settings.set('zoom.mode', mode),
    now: () => now().getTime(),
  });
  await clinicZoom.load();
  const clients = new Map<string, ZoomClient>();
  const clientFor = (key: string, tokens: ReturnType<ConnectionManager['tokenProvider']>) => {
    let client = clients.get(key);
    if (!client) {
      client = createZoomClient({
        apiBaseUrl: zoom.apiBaseUrl,
        tokens,
        accountKey: 'clinic',
        limiter,
        logger,
        now: () => now().getTime(),
      });
      clients.set(key, client);
    }
    return client;
  };
  const zoomFor = async (doctorId: string): Promise<HostAccess> => {
    if ((await clinicZoom.mode()) === 'clinic-wide') {
      // Server-to-Server acts for the whole account: each doctor is named by their Zoom e-mail.
      const d = await doctor(doctorId);
      if (!d?.email) {
        throw new AppError(
          'invalid-request',
          `${d?.displayName ?? 'The doctor'} has no Zoom e-mail address in the companion. Add it in Settings → Doctors.`,
        );
      }
      const email = d.email;
      return { client: clientFor('clinic-wide', clinicZoom.tokens()), userId: email };
    }
    return { client: clientFor(doctorId, connections.tokenProvider(doctorId)), userId: 'me' };
  };
  const previousAccount = (doctorId: string, hostUserId: string): HostAccess => {
    const key = retiredKeyOf(doctorId, hostUserId);
    return { client: clientFor(key, connections.tokenProvider(key)), userId: 'me' };
  };
  const clinic =
    store.engine === 'postgres'
      ? new ClinicLink({
          store: store as PostgresStore,
          repos,
          desktop,
          appVersion: o.appVersion ?? 'dev',
          schemaVersion: SCHEMA_VERSION,
          now,
          logger,
          heartbeatMs: o.heartbeatMs,
          // The doctors whose meetings this desktop can make: their sign-in is here, or the
          // clinic's credentials are ('*'). Only that fact is shared, never a token.
          heldHere: async () => {
            if ((await clinicZoom.mode()) === 'clinic-wide')
              return (await clinicZoom.view()).configured ? ['*'] : [];
            return (await connections.list()).filter((c) => c.state === 'connected').map((c) => c.doctorId);
          },
        })
      : null;
  if (clinic) hostingDesktops = () => clinic.presence.hostingDesktops();
  const engine = new ProvisioningEngine({
    store,
    repos,
    zoomFor,
    route: clinic ? (doctorId) => clinic.presence.route(doctorId) : undefined,
    leaseMs: o.leaseMs,
    doctorName,
    now,
    logger,
    concurrency: o.concurrency,
    passcode: o.passcode,
    hooks: o.provisioningHooks,
    currentHost: async (doctorId) =>
      (await clinicZoom.mode()) === 'clinic-wide'
        ? undefined
        : ((await connections.accountOf(doctorId))?.zoomUserId ?? undefined),
    previousAccount,
    onPreviousAccountDone: (doctorId, hostUserId) => {
      clients.delete(retiredKeyOf(doctorId, hostUserId));
      void connections
        .forgetRetired(retiredKeyOf(doctorId, hostUserId))
        .catch((e) => logger.warn('connections.retired-forget-failed', { doctorId, error: e }));
    },
    // Paced: a drain of hundreds of meetings is a few pushes, each telling the page to read again.
    onChange: () => events.soon('appointments:changed', () => ({ date: null })),
  });
  // PIN hashes and the count of wrong tries live in the clinic database, so a restart (or another
  // desktop sharing it) keeps a lockout.
  const profiles = new ProfileSession({
    pins: {
      getPinHash: async (id) => (await repos.settings.get<string>(`pin:${id}`)) ?? undefined,
      setPinHash: (id, hash) => repos.settings.set(`pin:${id}`, hash),
      // A removed PIN is stored as null.
      doctorsWithPin: async () =>
        new Set(
          [...(await repos.settings.withPrefix('pin:'))]
            .filter(([, hash]) => hash != null)
            .map(([key]) => key.slice(4)),
        ),
      getAdminHash: async () => {
        if (o.policy.adminPinHash) return { hash: o.policy.adminPinHash, byPolicy: true };
        const hash = await repos.settings.get<string>('admin:secret');
        return hash ? { hash, byPolicy: false } : undefined;
      },
      setAdminHash: (hash) => repos.settings.set('admin:secret', hash),
    },
    attempts: {
      get: async (subject) => (await repos.settings.get<Attempts>(`pin-attempts:${subject}`)) ?? undefined,
      put: (subject, attempts) => repos.settings.set(`pin-attempts:${subject}`, attempts),
      // Reading the count and reserving a try is one transaction: another desktop's try waits for it.
      atomically: (fn) => store.transaction(fn),
    },
    hashPin,
    verifyPin,
    autoLockMinutes: () => settings.get().autoLockMinutes,
    now: () => now().getTime(),
    onChange: (p) => events.emit('profiles:changed', p),
  });
  const nowWatcher = new NowWatcher({
    repos,
    zoomFor,
    startUrls: engine.startUrls,
    live: engine.live,
    now,
    logger,
    plan: { ...NOW_PLAN, ...o.nowPlan },
    // The same paced push as the engine's: a round that changes several rows sends one.
    onChange: () => events.soon('appointments:changed', () => ({ date: null })),
  });
  function accountChanged(change: { doctorId: string; fromUserId: string }) {
    void (async () => {
      const queued = await engine.accountChanged(change.doctorId);
      await repos.audit.append({
        actor: 'system',
        action: 'doctor.zoom-account-changed',
        entity: 'doctor',
        entityId: change.doctorId,
        detail: { meetingsToMove: queued },
      });
    })().catch((e) =>
      logger.error('doctor.zoom-account-change-failed', { doctorId: change.doctorId, error: e }),
    );
  }
  book.on('outbox-has-work', () => engine.kick());
  connections.onChange((s) => {
    // The other desktops learn at once that this one can (or no longer can) act for the doctor.
    if (clinic)
      void clinic.presence.publish().catch((e) => logger.warn('clinic.publish-failed', { error: e }));
    if (s.state === 'connected')
      void engine
        .resumeDoctor(s.doctorId)
        .catch((e) => logger.error('provisioning.resume-failed', { doctorId: s.doctorId, error: e }));
  });
  return {
    dataDir: o.dataDir,
    logDir,
    logger,
    policy: o.policy,
    settings,
    store,
    repos,
    clinic,
    desktop,
    book,
    vault,
    zoom,
    sandbox,
    connections,
    clinicZoom,
    engine,
    nowWatcher,
    profiles,
    events,
    zoomFor,
    doctorName,
    doctor,
    now,
    async dispose() {
      nowWatcher.stop();
      engine.stop();
      await clinic?.stop();
      await engine.drain().catch(() => undefined);
      await connections.dispose();
      await sandbox?.close();
      await store.close();
    },
  };
}

export const hasDatabase = (dataDir: string) => existsSync(path.join(dataDir, DATABASE_FILE));

/**
 * The clinic's shared server when one is set (by the caller or by policy), else this desktop's
 * embedded database. An embedded database already moved to the server is refused: visits written
 * there would be seen by no other desktop.
 */
async function openClinicStore(
  o: ServicesOptions,
  vault: CredentialVault,
  desktop: DesktopIdentity,
  now: () => Date,
): Promise<Store> {
  const config =
    o.database ?? (o.policy.database ? await resolveDatabase(o.policy.database, vault) : undefined);
  if (config) {
    return openPostgresStore({ applicationName: `Clinic Companion (${desktop.name})`, ...config });
  }
  const local = openStore(path.join(o.dataDir, DATABASE_FILE), { now });
  const moved = await movedMark(local);
  if (moved) {
    await local.close();
    throw new AppError(
      'conflict',
      `This desktop's appointments were moved to the clinic server ${moved.server} on ${moved.at.slice(0, 10)}. IT must set the clinic database in this desktop's policy (see docs/IT.md); the old file is kept but no longer used.`,
    );
  }
  return local;
}
