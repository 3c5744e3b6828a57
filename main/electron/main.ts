// Electron entry: a thin shell. Every decision comes from core (main/core/security, the dispatcher);
// this file only wires Electron's events to those decisions.
import path from 'node:path';
import { app, BrowserWindow, dialog, Notification, powerMonitor, session } from 'electron';
import { wireEvent } from '../../preload/contract';
import { createCompanion } from '../core/app/companion';
import { schemeRegistrar } from '../core/deploy/appimage-registration';
import { cliRun } from '../core/deploy/check-args';
import { decideUpdates } from '../core/deploy/update-mode';
import { isAppError } from '../core/errors';
import { createFileLogger } from '../core/logging/file-logger';
import { consoleLine } from '../core/logging/logger';
import {
  APP_URL_SCHEME,
  createProtocolUrlInbox,
  isAppSchemeUrl,
  lockOnPowerEvents,
  pickSecondInstanceWindow,
  protocolUrlFromArgv,
  zoomHostsFor,
  zoomHostsFromSetting,
} from '../core/security';
import { configEnv } from '../core/settings/config-env';
import { loadPolicy, policyPath } from '../core/settings/policy';
import { assessSecretBackend } from '../core/vault';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { registerAppImageScheme } from './appimage-register';
import { runCheckCli } from './check-cli';
import { guardAllContents, guardSession } from './guards';
import { registerIpc } from './ipc';
import { preloadPath, rendererDir } from './paths';
import { createSafeStorageCipher } from './safe-storage-cipher';
import { createShellPorts } from './shell-ports';
import { startUpdates } from './updater';
import { createCompanionWindow } from './window';

// IPC failures and start-up errors pass through redaction (a cause may carry a token or start URL).
const log = (message: string, cause?: unknown) => console.error(consoleLine(message, cause));

// A packaged build takes no configuration from the environment (policy path, Zoom servers, sandbox).
const env = configEnv(app.isPackaged, process.env);
// Development runs may widen this (e.g. "zoomgov.com"); packaged ones follow the policy's Zoom URLs.
let zoomHosts = zoomHostsFromSetting(env.CLINIC_ZOOM_HOSTS);
const getZoomHosts = () => zoomHosts;
const inbox = createProtocolUrlInbox((e) => log('a protocol URL could not be handled', e));
let primaryWindow: BrowserWindow | null = null;

function openWindow(): BrowserWindow {
  const win = createCompanionWindow({ preloadPath, devTools: !app.isPackaged, title: app.getName() });
  primaryWindow ??= win;
  win.on('closed', () => {
    if (primaryWindow === win) primaryWindow = null;
  });
  return win;
}

