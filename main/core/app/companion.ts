// Composition root of the core: builds every service from its ports and returns the handler
// table that the shell (ipcMain) and the browser demo both serve. The shell supplies only what
// needs Electron (the safeStorage cipher, opening URLs, the clipboard, notifications).

import type { Channel, EventName, RequestOf, ResponseOf, Result } from '../../../preload/contract';
import { exportRunningDiagnostics } from '../deploy/running-diagnostics';
import { type Caller, callerOf, dispatch, type HandlerTable } from '../ipc/dispatch';
import { reminderNotification } from '../reminders/notification';
import { loadPolicy, type Policy, policyPath } from '../settings/policy';
import type { CipherPort } from '../vault';
import { nextAttentionChange } from './attention';
import { EventHub, type EventListener } from './events';
import { createHandlers } from './handlers';
import { KiviCareService } from './kivicare';
import { startReminderScheduler } from './reminder-scheduler';
import { createServices, type Services, type ServicesOptions } from './services';

export { DEFAULT_ZOOM_API_BASE_URL, DEFAULT_ZOOM_OAUTH_BASE_URL } from './zoom-endpoints';

export interface ShellPorts {
  /** Opens a URL outside the app (system browser, Zoom client, mail client) after policy checks. */
  openOutside(url: string): Promise<void>;
  /** Writes text to the system clipboard. */
  writeClipboard(text: string): Promise<void>;
  /** Asks the user for a folder (diagnostics export); null when they cancel. */
  chooseFolder?(title: string): Promise<string | null>;
  /** A desktop notification; clicking it should start the visit (the shell calls meetings:start). */
  notify?(n: { title: string; body: string; appointmentId: string }): void;
}

export interface CompanionOptions
  extends Pick<
    ServicesOptions,
    | 'sandbox'
    | 'logger'
    | 'logDir'
    | 'now'
    | 'rateLimiter'
    | 'provisioningHooks'
    | 'concurrency'
    | 'nowPlan'
    | 'database'
    | 'desktopName'
    | 'heartbeatMs'
    | 'leaseMs'
  > {
  appName: string;
  version: string;
  platform: string;
  /** Folder for the database, settings and encrypted credentials. */
  dataDir: string;
  env: Record<string, string | undefined>;
  shell: ShellPorts;
  cipher: CipherPort;
  /** The managed policy; read from the OS's machine-wide location when not given. */
  policy?: Policy;
  /** How often upcoming meetings are compared with Zoom; 0 turns it off (tests). */
  reconcileEveryMs?: number;
  /** Runtime versions for diagnostics (Electron, Chromium). */
  versions?: Record<string, string>;
  /** Start syncing a connected KiviCare site (default true). */
  syncKiviCare?: boolean;
  /** How often the next visits' start links and live states are checked; 0 turns it off (tests). */
  watchNowEveryMs?: number;
}

export interface Companion {
  handlers: HandlerTable;
  /** Who is asking, for the dispatcher: the profile unlocked on this desktop right now. */
  caller(): Caller;
  /**
   * A request the shell makes for the person at the desk (a reminder notification clicked): through
   * the dispatcher, with the current profile's rights, like any request from the page.
   */
  request<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  services: Services;
  kivicare: KiviCareService;
  /** A URL that reached the app through its custom scheme (argv, second-instance, open-url). */
  handleProtocolUrl(url: string): Promise<void>;
  onEvent(listener: EventListener): () => void;
  dispose(): Promise<void>;
}

/** The origin the core gives requests the shell makes itself (never a page's). */
const SHELL_ORIGIN = 'shell://companion';

const RECONCILE_WINDOW_MS = 14 * 24 * 3_600_000;

/** Events after which the status (queue depth, last sync, zone) and the attention queue may differ. */
const DERIVED_FROM = new Set<EventName>([
  'appointments:changed',
  'connections:changed',
  'doctors:changed',
  'settings:changed',
]);

