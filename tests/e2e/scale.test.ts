// The front desk at 2,000 appointments: filtering is instant and only a window of rows is in the DOM.
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { caller } from '../../main/core/demo/call';
import { type DemoCore, startDemoCore } from '../../main/core/demo/demo-core';
import { seedBulk } from '../../main/core/demo/seed';
import { type AppPage, clinicTomorrow, openApp, type StaticSite, serveRenderer, showDay } from './app-page';
import { launchChromium } from './browser';
import { keystrokeTimesMs, median } from './measure';
import { builtRenderer } from './renderer-build';
import { setUpOnce } from './set-up';

const ROWS = 2000;
let browser: Browser;
let site: StaticSite;
let core: DemoCore;
let app: AppPage;
let day = '';

setUpOnce(async () => {
  const [dir, b, c] = await Promise.all([
    builtRenderer(),
    launchChromium(),
    startDemoCore({ env: {}, policy: {}, extra: { reconcileEveryMs: 0, syncKiviCare: false } }),
  ]);
  browser = b;
  core = c;
  site = await serveRenderer(dir);
  // Data that cannot be made fails every test here; none is skipped for it.
  const call = caller(core.companion.handlers);
  const doctors = [];
  for (const name of ['Dr. Ada North', 'Dr. Ben South', 'Dr. Cy East', 'Dr. Di West']) {
    doctors.push((await call('doctors:create', { displayName: name })).id);
  }
  day = await clinicTomorrow(core);
  await seedBulk(core.companion.handlers, day, ROWS, doctors);
  app = await openApp(browser, site, core);
  await showDay(app.page, day);
  await app.page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: 'Front desk' })
    .click();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await site?.close();
  await core?.dispose();
});

describe(`front desk with ${ROWS} appointments`, () => {
  it('renders only a window of rows, not all of them', async () => {
    const page = app.page;
    await expect
      .poll(() => page.locator('.count').textContent())
      .toBe(`Showing ${ROWS} of ${ROWS} appointments`);
    const inDom = await page.locator('tr.desk-row').count();
    expect(inDom).toBeGreaterThan(5);
    expect(inDom).toBeLessThan(60);
  });

  it('search, doctor and status filters narrow the list instantly', async () => {
    const page = app.page;
    const times = await keystrokeTimesMs(page, 'bulk patient 007');
    // 2,000 rows cycle through 200 patients: patient 007 has ten visits.
    await expect.poll(() => page.locator('.count').textContent()).toBe(`Showing 10 of ${ROWS} appointments`);
    expect(await page.locator('tr.desk-row').count()).toBe(10);
    console.info(
      `filter per keystroke on ${ROWS} rows: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
    );
    expect(median(times)).toBeLessThan(100);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Doctor', { exact: true }).selectOption({ label: 'Dr. Cy East' });
    await expect
      .poll(() => page.locator('.count').textContent())
      .toBe(`Showing ${ROWS / 4} of ${ROWS} appointments`);
    await page.getByLabel('Status').selectOption({ label: 'Cancelled' });
    await expect.poll(() => page.locator('.count').textContent()).toBe(`Showing 0 of ${ROWS} appointments`);
    expect(await page.getByText('No appointment matches these filters.').count()).toBe(1);
  });

  it('scrolling brings later rows into the window', async () => {
    const page = app.page;
    await page.getByRole('button', { name: 'Clear filters' }).click();
    const firstBefore = await page.locator('tr.desk-row').first().getAttribute('data-appointment-id');
    await page.locator('.desk-scroll').evaluate((el) => {
      el.scrollTop = el.scrollHeight / 2;
    });
    await expect
      .poll(() => page.locator('tr.desk-row').first().getAttribute('data-appointment-id'))
      .not.toBe(firstBefore);
    expect(await page.locator('tr.desk-row').count()).toBeLessThan(60);
  });
});