function focusForSecondInstance(): void {
  const windows = BrowserWindow.getAllWindows().map((w) => ({
    id: w.id,
    destroyed: w.isDestroyed(),
    primary: w === primaryWindow,
    focused: w.isFocused(),
  }));
  const target = pickSecondInstanceWindow(windows);
  if (target.action === 'create') {
    if (app.isReady()) openWindow();
    return;
  }
  const win = BrowserWindow.fromId(target.windowId);
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

function registerAsSchemeHandler(): void {
  // An AppImage registers through its own user desktop file (registerAppImageScheme).
  if (schemeRegistrar(process.platform, process.env) !== 'electron') return;
  // Unpackaged runs are `electron <script>`: the OS must relaunch Electron with our entry script.
  const entry = process.argv[1];
  if (process.defaultApp && entry) {
    app.setAsDefaultProtocolClient(APP_URL_SCHEME, process.execPath, [path.resolve(entry)]);
  } else {
    app.setAsDefaultProtocolClient(APP_URL_SCHEME);
  }
}

async function start(): Promise<void> {
  handleAppProtocol(rendererDir);
  guardSession(session.defaultSession);
  // A broken policy file stops the app with the file and field named (core's message).
  const loaded = loadPolicy(policyPath(process.platform, env));
  const policy = loaded.found ? loaded.policy : {};
  zoomHosts = zoomHostsFor(env.CLINIC_ZOOM_HOSTS, [
    policy.zoomOAuthBaseUrl ?? env.ZOOM_OAUTH_BASE_URL,
    policy.zoomApiBaseUrl ?? env.ZOOM_API_BASE_URL,
  ]);
  const cipher = createSafeStorageCipher();
  const backend = assessSecretBackend(
    process.platform,
    cipher.backend(),
    policy.allowBasicTextSecrets ?? false,
  );
  if (!backend.ok) throw backend.error;
  // Sandbox mode is asked for explicitly (never silently) and its banner shows at all times.
  const sandbox = env.CLINIC_COMPANION_SANDBOX === '1';
  let sandboxOrigin: string | null = null;
  const ports = createShellPorts(getZoomHosts, () => (sandboxOrigin ? [sandboxOrigin] : []));
  // Rotating, redacted log files in the OS's log folder for this app.
  const logDir = app.getPath('logs');
  const logger = createFileLogger(logDir);
  const companion = await createCompanion({
    logger,
    logDir,
    versions: { electron: process.versions.electron, chrome: process.versions.chrome },
    appName: app.getName(),
    version: app.getVersion(),
    platform: process.platform,
    dataDir: app.getPath('userData'),
    env,
    policy,
    cipher,
    sandbox,
    shell: {
      ...ports,
      async chooseFolder(title) {
        const r = await dialog.showOpenDialog({ title, properties: ['openDirectory', 'createDirectory'] });
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      notify(n) {
        if (!Notification.isSupported()) return;
        const note = new Notification({ title: n.title, body: n.body });
        // Clicking the reminder starts the visit: the same handler the Start button calls.
        note.on('click', () => void companion.request('meetings:start', { appointmentId: n.appointmentId }));
        note.show();
      },
    },
  });
  sandboxOrigin = companion.services.sandbox?.origin ?? null;
  registerIpc(companion.handlers, companion.caller, (channel, error, cause) =>
    log(`${channel}: ${error.kind}`, cause),
  );
  companion.onEvent((event, payload) => {
    for (const w of BrowserWindow.getAllWindows())
      if (!w.isDestroyed()) w.webContents.send(wireEvent(event), payload);
  });
  inbox.open((url) => companion.handleProtocolUrl(url));
  // Screen lock, suspend and user switch close the doctor's profile (core decides which events).
  const stopPowerLock = lockOnPowerEvents(powerMonitor, () => companion.services.profiles.lock());
  void registerAppImageScheme(logger);
  const stopUpdates = startUpdates(
    decideUpdates({
      updates: policy.updates,
      isPackaged: app.isPackaged,
      platform: process.platform,
      env,
    }),
    logger,
  );
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('will-quit', () => {
    stopUpdates();
    stopPowerLock();
    void companion.dispose();
  });
}

const cli = cliRun(process.argv);
if (cli.kind !== 'app') {
  // IT's health check: no window, no single-instance hand-off, no network; prints and exits.
  runCheckCli(cli);
} else if (!app.requestSingleInstanceLock()) {
  // Another companion is running; it receives our argv through 'second-instance'.
  app.quit();
} else {
  app.enableSandbox();
  registerAppScheme();
  registerAsSchemeHandler();
  guardAllContents(app);

  // macOS delivers the scheme URL through open-url, possibly before 'ready' on a cold start.
  app.on('will-finish-launching', () => {
    app.on('open-url', (event, url) => {
      event.preventDefault();
      if (isAppSchemeUrl(url)) inbox.deliver(url);
      focusForSecondInstance();
    });
  });

  app.on('second-instance', (_event, argv) => {
    const url = protocolUrlFromArgv(argv);
    if (url) inbox.deliver(url);
    focusForSecondInstance();
  });

  // Windows and Linux pass the URL on the command line of a cold start.
  const coldStartUrl = protocolUrlFromArgv(process.argv);
  if (coldStartUrl) inbox.deliver(coldStartUrl);

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(start)
    .catch((e) => {
      log('the companion could not start', e);
      dialog.showErrorBox(
        'Clinic Companion could not start',
        isAppError(e)
          ? e.message
          : 'An unexpected error stopped the companion. The log file has the details.',
      );
      app.exit(1);
    });
}
