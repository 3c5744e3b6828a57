// Keyboard only, as a receptionist on the phone works: book a visit without the mouse, then copy its
// join link and invitation with Enter; after each action the focus stays where the hands are.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type DemoCore, startDemoCore } from '../../main/core/demo/demo-core';
import { type SeedResult, seedDemo } from '../../main/core/demo/seed';
import { type AppPage, clinicTomorrow, openApp, type StaticSite, serveRenderer, showDay } from './app-page';
import { launchChromium } from './browser';
import { builtRenderer } from './renderer-build';
import { setUpOnce } from './set-up';

let browser: Browser;
let site: StaticSite;
let core: DemoCore;
let app: AppPage;
let page: Page;
let seeded: SeedResult;

setUpOnce(async () => {
  const [dir, b, c] = await Promise.all([
    builtRenderer(),
    launchChromium(),
    startDemoCore({
      env: {},
      policy: {},
      extra: { reconcileEveryMs: 0, syncKiviCare: false, watchNowEveryMs: 0 },
    }),
  ]);
  browser = b;
  core = c;
  site = await serveRenderer(dir);
  seeded = await seedDemo(core.companion.handlers, await clinicTomorrow(core));
  // Dr. Lee's Zoom connected (set-up, as the doctor would in her browser) so her visits have links.
  const lee = seeded.doctors[0]!;
  const { authorizeUrl, completion } = await core.companion.services.connections.beginConnect(lee.id, {
    redirectMode: 'loopback',
  });
  await fetch(await core.sandbox!.approve(authorizeUrl, lee.email));
  await completion;
  await core.companion.services.engine.drain();
  app = await openApp(browser, site, core);
  page = app.page;
  await showDay(page, seeded.date);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await site?.close();
  await core?.dispose();
});

/** What has the focus: its accessible name in short. */
const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el) return '';
    const label = el.labels?.[0]?.textContent;
    return (el.getAttribute('aria-label') ?? label ?? el.textContent ?? el.id).trim();
  });

/** Presses Tab until the focused element's name matches (bounded), as a keyboard user would. */
async function tabTo(name: RegExp, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (name.test(await focused())) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`never reached ${name} by Tab; last focus: ${await focused()}`);
}

describe('keyboard only', () => {
  it('books a visit with no mouse: the dialog opens, takes every field, books, and focus comes back', async () => {
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Front desk' })
      .focus();
    await page.keyboard.press('Enter');
    await tabTo(/^New appointment$/);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New appointment' });
    await dialog.waitFor();
    await tabTo(/^New patient…$/);
    await page.keyboard.press('Enter');
    await tabTo(/^New patient’s name/);
    await page.keyboard.type('Kira Keyboard');
    await tabTo(/^Add patient$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByLabel('Patient', { exact: true }).inputValue()).not.toBe('');
    await tabTo(/^Book appointment$/);
    await page.keyboard.press('Enter');
    // An overlap asks first; the keyboard answers the same way.
    if (await dialog.getByRole('button', { name: 'Book anyway' }).count()) {
      await tabTo(/^Book anyway$/);
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    expect(await focused()).toBe('New appointment');
    expect(core.companion.services.repos.patients.list().some((p) => p.displayName === 'Kira Keyboard')).toBe(
      true,
    );
  });

  it('copies a join link and an invitation with Enter, and the focus stays on the button pressed', async () => {
    await page.getByLabel('Patient', { exact: true }).fill('Amara Okafor');
    const row = page.getByRole('row', { name: /Amara Okafor/ }).first();
    await row.getByRole('button', { name: /Copy join link/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Join link copied');
    expect(await focused()).toMatch(/Copy join link/);
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/Copy invitation/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Invitation copied');
    expect(await focused()).toMatch(/Copy invitation/);
    expect(core.clipboard.at(-1)).toContain('Passcode');
    const r = await new AxeBuilder({ page }).analyze();
    expect(r.violations.map((v) => v.id)).toEqual([]);
  });
});
