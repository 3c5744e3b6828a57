// The desktop UI in real Chromium, wired by exposeBinding to the real core and the Zoom sandbox.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { caller } from '../../main/core/demo/call';
import type { DemoCore } from '../../main/core/demo/demo-core';
import { type SeedResult, seedDemo } from '../../main/core/demo/seed';
import { approveInBrowser, clinicTomorrow, closeUi, showDay, startUi, type Ui } from './app-page';
import { setUpOnce } from './set-up';

let ui: Ui;
let core: DemoCore;
let page: Page;
let seeded: SeedResult;

setUpOnce(async () => {
  ui = await startUi({
    async prepare(c) {
      // Demo data that cannot be made fails every test here: nothing in this file is skipped for it.
      seeded = await seedDemo(c.companion.handlers, await clinicTomorrow(c));
    },
  });
  ({ core, page } = ui);
  await showDay(page, seeded.date);
});

afterAll(() => closeUi(ui));

const nav = (name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });

async function axeViolations(): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Clicks Lock, then checks main's state, not only the page: the desk is front desk again. */
async function lockFromPage() {
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect.poll(() => core.companion.services.profiles.current()).toEqual({ role: 'front-desk' });
}

async function unlock(doctorIndex: number) {
  const d = seeded.doctors[doctorIndex]!;
  await page.getByLabel('Profile').selectOption(d.id);
  const dialog = page.getByRole('dialog', { name: `Unlock ${d.displayName}` });
  await dialog.getByLabel('PIN').fill(d.pin);
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

async function unlockAdmin() {
  await page.getByLabel('Profile').selectOption('admin');
  const dialog = page.getByRole('dialog', { name: 'Unlock clinic admin' });
  await dialog.getByLabel('Admin PIN or passphrase').fill(seeded.adminPin);
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await expect.poll(() => core.companion.services.profiles.current().role).toBe('admin');
}

describe('desktop UI in Chromium against the real core', () => {
  it('has landmarks, one h1 and a labelled screen heading', async () => {
    await expect.poll(() => page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Screens' }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2 }).count()).toBeGreaterThan(0);
  });

  it('shows the sandbox banner naming the Zoom server while in sandbox mode', async () => {
    const status = await caller(core.companion.handlers)('app:getStatus', {});
    expect(status.sandbox).toBe(true);
    const banner = page.locator('.banner-sandbox');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(status.zoomServer);
  });

  it('axe finds no violations on any screen, in the dialogs, or in the dark theme', async () => {
    const found: Record<string, string[]> = {};
    for (const screen of ["Doctor's day", 'Front desk', 'Zoom connections', 'Import', 'Settings']) {
      await nav(screen).click();
      found[screen] = await axeViolations();
    }
    await nav("Doctor's day").click();
    await page.getByRole('button', { name: 'New appointment' }).click();
    await page.getByRole('dialog', { name: 'New appointment' }).waitFor();
    found.dialog = await axeViolations();
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.emulateMedia({ colorScheme: 'dark' });
    found.dark = await axeViolations();
    await page.emulateMedia({ colorScheme: 'light' });
    expect(found).toEqual({
      "Doctor's day": [],
      'Front desk': [],
      'Zoom connections': [],
      Import: [],
      Settings: [],
      dialog: [],
      dark: [],
    });
  });

  it('every control is reachable by keyboard with a visible focus ring', async () => {
    await page.locator('body').focus();
    const seen = new Set<string>();
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        return {
          name: el.textContent?.trim() || el.getAttribute('aria-label') || el.id,
          outline: s.outlineStyle,
        };
      });
      if (info) {
        seen.add(info.name);
        expect(info.outline, `focus ring on ${info.name}`).not.toBe('none');
      }
    }
    expect(seen.has("Doctor's day")).toBe(true);
    expect(seen.has('Front desk')).toBe(true);
  });

  it('runs under the app CSP without violations or page errors', async () => {
    // Chrome notes that frame-ancestors is header-only; the app:// protocol sends it as a header.
    const real = ui.app.problems.filter((p) => !p.includes("'frame-ancestors' is ignored"));
    expect(real.filter((p) => /Content Security Policy|Uncaught|TypeError/.test(p))).toEqual([]);
  });

  it('a doctor connects Zoom: sandbox consent page, Allow, callback', async () => {
    const lee = seeded.doctors[0]!;
    const patel = seeded.doctors[1]!;
    await nav('Zoom connections').click();
    const panel = page.getByRole('article', { name: lee.displayName });
    // Front desk connects nobody's Zoom: the page says who does.
    await expect.poll(() => panel.textContent()).toContain('connects their own Zoom after unlocking');
    expect(await page.getByRole('button', { name: /^(Connect|Reconnect) / }).count()).toBe(0);
    // The doctor, in their own profile, connects their own account and no one else's.
    await unlock(0);
    expect(
      await page
        .getByRole('article', { name: patel.displayName })
        .getByRole('button', { name: /Connect/ })
        .count(),
    ).toBe(0);
    const before = core.opened.length;
    await panel.getByRole('button', { name: `Connect ${lee.displayName} Zoom` }).click();
    await expect.poll(() => core.opened.length, { timeout: 10_000 }).toBeGreaterThan(before);
    const authorizeUrl = core.opened.at(-1)!;
    expect(authorizeUrl.startsWith(`${core.sandbox!.origin}/oauth/authorize`)).toBe(true);
    // The system browser: a separate page that does not share the app's window.
    await approveInBrowser(ui.app.context, authorizeUrl, lee.email);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect
      .poll(() => panel.locator('.conn-state').textContent(), { timeout: 10_000 })
      .toBe('Connected');
    expect(await panel.textContent()).toContain(lee.email);
    await lockFromPage();
  });

  it('an appointment booked in the dialog gets its meeting on the sandbox', async () => {
    await unlock(0);
    await nav("Doctor's day").click();
    await page.getByRole('button', { name: 'New appointment' }).click();
    const dialog = page.getByRole('dialog', { name: 'New appointment' });
    await dialog.getByRole('button', { name: 'New patient…' }).click();
    await dialog.getByLabel('New patient’s name').fill('Nadia Test-Patient');
    await dialog.getByRole('button', { name: 'Add patient' }).click();
    await expect.poll(() => dialog.getByLabel('Patient', { exact: true }).inputValue()).not.toBe('');
    await dialog.getByLabel(/^Time/).fill('12:40');
    await dialog.getByLabel('Minutes').fill('20');
    const meetingsBefore = core.sandbox!.meetings().length;
    await dialog.getByRole('button', { name: 'Book appointment' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const row = page.getByRole('row', { name: /Nadia Test-Patient/ });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Meeting ready');
    const meetings = core.sandbox!.meetings();
    expect(meetings.length).toBe(meetingsBefore + 1);
    // Privacy: no patient name in anything sent to Zoom.
    for (const r of core.sandbox!.requests()) expect(JSON.stringify(r.body ?? {})).not.toContain('Nadia');
  });

  it('Start opens a fresh start URL that never reaches the page', async () => {
    const row = page.getByRole('row', { name: /Nadia Test-Patient/ });
    const before = core.opened.length;
    await row.getByRole('button', { name: /Start visit/ }).click();
    await expect.poll(() => core.opened.length).toBeGreaterThan(before);
    const startUrl = core.opened.at(-1)!;
    expect(core.sandbox!.startUrlState(startUrl)).toBe('valid');
    expect(await page.content()).not.toContain(new URL(startUrl).searchParams.get('zak')!);
  });

  it('front desk copies a join link and sees a polite confirmation', async () => {
    await lockFromPage();
    await nav('Front desk').click();
    await page.getByLabel('Patient', { exact: true }).fill('Nadia');
    const row = page.getByRole('row', { name: /Nadia Test-Patient/ });
    await row.getByRole('button', { name: /Copy join link/ }).click();
    const live = page.getByRole('status');
    await expect.poll(() => live.textContent()).toContain('Join link copied');
    const meeting = core.sandbox!.meetings().at(-1)!;
    expect(core.clipboard.at(-1)).toContain(String(meeting.id));
    await row.getByRole('button', { name: /Copy invitation/ }).click();
    await expect.poll(() => live.textContent()).toContain('Invitation copied');
    // E-mail goes through main too: a mailto: URL handed to the shell, never built in the page.
    const before = core.opened.length;
    await row.getByRole('button', { name: /^Email/ }).click();
    await expect.poll(() => core.opened.length).toBeGreaterThan(before);
    expect(core.opened.at(-1)!.startsWith('mailto:')).toBe(true);
  });

  it('the front-desk DOM holds no start URL and no token', async () => {
    await nav('Front desk').click();
    const html = await page.content();
    expect(html).not.toMatch(/zak=|start_url|startUrl|access_token|refresh_token|Bearer /i);
    for (const url of core.opened) if (url.includes('zak=')) expect(html).not.toContain(url);
  });

  it('reschedule and cancel reach the sandbox', async () => {
    await nav('Front desk').click();
    await page.getByLabel('Patient', { exact: true }).fill('Nadia');
    const row = page.getByRole('row', { name: /Nadia Test-Patient/ });
    const meetingId = core.sandbox!.meetings().at(-1)!.id;
    const startBefore = core.sandbox!.meetings().find((m) => m.id === meetingId)!.start_time;
    await row.getByRole('button', { name: /^Edit/ }).click();
    const dialog = page.getByRole('dialog', { name: /Appointment of Nadia/ });
    await dialog.getByLabel(/^Time/).fill('13:20');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    // A moved tele-visit offers the patient's updated invitation before the dialog closes.
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect
      .poll(() => core.sandbox!.meetings().find((m) => m.id === meetingId)?.start_time, { timeout: 15_000 })
      .not.toBe(startBefore);
    await row.getByRole('button', { name: /^Edit/ }).click();
    await dialog.getByRole('button', { name: 'Cancel appointment…' }).click();
    await dialog.getByRole('button', { name: 'Yes, cancel this appointment' }).click();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect
      .poll(() => core.sandbox!.meetings().some((m) => m.id === meetingId), { timeout: 15_000 })
      .toBe(false);
    await expect.poll(() => row.textContent()).toContain('Cancelled');
  });

  it('a wrong PIN is refused in words and the profile stays front desk', async () => {
    const d = seeded.doctors[1]!;
    await page.getByLabel('Profile').selectOption(d.id);
    const dialog = page.getByRole('dialog', { name: `Unlock ${d.displayName}` });
    await dialog.getByLabel('PIN').fill('0000');
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBeTruthy();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const profile = await caller(core.companion.handlers)('profiles:get', {});
    expect(profile.role).toBe('front-desk');
  });

  it('import shows per-row errors and imports only the valid rows after confirmation', async () => {
    await nav('Import').click();
    const csv = [
      'date,time,duration,doctor,patient,email,phone,visit_type',
      `${seeded.date},17:00,20,Dr. Sofia Garcia,Mia Novak,mia@patients.test,,in_person`,
      `${seeded.date},25:00,20,Dr. Sofia Garcia,Ana Alvarez,ana@patients.test,,in_person`,
    ].join('\n');
    await page.getByLabel('File to import').setInputFiles({
      name: 'export.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    const confirm = page.getByRole('button', { name: 'Import 1 valid row' });
    await confirm.waitFor();
    expect(await page.locator('tr.row-error').count()).toBe(1);
    expect(await axeViolations()).toEqual([]);
    await confirm.click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('1 appointment imported');
    await nav('Front desk').click();
    await page.getByLabel('Patient', { exact: true }).fill('Mia Novak');
    await expect.poll(() => page.locator('tr.desk-row').count()).toBe(1);
  });

  it('follows main when it locks the doctor profile (auto-lock)', async () => {
    await unlock(0);
    await expect.poll(() => page.getByRole('button', { name: 'Lock' }).count()).toBe(1);
    // Main decides locking (inactivity timer); its profiles:changed event is what the page follows.
    await caller(core.companion.handlers)('profiles:lock', {});
    expect(core.companion.services.profiles.current()).toEqual({ role: 'front-desk' });
    await expect.poll(() => page.getByLabel('Profile').inputValue()).toBe('');
    expect(await page.getByRole('button', { name: 'Lock' }).count()).toBe(0);
  });

  it('shows an in-app alert with Start when reminders:due arrives for the unlocked doctor', async () => {
    await unlock(0);
    await nav("Doctor's day").click();
    const rows = await caller(core.companion.handlers)('appointments:listDay', { date: seeded.date });
    const visit = rows.appointments.find((a) => a.patientName === 'Amara Okafor')!;
    // The core's scheduler checks every 30 s; the event it sends is delivered here the same way.
    core.hub.emit('reminders:due', {
      appointmentId: visit.id,
      doctorId: visit.doctorId,
      startUtc: visit.startUtc,
      patientName: visit.patientName,
    });
    const alert = page.getByRole('alert').filter({ hasText: 'Visit soon' });
    await alert.waitFor();
    const before = core.opened.length;
    await alert.getByRole('button', { name: 'Start visit with Amara Okafor' }).click();
    await expect.poll(() => core.opened.length).toBeGreaterThan(before);
    expect(core.sandbox!.startUrlState(core.opened.at(-1)!)).toBe('valid');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await lockFromPage();
  });

  it('shows the offline banner when Zoom stops answering', async () => {
    const sandbox = core.sandbox!;
    sandbox.faults.add({ path: /^\/v2\//, effect: { kind: 'drop' } });
    try {
      const call = caller(core.companion.handlers);
      const lee = seeded.doctors[0]!;
      await call('appointments:create', {
        doctorId: lee.id,
        patientId: seeded.patientIds[5]!,
        date: seeded.date,
        time: '17:30',
        durationMin: 20,
        visitType: 'telemed',
      });
      await expect
        .poll(() => page.getByRole('alert').filter({ hasText: 'Offline.' }).count(), { timeout: 20_000 })
        .toBe(1);
      expect(await axeViolations()).toEqual([]);
    } finally {
      sandbox.faults.clear();
    }
  });

  it('a save that lost a race is refused in words, and the dialog keeps the edit', async () => {
    await nav('Front desk').click();
    await page.getByLabel('Patient', { exact: true }).fill('Ben Hoffmann');
    await page
      .getByRole('row', { name: /Ben Hoffmann/ })
      .getByRole('button', { name: /^Edit/ })
      .click();
    const dialog = page.getByRole('dialog', { name: /Appointment of Ben Hoffmann/ });
    await dialog.waitFor();
    // Someone else saves the same appointment first (another desk, a KiviCare sync).
    const call = caller(core.companion.handlers);
    const day = await call('appointments:listDay', { date: seeded.date });
    const ben = day.appointments.find((a) => a.patientName === 'Ben Hoffmann')!;
    await call('appointments:update', { id: ben.id, version: ben.version, durationMin: 45 });
    await dialog.getByLabel('Minutes').fill('25');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    const error = dialog.getByRole('alert');
    await error.waitFor();
    expect((await error.textContent())!.length).toBeGreaterThan(10);
    expect(await dialog.getByLabel('Minutes').inputValue()).toBe('25');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('front desk cannot change clinic settings or disconnect a doctor; the admin can do all of it', async () => {
    await nav('Settings').click();
    const clinic = page.getByRole('article', { name: 'Clinic', exact: true });
    await expect.poll(() => clinic.textContent()).toContain('Only the clinic admin can change this');
    expect(await clinic.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    expect(await page.getByLabel('Each doctor connects their own Zoom account').isDisabled()).toBe(true);
    await nav('Zoom connections').click();
    const lee = page.getByRole('article', { name: seeded.doctors[0]!.displayName });
    expect(await lee.getByRole('button', { name: /Disconnect/ }).count()).toBe(0);
    // Even a page that tried anyway is refused by the core.
    const refused = await core.companion.request('connections:disconnect', {
      doctorId: seeded.doctors[0]!.id,
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'not-allowed' } });
    expect(await axeViolations()).toEqual([]);

    await unlockAdmin();
    await lee.getByRole('button', { name: /Disconnect Zoom/ }).click();
    await lee.getByRole('button', { name: /Yes, disconnect/ }).click();
    await expect
      .poll(() => lee.locator('.conn-state').textContent(), { timeout: 10_000 })
      .toBe('Not connected');
    expect(await axeViolations()).toEqual([]);
  });

  it('settings save through main, and the KiviCare form explains what is missing', async () => {
    await nav('Settings').click();
    expect(core.companion.services.profiles.current().role).toBe('admin');
    const minutes = page.getByLabel(/Lock a doctor’s profile after/);
    await expect.poll(() => minutes.inputValue()).not.toBe('');
    await minutes.fill('15');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Settings saved');
    expect((await caller(core.companion.handlers)('settings:get', {})).autoLockMinutes).toBe(15);
    const site = page.getByRole('article', { name: 'KiviCare clinic website' });
    await site.getByRole('button', { name: 'Connect website' }).click();
    expect(await site.getByRole('alert').textContent()).toContain('https://');
    await lockFromPage();
  });
});
