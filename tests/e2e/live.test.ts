// The clinic's day, live (issue 15): every change reaches the page by a push from the core, so the
// page equals a reload within a second; the attention queue names who, which visit and what fixes
// it; a waiting Zoom sign-in can be cancelled; the banner names a Zoom server that is not zoom.us.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type DemoCore, startDemoCore } from '../../main/core/demo/demo-core';
import { type SeedResult, seedDemo } from '../../main/core/demo/seed';
import { approveInBrowser, closeUi, openApp, startUi, type Ui } from './app-page';
import { setUpOnce } from './set-up';

let ui: Ui;
let core: DemoCore;
let page: Page;
let seeded: SeedResult;

setUpOnce(async () => {
  ui = await startUi({
    async prepare(c) {
      // Today's demo day, from 20 minutes from now: no doctor has connected Zoom yet.
      seeded = await seedDemo(c.companion.handlers);
    },
  });
  ({ core, page } = ui);
});

afterAll(() => closeUi(ui));

const queue = () => page.getByRole('region', { name: /need(s)? attention/ });
const rows = () => queue().getByRole('listitem');
const banners = () => page.getByRole('region', { name: 'Alerts' });
const nav = (name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });

async function axeViolations(): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function unlock(doctorIndex: number) {
  const d = seeded.doctors[doctorIndex]!;
  await page.getByLabel('Profile').selectOption(d.id);
  const dialog = page.getByRole('dialog', { name: `Unlock ${d.displayName}` });
  await dialog.getByLabel('PIN').fill(d.pin);
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await expect.poll(() => core.companion.services.profiles.current().role).toBe('doctor');
}

/** What the alerts say now, and what they say after a reload: the same, or the page was stale. */
async function equalsReload(): Promise<void> {
  const live = await banners().textContent();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Clinic Companion' }).waitFor();
  await expect.poll(() => banners().textContent(), { timeout: 3_000 }).toBe(live);
}

