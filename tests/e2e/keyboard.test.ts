// Keyboard only, as a receptionist on the phone works: book a visit without the mouse, then copy its
// join link and invitation with Enter; after each action the focus stays where the hands are.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoCore } from '../../main/core/demo/demo-core';
import { type SeedResult, seedDemo } from '../../main/core/demo/seed';
import { clinicTomorrow, closeUi, showDay, startUi, type Ui } from './app-page';
import { setUpOnce } from './set-up';

let ui: Ui;
let page: Page;
let core: DemoCore;
let seeded: SeedResult;

setUpOnce(async () => {
  ui = await startUi({
    async prepare(c) {
      seeded = await seedDemo(c.companion.handlers, await clinicTomorrow(c));
      // Dr. Lee's Zoom connected (set-up, as the doctor would in her browser) so her visits have links.
      const lee = seeded.doctors[0]!;
      const { authorizeUrl, completion } = await c.companion.services.connections.beginConnect(lee.id, {
        redirectMode: 'loopback',
      });
      await fetch(await c.sandbox!.approve(authorizeUrl, lee.email));
      await completion;
      await c.companion.services.engine.drain();
    },
  });
  ({ page, core } = ui);
  await showDay(page, seeded.date);
}, 60_000);

afterAll(() => closeUi(ui));

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
    expect(
      (await core.companion.services.repos.patients.list()).some((p) => p.displayName === 'Kira Keyboard'),
    ).toBe(true);
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
