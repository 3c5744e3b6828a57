// Electron entry: a thin shell. Every decision comes from core (main/core/security, the dispatcher);
// this file only wires Electron's events to those decisions.
import path from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { createCompanion } from '../core/app/companion';
import {
  APP_URL_SCHEME,
  createProtocolUrlInbox,
  isAppSchemeUrl,
  pickSecondInstanceWindow,
  protocolUrlFromArgv,
  zoomHostsFromSetting,
} from '../core/security';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { guardAllContents, guardSession } from './guards';
import { registerIpc } from './ipc';
import { preloadPath, rendererDir } from './paths';
import { createShellPorts } from './shell-ports';
import { createCompanionWindow } from './window';

const log = (message: string, cause?: unknown) => console.error(`[companion] ${message}`, cause ?? '');

// Clinics on Zoom for Government set this (e.g. "zoomgov.com") through their deployment tooling.
const zoomHosts = zoomHostsFromSetting(process.env.CLINIC_ZOOM_HOSTS);
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
  const companion = await createCompanion({
    appName: app.getName(),
    version: app.getVersion(),
    platform: process.platform,
    dataDir: app.getPath('userData'),
    env: process.env,
    shell: createShellPorts(getZoomHosts),
  });
  registerIpc(companion.handlers, (channel, error, cause) => log(`${channel}: ${error.kind}`, cause));
  inbox.open((url) => companion.handleProtocolUrl(url));
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('will-quit', () => {
    void companion.dispose();
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another companion is running; it receives our argv through 'second-instance'.
  app.quit();
} else {
  app.enableSandbox();
  registerAppScheme();
  registerAsSchemeHandler();
  guardAllContents(app, getZoomHosts);

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
      app.exit(1);
    });
}