export async function createCompanion(options: CompanionOptions): Promise<Companion> {
  const policy = options.policy ?? loadPolicyOrThrow(process.platform, options.env);
  const events = new EventHub();
  const services = await createServices({ ...options, policy, events, appVersion: options.version });
  const { book, engine, connections } = services;
  const kivicare = new KiviCareService(services, () => {
    // A sync may have brought doctors as well as visits.
    events.emit('doctors:changed', {});
    changed();
  });
  const handlers = createHandlers(
    services,
    {
      appName: options.appName,
      version: options.version,
      platform: options.platform,
      openOutside: (url) => options.shell.openOutside(url),
      writeClipboard: (text) => options.shell.writeClipboard(text),
      async exportDiagnostics() {
        const targetDir = await options.shell.chooseFolder?.('Where should the diagnostics folder go?');
        if (!targetDir) return { folder: null, problems: 0 };
        const { bundle, problems } = await exportRunningDiagnostics(services, {
          targetDir,
          appVersion: options.version,
          platform: options.platform,
          policyFile: policyPath(process.platform, options.env),
          versions: { app: options.version, node: process.versions.node, ...(options.versions ?? {}) },
        });
        return { folder: bundle.folder, problems };
      },
    },
    kivicare,
  );

  // Status and the attention queue are what every profile may read; the core asks on its own behalf.
  const status = () => handlers['app:getStatus']({}, { role: 'front-desk' });
  let recheck: ReturnType<typeof setTimeout> | undefined;
  const attention = async () => {
    const items = await handlers['attention:list']({}, { role: 'front-desk' });
    // Time alone changes the queue too (a visit comes within two hours, one ends, the day turns).
    const zone = services.settings.get().clinicTimeZone;
    const at = nextAttentionChange(items, services.now().getTime(), zone);
    clearTimeout(recheck);
    recheck = setTimeout(changed, Math.min(Math.max(at - services.now().getTime(), 1_000), 3_600_000));
    recheck.unref?.();
    return items;
  };
  /** Whatever changed, the status and the attention queue follow by push (paced, never a storm). */
  function changed() {
    events.soon('status:changed', status);
    events.soon('attention:changed', attention);
  }
  const unsubscribe = [
    book.on('appointments-changed', () => events.soon('appointments:changed', () => ({ date: null }))),
    connections.onChange((s) => events.emit('connections:changed', { doctorId: s.doctorId })),
    engine.onOnlineChange(changed),
    // Every change the core announces (the engine's meetings included) moves the status and queue.
    events.on((e) => {
      if (DERIVED_FROM.has(e)) changed();
    }),
  ];
  // Changes made through a channel whose effect no service announces: said here, after success.
  const settingsNow = () => handlers['settings:get']({}, { role: 'front-desk' });
  const after: Partial<Record<Channel, () => void>> = {
    'doctors:create': () => events.emit('doctors:changed', {}),
    'doctors:update': () => events.emit('doctors:changed', {}),
    'doctors:remove': () => events.emit('doctors:changed', {}),
    'profiles:setPin': () => events.emit('doctors:changed', {}),
    'settings:update': () => void settingsNow().then((v) => events.emit('settings:changed', v)),
    'clinicZoom:set': () => void settingsNow().then((v) => events.emit('settings:changed', v)),
    'clinicZoom:clear': () => void settingsNow().then((v) => events.emit('settings:changed', v)),
    'meetings:retry': changed,
    'kivicare:connect': changed,
    'kivicare:disconnect': changed,
    'kivicare:configure': changed,
  };
  const table = handlers as Record<string, (req: unknown, caller: Caller) => Promise<unknown>>;
  for (const [channel, then] of Object.entries(after)) {
    const handle = table[channel]!;
    table[channel] = async (req, caller) => {
      const value = await handle(req, caller);
      then();
      return value;
    };
  }

  const reminders = startReminderScheduler(services, (r) => {
    events.emit('reminders:due', r);
    if (!options.shell.notify) return;
    // The OS shows it on the lock screen: time, zone and doctor only, never the patient.
    void services
      .doctorName(r.doctorId)
      .then((name) =>
        options.shell.notify?.(reminderNotification(r, name, services.settings.get().clinicTimeZone)),
      )
      .catch((e) => services.logger.warn('reminders.notify-failed', { error: e }));
  });

  await engine.start();
  const clinic = services.clinic;
  /**
   * Work parked while this desktop was away (another desktop tried it and found no one holding
   * the doctor's sign-in) comes back when this desktop, which holds it, starts or reconnects.
   */
  const resumeHeld = async () => {
    if (!clinic) return;
    try {
      const held = clinic.presence.heldNow();
      const ids = held.includes('*') ? (await services.repos.doctors.list()).map((d) => d.id) : held;
      for (const id of ids) await engine.resumeDoctor(id);
    } catch (e) {
      services.logger.warn('clinic.resume-failed', { error: e });
    }
  };
  if (clinic) {
    // Other desktops' changes, pushed by the server: the page reads again, the engine takes new
    // work for the doctors whose sign-ins are here, and the status says when the server is away.
    unsubscribe.push(
      clinic.onRemoteChange((kinds) => {
        if (kinds.has('appointments')) events.soon('appointments:changed', () => ({ date: null }));
        if (kinds.has('work')) engine.kick();
        if (kinds.has('doctors')) events.emit('doctors:changed', {});
        if (kinds.has('settings'))
          void services.settings
            .refreshShared()
            .then(settingsNow)
            .then((v) => events.emit('settings:changed', v))
            .catch((e) => services.logger.warn('clinic.settings-reread-failed', { error: e }));
        changed();
      }),
      clinic.onStatus((st) => {
        changed();
        if (st.connected) void resumeHeld();
      }),
    );
    await clinic.start();
    await resumeHeld();
  }
  changed();
  if (options.watchNowEveryMs !== 0) services.nowWatcher.start(options.watchNowEveryMs ?? 30_000);
  if (options.syncKiviCare !== false) await kivicare.start();
  const reconcile = async () => {
    const now = (options.now ?? (() => new Date()))().getTime();
    await engine
      .reconcile({
        fromUtc: new Date(now).toISOString(),
        toUtc: new Date(now + RECONCILE_WINDOW_MS).toISOString(),
      })
      .catch((e) => services.logger.warn('provisioning.reconcile-failed', { error: e }));
  };
  const every = options.reconcileEveryMs ?? 10 * 60_000;
  const reconcileTimer = every > 0 ? setInterval(reconcile, every) : null;
  reconcileTimer?.unref?.();
  if (every > 0) void reconcile();

  return {
    handlers,
    caller: () => callerOf(services.profiles.current()),
    request: (channel, request) =>
      dispatch(handlers, channel, request, {
        caller: () => callerOf(services.profiles.current()),
        senderOrigin: SHELL_ORIGIN,
        trustedOrigins: [SHELL_ORIGIN],
      }),
    services,
    kivicare,
    onEvent: (l) => events.on(l),
    async handleProtocolUrl(url) {
      try {
        await connections.handleProtocolUrl(url);
      } catch (e) {
        services.logger.warn('protocol-url.refused', { error: e });
      }
    },
    async dispose() {
      events.close();
      clearTimeout(recheck);
      reminders.stop();
      kivicare.stop();
      if (reconcileTimer) clearInterval(reconcileTimer);
      for (const u of unsubscribe) u();
      await services.dispose();
    },
  };
}

function loadPolicyOrThrow(platform: NodeJS.Platform, env: Record<string, string | undefined>): Policy {
  const loaded = loadPolicy(policyPath(platform, env));
  return loaded.found ? loaded.policy : {};
}
