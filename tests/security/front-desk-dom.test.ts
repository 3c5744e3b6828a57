// The front desk's DOM across a whole session, not one snapshot: every DOM change (and every
// input's value) is recorded while staff copy links and invitations, filter, visit the other
// screens and a doctor starts a visit; nothing recorded holds a start URL, a token or a passcode.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CONNECTION_SERVICE } from '../../main/core/connections/connection-record';
import { type DemoCore, startDemoCore } from '../../main/core/demo/demo-core';
import { type SeedResult, seedDemo } from '../../main/core/demo/seed';
import {
  type AppPage,
  clinicTomorrow,
  openApp,
  type StaticSite,
  serveRenderer,
  showDay,
} from '../e2e/app-page';
import { launchChromium } from '../e2e/browser';
import { builtRenderer } from '../e2e/renderer-build';

// Runs before the page's own scripts; records what the DOM held at every change (capped).
const RECORDER = `(() => {
  const seen = (window.__domSeen = []);
  const snap = () => {
    if (seen.length > 3000) return;
    const values = [...document.querySelectorAll('input, textarea, select')].map((e) => e.value).join('\\n');
    seen.push(document.documentElement.outerHTML + '\\n' + values + '\\n' + (document.title || ''));
  };
  new MutationObserver(snap).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  addEventListener('DOMContentLoaded', snap);
})();`;

let browser: Browser;
let site: StaticSite;
let core: DemoCore;
let app: AppPage;
let page: Page;
let seeded: SeedResult;

beforeAll(async () => {
  const [dir, b, c] = await Promise.all([
    builtRenderer(),
    launchChromium(),
    startDemoCore({ env: {}, policy: {}, extra: { reconcileEveryMs: 0, syncKiviCare: false } }),
  ]);
  browser = b;
  core = c;
  site = await serveRenderer(dir);
  seeded = await seedDemo(core.companion.handlers, await clinicTomorrow(core));
  // Every demo doctor connected, so every tele-visit has a real meeting with a passcode and start URL.
  const { connections, engine } = core.companion.services;
  for (const d of seeded.doctors) {
    const { authorizeUrl, completion } = await connections.beginConnect(d.id, { redirectMode: 'loopback' });
    await fetch(await core.sandbox!.approve(authorizeUrl, d.email), { redirect: 'manual' });
    await completion;
  }
  await engine.drain();
  app = await openApp(browser, site, core);
  page = app.page;
  await app.context.addInitScript(RECORDER);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Clinic Companion' }).waitFor();
  await showDay(page, seeded.date);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await site?.close();
  await core?.dispose();
});

const nav = (name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });

it('no start URL, token or passcode ever enters the front desk DOM during a working session', {
  timeout: 120_000,
}, async () => {
  expect(core.sandbox!.meetings().length).toBeGreaterThan(0);
  await nav('Front desk').click();
  const copyLinks = page.getByRole('button', { name: /Copy join link/ });
  await expect.poll(() => copyLinks.count(), { timeout: 15_000 }).toBeGreaterThan(0);
  const n = Math.min(await copyLinks.count(), 6);
  for (let i = 0; i < n; i++) await copyLinks.nth(i).click();
  const invitations = page.getByRole('button', { name: /Copy invitation/ });
  for (let i = 0; i < Math.min(await invitations.count(), 6); i++) await invitations.nth(i).click();
  expect(core.clipboard.length).toBeGreaterThan(0);
  await page.getByLabel('Patient', { exact: true }).fill('a');
  await page.getByLabel('Patient', { exact: true }).fill('');
  await nav('Zoom connections').click();
  await nav('Front desk').click();

  // A doctor starts a visit: the start URL goes to main and the shell, never to the page.
  const d = seeded.doctors[0]!;
  await page.getByLabel('Profile').selectOption(d.id);
  const dialog = page.getByRole('dialog', { name: `Unlock ${d.displayName}` });
  await dialog.getByLabel('PIN').fill(d.pin);
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await nav("Doctor's day").click();
  const start = page.getByRole('button', { name: /Start visit/ }).first();
  if (await start.count()) {
    const before = core.opened.length;
    await start.click();
    await expect.poll(() => core.opened.length, { timeout: 10_000 }).toBeGreaterThan(before);
  }
  await page.getByRole('button', { name: 'Lock' }).click();
  await nav('Front desk').click();
  await page.waitForTimeout(300);

  const recorded = await page.evaluate(() => (window as unknown as { __domSeen: string[] }).__domSeen);
  recorded.push(await page.content());
  expect(recorded.length).toBeGreaterThan(20);

  const tokens: string[] = [];
  for (const c of await core.companion.services.vault.findCredentials(CONNECTION_SERVICE)) {
    const t = JSON.parse(c.password).tokens;
    if (t) tokens.push(t.accessToken, t.refreshToken);
  }
  const startUrls = core.opened.filter((u) => u.includes('zak='));
  const zaks = startUrls.map((u) => new URL(u).searchParams.get('zak')!);
  const passcodes = [...core.sandbox!.meetings(), ...core.sandbox!.deletedMeetings()].map((m) => m.password);
  expect(tokens.length).toBe(seeded.doctors.length * 2);
  expect(passcodes.length).toBeGreaterThan(0);
  const secrets = [...tokens, ...startUrls, ...zaks, ...passcodes.filter((p) => p.length >= 6)];
  // One pass over distinct snapshots: the page may hold many equal ones.
  for (const html of new Set(recorded)) {
    expect(html).not.toMatch(/zak=|start_url|startUrl|access_token|refresh_token|Bearer /i);
    for (const s of secrets) expect(html.includes(s), 'a secret is in the DOM').toBe(false);
  }
  console.info(
    `[front-desk-dom] ${new Set(recorded).size} distinct DOM states scanned for ${secrets.length} secrets (${startUrls.length} start URLs opened)`,
  );
});
