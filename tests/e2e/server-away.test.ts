// The clinic server away, in Chromium against the real core on a real PostgreSQL that is killed and
// started again (issue 14): the banner says since when and that booking is paused, the day stays on
// screen with the time it was read, the booking buttons stay reachable by keyboard and say why they
// do nothing, what was typed in the dialog is kept, axe finds nothing; the server back, it all goes.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { caller } from '../../main/core/demo/call';
import type { DemoCore } from '../../main/core/demo/demo-core';
import { postgresUnavailableReason, type ThrowawayPostgres } from '../../scripts/throwaway-postgres';
import { freshPostgresDatabase, sharedPostgres } from '../store/engines';
import { clinicTomorrow, closeUi, showDay, startUi, type Ui } from './app-page';
import { setUpOnce } from './set-up';

const skip = postgresUnavailableReason();
const ZONE = 'Europe/Berlin';

let ui: Ui;
let page: Page;
let core: DemoCore;
let server: ThrowawayPostgres;
let date: string;

describe.skipIf(skip)('the clinic server away, on screen', () => {
  setUpOnce(async () => {
    server = await sharedPostgres();
    const database = { ...(await freshPostgresDatabase()), connectTimeoutMs: 1_500 };
    ui = await startUi({
      core: { database, desktopName: 'Reception', policy: { clinicTimeZone: ZONE } },
      async prepare(c) {
        const { repos } = c.companion.services;
        await repos.doctors.insert({ id: 'doc-lee', displayName: 'Dr. Lee', email: 'dr.lee@sandbox.test' });
        await repos.patients.insert({ id: 'pat-1', displayName: 'Ana Patient', email: 'ana@mail.test' });
        date = await clinicTomorrow(c);
        await caller(c.companion.handlers, { role: 'front-desk' })('appointments:create', {
          doctorId: 'doc-lee',
          patientId: 'pat-1',
          date,
          time: '09:30',
          durationMin: 20,
          visitType: 'telemed',
        });
      },
    });
    ({ page, core } = ui);
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Front desk' })
      .click();
    await showDay(page, date);
    await page.getByRole('cell', { name: /^Ana Patient/ }).waitFor();
  }, 90_000);

  afterAll(() => closeUi(ui));

  const banners = () => page.getByRole('region', { name: 'Alerts' });
  const awayBanner = () => banners().getByRole('alert').filter({ hasText: 'The clinic server is away' });
  const newAppointment = () => page.getByRole('button', { name: 'New appointment' });

  async function axeViolations(): Promise<string[]> {
    const r = await new AxeBuilder({ page }).analyze();
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  /** The accessible description of the focused element (what aria-describedby points at). */
  const focusedDescription = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      const ids = el?.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
      return {
        name: el?.textContent?.trim() ?? '',
        disabled: el?.getAttribute('aria-disabled'),
        description: ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
      };
    });

  it('names this desktop discreetly', async () => {
    await expect.poll(() => page.locator('footer').textContent()).toMatch(/Reception · clinic server/);
  });

  it('the server killed: the banner says since when and that booking is paused; the day stays, with when it was read', async () => {
    // What was being typed when the server went: kept.
    await newAppointment().click();
    const dialog = page.getByRole('dialog', { name: 'New appointment' });
    await expect.poll(() => dialog.getByLabel('Patient', { exact: true }).locator('option').count()).toBe(2);
    await dialog.getByLabel('Patient', { exact: true }).selectOption('pat-1');
    await dialog.getByLabel(/Notes for the clinic/).fill('Bring the blood test results');
    await server.kill();
    await awayBanner().waitFor({ timeout: 10_000 });
    const words = (await awayBanner().textContent()) ?? '';
    expect(words).toMatch(
      /^The clinic server is away since \d{2}:\d{2} CES?T\. You are seeing the day as it was at \d{2}:\d{2}; booking is paused until it is back\.$/,
    );
    await expect
      .poll(() => dialog.getByText(/^Booking is paused: the clinic server cannot be reached/).count())
      .toBe(1);
    const book = dialog.getByRole('button', { name: 'Book appointment' });
    expect(await book.getAttribute('aria-disabled')).toBe('true');
    // Pressed from the keyboard, and Enter in a field: nothing is sent (the core would refuse it in
    // words, shown as an alert), nothing typed is lost.
    await book.focus();
    await page.keyboard.press('Enter');
    await dialog.getByLabel('Time').focus();
    await page.keyboard.press('Enter');
    await new Promise((r) => setTimeout(r, 500));
    expect(await dialog.getByRole('alert').count()).toBe(0);
    expect(await dialog.getByLabel('Patient', { exact: true }).inputValue()).toBe('pat-1');
    expect(await dialog.getByLabel(/Notes for the clinic/).inputValue()).toBe('Bring the blood test results');
    expect(await axeViolations()).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The day as read, with when.
    expect(await page.getByRole('cell', { name: /^Ana Patient/ }).count()).toBe(1);
    expect(await page.getByText(/^As it was at \d{2}:\d{2} CES?T: the clinic server is away/).count()).toBe(
      1,
    );
  }, 60_000);

  it('axe finds nothing with the banner up, light and dark', async () => {
    expect(await axeViolations()).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations()).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('the keyboard reaches the paused booking button, which says why it does nothing', async () => {
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Front desk' })
      .focus();
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await focusedDescription()).name === 'New appointment';
    }
    expect(reached).toBe(true);
    const f = await focusedDescription();
    expect(f.disabled).toBe('true');
    expect(f.description).toMatch(/^Booking is paused: the clinic server cannot be reached\./);
    await page.keyboard.press('Enter');
    expect(await page.getByRole('dialog').count()).toBe(0);
    // The row's Edit says the same.
    const edit = page.getByRole('button', { name: /Edit appointment of Ana Patient/ });
    expect(await edit.getAttribute('aria-disabled')).toBe('true');
    expect(await edit.getAttribute('aria-describedby')).toBe('booking-paused');
  });

  it('equals a reload: the banner and the day read the same after one', async () => {
    const live = await banners().textContent();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Clinic Companion' }).waitFor();
    await expect.poll(() => banners().textContent(), { timeout: 3_000 }).toBe(live);
  });

  it('the server back: the banner goes, the day is read again, booking works', async () => {
    await server.restart();
    await awayBanner().waitFor({ state: 'detached', timeout: 25_000 });
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Front desk' })
      .click();
    await expect.poll(() => page.getByText(/^As it was at/).count(), { timeout: 3_000 }).toBe(0);
    expect(await newAppointment().getAttribute('aria-disabled')).toBeNull();
    await expect.poll(() => core.companion.services.clinic!.status().connected).toBe(true);
  }, 40_000);
});
