// Opens the renderer in Chromium with window.companion wired to the real handler table in this
// process (Playwright's exposeBinding), served from a local static server with the app's own CSP.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type DemoCore, type DemoCoreOptions, startDemoCore } from '../../main/core/demo/demo-core';
import { readAsset } from '../../main/core/demo/static-files';
import { dispatch } from '../../main/core/ipc/dispatch';
import { RENDERER_CSP } from '../../main/core/security/csp';
import { events as eventSchemas } from '../../preload/contract';
import { launchChromium } from './browser';
import { builtRenderer } from './renderer-build';

export interface StaticSite {
  origin: string;
  close(): Promise<void>;
}

export async function serveRenderer(dir: string): Promise<StaticSite> {
  const index = await readFile(resolve(dir, 'index.html'));
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    const asset =
      path === '' ? { body: index, type: 'text/html; charset=utf-8' } : await readAsset(dir, path);
    if (!asset) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': asset.type, 'Content-Security-Policy': RENDERER_CSP });
    res.end(asset.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** The page side of the binding transport, the same CompanionApi shape the preload exposes. */
const INIT = `(() => {
  const listeners = new Map();
  window.__companionEmit = (event, payload) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  window.companion = Object.freeze({
    invoke: (channel, request) => window.__companionInvoke(channel, request),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  });
})();`;

export interface AppPage {
  context: BrowserContext;
  page: Page;
  /** Problems the page reported: CSP violations, console errors, uncaught exceptions. */
  problems: string[];
  close(): Promise<void>;
}

export async function openApp(
  browser: Browser,
  site: StaticSite,
  core: DemoCore,
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<AppPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.exposeBinding('__companionInvoke', (source, channel: string, request: unknown) =>
    dispatch(core.companion.handlers, channel, request, {
      caller: core.companion.caller,
      senderOrigin: new URL(source.frame.url()).origin,
      trustedOrigins: [site.origin],
    }),
  );
  await page.addInitScript(INIT);
  const unsubscribe = core.hub.subscribe((event, payload) => {
    const parsed = eventSchemas[event as keyof typeof eventSchemas]?.safeParse(payload);
    if (parsed?.success)
      void page
        .evaluate(
          ([e, p]) =>
            (window as never as { __companionEmit(e: unknown, p: unknown): void }).__companionEmit(e, p),
          [event, parsed.data] as const,
        )
        .catch(() => {});
  });
  await page.goto(`${site.origin}/`);
  await page.getByRole('heading', { level: 1, name: 'Clinic Companion' }).waitFor();
  return {
    context,
    page,
    problems,
    async close() {
      unsubscribe();
      await context.close();
    },
  };
}

/** Tomorrow in the clinic's zone: the book only accepts visits in the future, so tests seed there. */
export async function clinicTomorrow(core: DemoCore): Promise<string> {
  const r = await dispatch(
    core.companion.handlers,
    'app:getStatus',
    {},
    { caller: core.companion.caller, senderOrigin: 't://', trustedOrigins: ['t://'] },
  );
  if (!r.ok) throw new Error(r.error.message);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: r.value.clinicTimeZone }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Moves the page's day picker to `date` (the pickers share one day store). */
export async function showDay(page: Page, date: string): Promise<void> {
  // The day field reads the clinic's format and ISO dates alike.
  const day = page.locator('.day-picker input').first();
  await day.fill(date);
  await day.blur();
}

/**
 * The doctor's side of the OAuth flow in "the system browser" (a separate page): the sandbox's
 * consent page, "Allow", and the redirect to the companion's loopback listener.
 */
export async function approveInBrowser(
  context: BrowserContext,
  authorizeUrl: string,
  email: string,
): Promise<void> {
  const consent = await context.newPage();
  try {
    await consent.goto(authorizeUrl);
    await consent.getByLabel('Sign in as').selectOption(email);
    // Handlers attached at once: a blocked navigation rejects while the click is still running.
    const reached = consent
      .waitForURL((u) => u.pathname === '/oauth/callback', { timeout: 10_000 })
      .then(
        () => true,
        () => false,
      );
    await consent.getByRole('button', { name: 'Allow' }).click();
    if (!(await reached)) throw new Error('the consent page did not reach the companion’s loopback callback');
  } finally {
    await consent.close();
  }
}

/** Everything a browser test runs against: Chromium, the built renderer served, a demo core, the page. */
export interface Ui {
  browser: Browser;
  site: StaticSite;
  core: DemoCore;
  app: AppPage;
  page: Page;
}

/**
 * Starts the lot. `prepare` runs on the core before the page opens (seed data, settings); the core
 * runs with no timers of its own unless `core.extra` says otherwise.
 */
export async function startUi(
  o: { core?: DemoCoreOptions; prepare?(core: DemoCore): Promise<void>; colorScheme?: 'light' | 'dark' } = {},
): Promise<Ui> {
  const [dir, browser, core] = await Promise.all([
    builtRenderer(),
    launchChromium(),
    startDemoCore({
      env: {},
      policy: {},
      ...o.core,
      extra: { reconcileEveryMs: 0, syncKiviCare: false, watchNowEveryMs: 0, ...o.core?.extra },
    }),
  ]);
  const site = await serveRenderer(dir);
  await o.prepare?.(core);
  const app = await openApp(browser, site, core, o.colorScheme ? { colorScheme: o.colorScheme } : {});
  return { browser, site, core, app, page: app.page };
}

export async function closeUi(ui: Partial<Ui> | undefined): Promise<void> {
  await ui?.app?.close();
  await ui?.browser?.close();
  await ui?.site?.close();
  await ui?.core?.dispose();
}
