// A new desktop, as IT or the practice manager meets it: the page offers the set-up until an admin
// PIN exists; the admin PIN, the clinic's zone and its doctors are set in a few steps; the core
// then holds them (checked in main, not only on the page).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoCore } from '../../main/core/demo/demo-core';
import { closeUi, startUi, type Ui } from './app-page';
import { setUpOnce } from './set-up';

let ui: Ui;
let page: Page;
let core: DemoCore;

setUpOnce(async () => {
  ui = await startUi();
  ({ page, core } = ui);
}, 60_000);

afterAll(() => closeUi(ui));

async function axeViolations(): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('first run', () => {
  it('offers the set-up on a new desktop, and axe finds nothing', async () => {
    const banner = page.getByRole('region', { name: 'This desktop is not set up yet' });
    await banner.waitFor();
    expect(await axeViolations()).toEqual([]);
    await banner.getByRole('button', { name: 'Set up the clinic' }).click();
  });

  it('admin PIN, clinic zone, a doctor with a first PIN, then Zoom: the core holds each', async () => {
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Admin PIN or passphrase').fill('clinic-admin-2026');
    await dialog.getByLabel('The same again').fill('clinic-admin-2026');
    await dialog.getByRole('button', { name: 'Set admin PIN and continue' }).click();
    await expect.poll(() => core.companion.services.profiles.current().role).toBe('admin');
    expect(await core.companion.services.profiles.adminSecret()).toEqual({ set: true, byPolicy: false });
    await expect
      .poll(() => dialog.getAttribute('aria-labelledby').then(() => dialog.textContent()))
      .toContain('step 2 of 4');
    expect(await axeViolations()).toEqual([]);

    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('form', { name: 'Add a doctor' }).getByLabel('Name').fill('Dr. Omar Haddad');
    await dialog
      .getByRole('form', { name: 'Add a doctor' })
      .getByLabel('Zoom e-mail')
      .fill('dr.haddad@sandbox.test');
    await dialog.getByLabel('First PIN (6 to 12 digits)').fill('864213');
    await dialog.getByLabel('First PIN again').fill('864213');
    await dialog.getByRole('button', { name: 'Add doctor' }).click();
    await expect
      .poll(async () => (await core.companion.services.repos.doctors.list()).map((d) => d.displayName))
      .toEqual(['Dr. Omar Haddad']);
    const [doctor] = await core.companion.services.repos.doctors.list();
    await expect.poll(() => core.companion.services.profiles.hasPin(doctor!.id)).toBe(true);
    expect(await axeViolations()).toEqual([]);

    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('article', { name: 'Zoom account' }).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    // Set up: the offer is gone, and stays gone after a reload.
    expect(await page.getByRole('region', { name: 'This desktop is not set up yet' }).count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Clinic Companion' }).waitFor();
    expect(await page.getByRole('region', { name: 'This desktop is not set up yet' }).count()).toBe(0);
  });
});