describe('the clinic’s day, live', () => {
  it('the queue names each doctor, the visit and its date, and says who can fix it (axe clean, light and dark)', async () => {
    await expect.poll(() => rows().count()).toBe(3);
    const texts = await rows().allInnerTexts();
    for (const d of seeded.doctors) {
      const text = texts.find((t) => t.includes(`${d.displayName}:`))!;
      expect(text).toMatch(/has not connected Zoom/);
      // Front desk cannot connect a doctor's Zoom: the row says who can, it offers no button.
      expect(text).toContain(`${d.displayName} connects Zoom after unlocking their profile`);
      expect(text).not.toMatch(/reconnect/i);
    }
    // Soonest first: Dr. Patel's 08:30-pattern visit is the day's first.
    expect(texts[0]).toContain('Dr. Anil Patel');
    expect(texts[0]).toMatch(/Farid Haddad, .*\d{4}/);
    expect(await queue().getByRole('button').count()).toBe(0);
    expect(await axeViolations()).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations()).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    // Half a clinic screen beside Zoom, and a wide one: the queue fits with no sideways scroll.
    for (const width of [640, 1366, 1920]) {
      await page.setViewportSize({ width, height: 800 });
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(sideways, `at ${width} px`).toBeLessThanOrEqual(0);
      expect(await axeViolations()).toEqual([]);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('a doctor connects from the queue; the queue, “Preparing…” and the day follow by push and equal a reload', async () => {
    await unlock(0);
    const lee = seeded.doctors[0]!;
    const row = rows().filter({ hasText: lee.displayName });
    // Zoom is busy: the meetings wait for a retry, so "Preparing…" must show, by push.
    const busy = core.sandbox!.faults.add({
      method: 'POST',
      path: '/v2/users/*/meetings',
      effect: { kind: 'status', status: 503 },
    });
    const before = core.opened.length;
    await row.getByRole('button', { name: `Connect Zoom for ${lee.displayName}` }).click();
    await expect.poll(() => core.opened.length, { timeout: 10_000 }).toBeGreaterThan(before);
    await approveInBrowser(ui.app.context, core.opened.at(-1)!, lee.email);
    // No reload, no focus change: the pushes alone replace Dr. Lee's row and show the waiting meetings.
    await expect
      .poll(() =>
        rows()
          .filter({ hasText: /Dr\. Grace Lee has not connected/ })
          .count(),
      )
      .toBe(0);
    await expect
      .poll(
        () =>
          banners()
            .getByText(/Preparing \d+ meetings? with Zoom/)
            .count(),
        { timeout: 20_000 },
      )
      .toBe(1);
    // Zoom waits to be asked again: Lee's visits offer Retry (it can help now), not Connect.
    await expect
      .poll(() => rows().filter({ hasText: lee.displayName }).getByRole('button').first().textContent())
      .toMatch(/^Try again/);
    core.sandbox!.faults.remove(busy);
    await expect
      .poll(async () => (await core.companion.services.engine.queueDepth()).pending, {
        timeout: 40_000,
        interval: 100,
      })
      .toBe(0);
    // Within a second of the last meeting made, the page says so: no banner, only the two doctors.
    await expect
      .poll(
        () =>
          banners()
            .getByText(/Preparing/)
            .count(),
        { timeout: 1_000 },
      )
      .toBe(0);
    await expect.poll(() => rows().count(), { timeout: 1_000 }).toBe(2);
    await equalsReload();
  });

  it('a doctor added on another profile or desktop appears in the Profile list by push', async () => {
    await core.companion.handlers['doctors:create']({ displayName: 'Dr. Mei Chen' }, { role: 'admin' });
    await expect
      .poll(() => page.getByLabel('Profile').locator('option', { hasText: 'Dr. Mei Chen' }).count(), {
        timeout: 1_000,
      })
      .toBe(1);
  });

  it('“Waiting for Zoom sign-in…” says until when and can be cancelled', async () => {
    await page.getByRole('button', { name: 'Lock' }).click();
    await unlock(1);
    const patel = seeded.doctors[1]!;
    await nav('Zoom connections').click();
    const panel = page.getByRole('article', { name: patel.displayName });
    await panel.getByRole('button', { name: `Connect ${patel.displayName} Zoom` }).click();
    await expect.poll(() => panel.getByText('Waiting for Zoom sign-in…').count()).toBe(1);
    expect(await panel.getByText('Sign-in open until').count()).toBe(1);
    // The queue follows too: Dr. Patel's row now waits for the sign-in, with no Connect.
    await expect
      .poll(() =>
        rows()
          .filter({ hasText: /Waiting for Dr\. Anil Patel/ })
          .count(),
      )
      .toBe(1);
    expect(await axeViolations()).toEqual([]);
    await panel.getByRole('button', { name: `Cancel sign-in for ${patel.displayName}` }).click();
    await expect.poll(() => panel.getByText('Not connected').count(), { timeout: 1_000 }).toBe(1);
    expect((await core.companion.services.connections.status(patel.id)).state).toBe('disconnected');
    await expect
      .poll(() =>
        rows()
          .filter({ hasText: /Dr\. Anil Patel has not connected/ })
          .count(),
      )
      .toBe(1);
    // Cancelled here: no news. Ended by the core (it timed out, as connect-expiry.test.ts shows): said.
    expect(await page.getByText(/sign-in ended without connecting/).count()).toBe(0);
    await panel.getByRole('button', { name: `Connect ${patel.displayName} Zoom` }).click();
    await expect.poll(() => panel.getByText('Waiting for Zoom sign-in…').count()).toBe(1);
    await core.companion.services.connections.cancelConnect(patel.id);
    await expect.poll(() => panel.getByText('Not connected').count(), { timeout: 1_000 }).toBe(1);
    await expect
      .poll(() => page.getByText(/Dr\. Anil Patel’s Zoom sign-in ended without connecting/).count())
      .toBeGreaterThan(0);
  });
});

describe('Retry where it cannot help', () => {
  it('on a meeting whose doctor never connected says what is needed, not “Trying again”', async () => {
    // Dr. Patel (unlocked above) never connected: his visits' meetings wait for his Zoom.
    await nav("Doctor's day").click();
    const retry = page.getByRole('button', { name: /^Retry meeting for / }).first();
    await retry.waitFor();
    const depth = await core.companion.services.engine.queueDepth();
    await retry.click();
    await expect
      .poll(() => page.getByText(/Dr\. Anil Patel must connect Zoom first/).count(), { timeout: 2_000 })
      .toBeGreaterThan(0);
    expect(await page.getByText(/Trying to create the meeting again/).count()).toBe(0);
    expect(await core.companion.services.engine.queueDepth()).toEqual(depth);
  });
});

describe('a Zoom server that is not zoom.us', () => {
  it('is named in a banner', async () => {
    const other = await startDemoCore({
      env: { ZOOM_OAUTH_BASE_URL: 'http://127.0.0.1:9', ZOOM_API_BASE_URL: 'http://127.0.0.1:9/v2' },
      policy: {},
      extra: { reconcileEveryMs: 0, syncKiviCare: false },
    });
    const second = await openApp(ui.browser, ui.site, other);
    try {
      const alerts = second.page.getByRole('region', { name: 'Alerts' });
      await expect.poll(() => alerts.textContent()).toContain('Zoom-compatible server at 127.0.0.1:9');
      expect(await alerts.textContent()).not.toContain('Sandbox mode');
    } finally {
      await second.close();
      await other.dispose();
    }
  });
});
