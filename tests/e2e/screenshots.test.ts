// Screenshots of the main screens for the README, taken from the real UI against the real core
// and the Zoom sandbox (light theme, 1280x800). `npm run screenshots` runs only this file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type DemoCore, startDemoCore } from '../../main/core/demo/demo-core';
import { type SeedResult, seedDemo } from '../../main/core/demo/seed';
import {
  type AppPage,
  approveInBrowser,
  clinicTomorrow,
  openApp,
  type StaticSite,
  serveRenderer,
  showDay,
} from './app-page';
import { launchChromium } from './browser';
import { builtRenderer, REPO_ROOT } from './renderer-build';
import { setUpOnce } from './set-up';

// `npm run screenshots` refreshes docs/screenshots; an ordinary test run writes to a scratch folder
// so the flow is still exercised without touching tracked files.
const OUT =
  process.env.npm_lifecycle_event === 'screenshots'
    ? resolve(REPO_ROOT, 'docs/screenshots')
    : mkdtempSync(join(tmpdir(), 'companion-screenshots-'));
let browser: Browser;
let site: StaticSite;
let core: DemoCore;
let app: AppPage;
let page: Page;
let seeded: SeedResult;

const CSV = `date,time,duration,doctor,patient,email,phone,visit_type
{day},15:30,20,Dr. Grace Lee,Mia Novak,mia@patients.test,,telemed
{day},16:00,20,Dr. Anil Patel,Omar Said,,,in_person
{day},25:00,20,Dr. Grace Lee,Ana Alvarez,ana@patients.test,,telemed
`;

setUpOnce(async () => {
  const [dir, b, c] = await Promise.all([
    builtRenderer(),
    launchChromium(),
    startDemoCore({ env: {}, policy: {}, extra: { reconcileEveryMs: 0, syncKiviCare: false } }),
  ]);
  browser = b;
  core = c;
  site = await serveRenderer(dir);
  // Demo data that cannot be made fails the test; it is not skipped.
  seeded = await seedDemo(core.companion.handlers, await clinicTomorrow(core));
  app = await openApp(browser, site, core, { colorScheme: 'light' });
  page = app.page;
  await showDay(page, seeded.date);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await site?.close();
  await core?.dispose();
});

const nav = (name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });
async function shot(name: string, keepToasts = false) {
  // Earlier confirmations would cover the screen being shown.
  // One at a time from the top: toasts also leave by themselves, so a list taken up front goes stale.
  const dismiss = page.getByRole('button', { name: /^Dismiss: / });
  if (!keepToasts)
    while ((await dismiss.count()) > 0)
      await dismiss
        .first()
        .click({ timeout: 2_000 })
        .catch(() => {});
  await page.screenshot({ path: resolve(OUT, `${name}.png`) });
}

describe('README screenshots', () => {
  it('captures the main screens from the real UI', { timeout: 90_000 }, async () => {
    const lee = seeded.doctors[0]!;
    // Dr. Lee unlocks her profile, then connects her own Zoom through the sandbox's consent flow.
    await page.getByLabel('Profile').selectOption(lee.id);
    await page.getByRole('dialog').getByLabel('PIN').fill(lee.pin);
    await shot('unlock-doctor', true);
    await page.getByRole('dialog').getByRole('button', { name: 'Unlock' }).click();
    await nav('Zoom connections').click();
    const before = core.opened.length;
    await page.getByRole('button', { name: `Connect ${lee.displayName} Zoom` }).click();
    await expect.poll(() => core.opened.length, { timeout: 10_000 }).toBeGreaterThan(before);
    await approveInBrowser(app.context, core.opened.at(-1)!, lee.email);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect
      .poll(() => page.getByRole('article', { name: lee.displayName }).locator('.conn-state').textContent(), {
        timeout: 10_000,
      })
      .toBe('Connected');
    await shot('zoom-connections');

    await nav("Doctor's day").click();
    await expect
      .poll(() => page.getByRole('button', { name: /Start visit/ }).count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Meeting being created…').count(), { timeout: 20_000 }).toBe(0);
    await shot('doctors-day');

    await page.getByRole('button', { name: 'Lock' }).click();
    await nav('Front desk').click();
    await page.locator('tr.desk-row').first().waitFor();
    await shot('front-desk');
    await page
      .getByRole('button', { name: /Copy join link/ })
      .first()
      .click();
    await page
      .getByRole('status')
      .getByText(/Join link copied/)
      .waitFor();
    await shot('front-desk-copied', true);

    await page.getByRole('button', { name: 'New appointment' }).click();
    const dialog = page.getByRole('dialog', { name: 'New appointment' });
    await dialog.getByRole('button', { name: 'Book appointment' }).click();
    await dialog.getByText('Choose a patient or add a new one.').waitFor();
    await shot('appointment-dialog', true);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await nav('Import').click();
    await page.getByLabel('File to import').setInputFiles({
      name: 'clinic-export.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV.replaceAll('{day}', seeded.date)),
    });
    await page.getByRole('button', { name: /^Import \d+ valid/ }).waitFor();
    await shot('import-preview');

    // Settings are the clinic admin's: unlocked from the Profile list with the admin PIN.
    await page.getByLabel('Profile').selectOption('admin');
    await page.getByRole('dialog').getByLabel('Admin PIN or passphrase').fill(seeded.adminPin);
    await page.getByRole('dialog').getByRole('button', { name: 'Unlock' }).click();
    await nav('Settings').click();
    await page.getByRole('button', { name: 'Save settings' }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Save settings' }).isEnabled()).toBe(true);
    await shot('settings');

    await page.emulateMedia({ colorScheme: 'dark' });
    await nav('Front desk').click();
    await shot('front-desk-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Last, because it moves every doctor onto the sandbox's clinic account.
    await nav('Settings').click();
    const zoom = page.getByRole('article', { name: 'Zoom account' });
    await zoom.getByLabel('One clinic Zoom account for every doctor').check();
    await zoom.getByLabel('Account ID').fill('sbxAcct_Clinic01');
    await zoom.getByLabel('Client ID').fill('sandbox-s2s-client');
    await zoom.getByLabel('Client secret').fill('sandbox-s2s-secret');
    await zoom.getByRole('button', { name: 'Save clinic account' }).click();
    await zoom.getByText('Set up').waitFor();
    await page.getByRole('button', { name: /Export diagnostics/ }).click();
    await page.locator('.done-text').waitFor();
    await shot('settings-clinic-wide');
  });
});
