// Settings in Chromium against the real core: clinic-wide Zoom mode with the sandbox's
// Server-to-Server account, "Export diagnostics", and a KiviCare test site connected from the UI.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller } from '../../main/core/demo/call';
import { type DemoCore, startDemoCore } from '../../main/core/demo/demo-core';
import { startTestSite, type TestSite } from '../kivicare/server/server';
import { demoSite } from '../kivicare/server/site-data';
import { type AppPage, openApp, type StaticSite, serveRenderer, showDay } from './app-page';
import { launchChromium } from './browser';
import { builtRenderer } from './renderer-build';

const ZONE = 'Europe/Berlin';
const TOMORROW = DateTime.now().setZone(ZONE).plus({ days: 1 }).toISODate()!;
const S2S = { accountId: 'sbxAcct_Clinic01', clientId: 'sandbox-s2s-client', secret: 'sandbox-s2s-secret' };
const SITE_APP_PASSWORD = 'abcd EFGH ijkl MNOP qrst UVWX';

let browser: Browser;
let static_: StaticSite;
let core: DemoCore;
let kivi: TestSite;
let app: AppPage;
let page: Page;
let dataDir: string;
/** Set to answer the next "choose a folder" with Cancel. */
let cancelFolder = false;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'companion-e2e-clinic-'));
  const data = demoSite(TOMORROW, ZONE);
  // The site's doctors are the sandbox's Zoom users, so clinic-wide meetings can be made for them.
  data.doctors[0]!.email = 'dr.patel@sandbox.test';
  data.doctors[1]!.email = 'dr.lee@sandbox.test';
  const [dir, b, c, s] = await Promise.all([
    builtRenderer(),
    launchChromium(),
    startDemoCore({
      env: {},
      dataDir,
      // http is allowed only for a LAN host (the test site listens on 127.0.0.1), and only by policy.
      policy: { clinicTimeZone: ZONE, allowHttpKivicare: true, allowPrivateKivicare: true },
      extra: { reconcileEveryMs: 0, syncKiviCare: false },
      chooseFolder: async () => {
        if (cancelFolder) return null;
        return mkdtempSync(join(dataDir, 'diagnostics-'));
      },
    }),
    startTestSite(data),
  ]);
  browser = b;
  core = c;
  kivi = s;
  static_ = await serveRenderer(dir);
  const call = caller(core.companion.handlers);
  // IT set this desktop up: the first admin PIN, then the desk is handed back to front desk.
  await call('profiles:setAdminSecret', { newSecret: ADMIN_PIN });
  await call('doctors:create', { displayName: 'Dr. Anil Patel', email: 'dr.patel@sandbox.test' });
  await call('profiles:lock', {});
  app = await openApp(browser, static_, core);
  page = app.page;
  await showDay(page, TOMORROW);
}, 60_000);

const ADMIN_PIN = '731902';

/** The clinic admin unlocks from the Profile list, as IT would at this desk. */
async function unlockAdmin() {
  await page.getByLabel('Profile').selectOption('admin');
  const dialog = page.getByRole('dialog', { name: 'Unlock clinic admin' });
  await dialog.getByLabel('Admin PIN or passphrase').fill(ADMIN_PIN);
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await dialog.waitFor({ state: 'detached' });
  if (core.companion.services.profiles.current().role !== 'admin') throw new Error('admin did not unlock');
}

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await static_?.close();
  await kivi?.close();
  await core?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const nav = (name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });
const zoomPanel = () => page.getByRole('article', { name: 'Zoom account' });

async function axeViolations(): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('Settings against the real core', () => {
  it('clinic-wide mode: wrong secret refused in words, right one kept, and a tele-visit gets its meeting', {
    timeout: 40_000,
  }, async () => {
    await unlockAdmin();
    const axe: Record<string, string[]> = {};
    await nav('Settings').click();
    await zoomPanel().getByLabel('One clinic Zoom account for every doctor').check();
    const form = zoomPanel().getByRole('form', { name: 'Clinic Zoom account' });
    await form.waitFor();
    axe.form = await axeViolations();

    // Before IT enters the account, doctors cannot use it, and nobody connects Zoom per doctor.
    await nav('Zoom connections').click();
    await page.getByText('Doctors use the clinic’s Zoom account').waitFor();
    const patel = page.getByRole('article', { name: 'Dr. Anil Patel' });
    await expect.poll(() => patel.textContent()).toContain('IT must enter');
    expect(await page.getByRole('button', { name: /Connect|Reconnect/ }).count()).toBe(0);
    axe.connectionsWaiting = await axeViolations();

    await nav('Settings').click();
    await form.getByLabel('Account ID').fill(S2S.accountId);
    await form.getByLabel('Client ID').fill(S2S.clientId);
    await form.getByLabel('Client secret').fill('not-the-secret');
    await form.getByRole('button', { name: 'Save clinic account' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent(), { timeout: 10_000 })
      .toContain('Zoom did not accept these clinic credentials');
    expect(await form.getByLabel('Client secret').inputValue()).toBe('');
    axe.refused = await axeViolations();

    await form.getByLabel('Client secret').fill(S2S.secret);
    await form.getByRole('button', { name: 'Save clinic account' }).click();
    await expect.poll(() => zoomPanel().textContent(), { timeout: 10_000 }).toContain('Set up');
    expect(await zoomPanel().textContent()).toContain(S2S.accountId);
    // The secret went to main once and is nowhere in the page.
    expect(await page.content()).not.toContain(S2S.secret);
    axe.configured = await axeViolations();

    await nav('Zoom connections').click();
    await expect.poll(() => patel.locator('.conn-state').textContent()).toBe('Uses the clinic account');
    expect(await patel.textContent()).toContain('dr.patel@sandbox.test');
    axe.connectionsReady = await axeViolations();

    // A tele-visit booked in the dialog gets its meeting under Dr. Patel's Zoom user.
    await nav('Front desk').click();
    await page.getByRole('button', { name: 'New appointment' }).click();
    const dialog = page.getByRole('dialog', { name: 'New appointment' });
    await dialog.getByLabel('Doctor').selectOption({ label: 'Dr. Anil Patel' });
    await dialog.getByRole('button', { name: 'New patient…' }).click();
    await dialog.getByLabel('New patient’s name').fill('Ottilie Brandywine');
    await dialog.getByRole('button', { name: 'Add patient' }).click();
    await expect.poll(() => dialog.getByLabel('Patient', { exact: true }).inputValue()).not.toBe('');
    await dialog.getByLabel(/^Time/).fill('12:40');
    await dialog.getByLabel('Minutes').fill('20');
    await dialog.getByRole('button', { name: 'Book appointment' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const row = page.getByRole('row', { name: /Ottilie Brandywine/ });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Meeting ready');
    expect(await row.textContent()).toContain('Local');
    const sandbox = core.sandbox!;
    const patelUser = sandbox.users().find((u) => u.email === 'dr.patel@sandbox.test')!;
    const meetings = sandbox.meetings();
    expect(meetings).toHaveLength(1);
    expect(meetings[0]!.host_id).toBe(patelUser.id);
    expect(`${meetings[0]!.topic} ${meetings[0]!.agenda}`).not.toContain('Ottilie');

    // Removing the clinic account asks first: "Keep it" keeps it, confirming removes it.
    await nav('Settings').click();
    await zoomPanel().getByRole('button', { name: 'Remove clinic account…' }).click();
    expect(await zoomPanel().textContent()).toContain('Every doctor’s meetings stop being made');
    axe.confirmRemove = await axeViolations();
    await zoomPanel().getByRole('button', { name: 'Keep it' }).click();
    expect(await zoomPanel().textContent()).toContain('Set up');
    await zoomPanel().getByRole('button', { name: 'Remove clinic account…' }).click();
    await zoomPanel().getByRole('button', { name: 'Yes, remove the clinic account' }).click();
    await expect.poll(() => form.getByLabel('Client secret').isVisible(), { timeout: 10_000 }).toBe(true);
    // Entered again: the KiviCare test below works in clinic-wide mode on the same core.
    await form.getByLabel('Account ID').fill(S2S.accountId);
    await form.getByLabel('Client ID').fill(S2S.clientId);
    await form.getByLabel('Client secret').fill(S2S.secret);
    await form.getByRole('button', { name: 'Save clinic account' }).click();
    await expect.poll(() => zoomPanel().textContent(), { timeout: 10_000 }).toContain('Set up');
    expect(axe).toEqual({
      confirmRemove: [],
      form: [],
      connectionsWaiting: [],
      refused: [],
      configured: [],
      connectionsReady: [],
    });
  });

  it('export diagnostics writes a folder on this computer with no patient name; Cancel says nothing', async () => {
    await nav('Settings').click();
    const help = page.getByRole('article', { name: 'Help and diagnostics' });
    const button = help.getByRole('button', { name: /Export diagnostics/ });
    cancelFolder = true;
    await button.click();
    await expect.poll(() => button.textContent()).toBe('Export diagnostics…');
    expect(await help.locator('.done-text').count()).toBe(0);
    expect(await help.getByRole('alert').count()).toBe(0);

    cancelFolder = false;
    await button.click();
    const done = help.locator('.done-text');
    await expect.poll(() => done.textContent(), { timeout: 10_000 }).toContain('on this computer');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Diagnostics folder written');
    const folder = (await done.locator('code').textContent())!;
    expect(folder.startsWith(dataDir)).toBe(true);
    expect(statSync(folder).isDirectory()).toBe(true);
    const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      const text = readFileSync(join(f.parentPath, f.name), 'utf8');
      expect(text, f.name).not.toContain('Ottilie');
      expect(text, f.name).not.toContain('Brandywine');
      expect(text, f.name).not.toContain(S2S.secret);
    }
    expect(await axeViolations()).toEqual([]);
  });

  it('KiviCare: connected from Settings, synced, badged, and a site meeting is never made twice', {
    timeout: 40_000,
  }, async () => {
    await nav('Settings').click();
    const panel = page.getByRole('article', { name: 'KiviCare clinic website' });
    await panel.getByLabel('Site address').fill(kivi.url);
    await panel.getByLabel('Application password').check();
    await panel.getByLabel('User name').fill('frontdesk');
    await panel.getByLabel('Password', { exact: true }).fill(SITE_APP_PASSWORD);
    await panel.getByRole('button', { name: 'Connect website' }).click();
    const sync = panel.getByRole('button', { name: 'Sync now' });
    await sync.waitFor({ timeout: 10_000 });
    await expect.poll(() => sync.isEnabled(), { timeout: 10_000 }).toBe(true);
    await sync.click();
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 10_000 })
      .toMatch(/new|Synchronised/);
    expect(await panel.textContent()).not.toContain('Not yet');
    expect(await panel.textContent()).toContain('KiviCare 4.x REST API; statuses read as documented');
    expect(await axeViolations()).toEqual([]);

    // A sync that fails says so where the user clicked, in words, and no green "done" appears.
    const outcome = panel.getByTestId('kc-sync-outcome');
    kivi.faults.html = 'maintenance';
    await sync.click();
    await expect
      .poll(() => outcome.textContent(), { timeout: 10_000 })
      .toContain('Sync failed: The KiviCare site answered with a web page');
    const newest = page.locator('.toast').last();
    expect(await newest.getAttribute('class')).toContain('toast-error');
    expect(await newest.textContent()).toContain('Sync failed');
    expect(await page.getByRole('status').textContent()).not.toContain('Synchronised');
    expect(await axeViolations()).toEqual([]);
    kivi.faults.html = null;
    await page.locator('.toast-error').getByRole('button').click();

    // "Full sync" beside it reads the long window on demand.
    await panel.getByRole('button', { name: 'Full sync' }).click();
    await expect
      .poll(() => outcome.textContent(), { timeout: 10_000 })
      .toMatch(/Full sync finished: \d+ new/);

    // Maria Lopez at 09:00: the site's Telemedicine add-on already made her meeting.
    const siteRow = kivi.data.appointments.find((a) => a.zoom && a.start === `${TOMORROW} 09:00:00`)!;
    const siteStartUtc = DateTime.fromSQL(siteRow.start, { zone: ZONE })
      .toUTC()
      .toISO({ suppressMilliseconds: true })!;
    await nav('Front desk').click();
    await page.getByLabel('Patient', { exact: true }).fill('Maria Lopez');
    const maria = page.getByRole('row', { name: /Maria Lopez/ });
    await expect
      .poll(() => maria.textContent(), { timeout: 10_000 })
      .toContain('Meeting made by the KiviCare site');
    expect(await maria.locator('.source-badge').textContent()).toBe('Source: KiviCare');
    await maria.getByRole('button', { name: /Copy join link/ }).click();
    await expect.poll(() => core.clipboard.at(-1)).toBe(siteRow.zoom!.join_url);
    expect(await axeViolations()).toEqual([]);

    // Tom Becker at 09:30 has no meeting on the site: the companion makes one, on Dr. Patel's user.
    await page.getByLabel('Patient', { exact: true }).fill('Tom Becker');
    await expect
      .poll(
        () =>
          page
            .getByRole('row', { name: /Tom Becker/ })
            .first()
            .textContent(),
        { timeout: 15_000 },
      )
      .toContain('Meeting ready');
    await core.companion.services.engine.drain();
    const starts = core.sandbox!.meetings().map((m) => m.start_time);
    expect(starts).not.toContain(siteStartUtc);
    expect(starts).toContain(
      DateTime.fromSQL(`${TOMORROW} 09:30:00`, { zone: ZONE }).toUTC().toISO({ suppressMilliseconds: true }),
    );
  });
});

describe('Settings when IT locks everything by policy', () => {
  it('names every locked setting, disables the Zoom mode with a note, and axe finds no violations', async () => {
    const locked = await startDemoCore({
      env: {},
      policy: {
        clinicTimeZone: ZONE,
        autoLockMinutes: 10,
        mode: 'clinic-wide',
        zoomClientId: 'clinic-zoom-app',
        redirectMode: 'scheme',
        bridgeUrl: 'https://clinic.example/zoom-bridge',
        kivicareSite: 'https://clinic.example',
        updates: { mode: 'off' },
      },
      extra: { reconcileEveryMs: 0, syncKiviCare: false },
    });
    const lockedApp = await openApp(browser, static_, locked);
    try {
      const p = lockedApp.page;
      await p.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
      const zoom = p.getByRole('article', { name: 'Zoom account' });
      await zoom.getByText('Zoom mode is locked by your IT department.').waitFor();
      for (const r of await zoom.getByRole('radio').all()) expect(await r.isDisabled()).toBe(true);
      expect(await zoom.getByLabel('One clinic Zoom account for every doctor').isChecked()).toBe(true);
      expect(await p.getByLabel('Clinic time zone').isDisabled()).toBe(true);
      expect(await p.getByLabel(/Lock a doctor’s profile after/).isDisabled()).toBe(true);
      expect(await p.getByLabel('Site address').isDisabled()).toBe(true);
      const managed = p.getByRole('list', { name: 'Managed by your IT department' });
      expect(await managed.getByRole('listitem').allTextContents()).toEqual([
        'Clinic time zone Locked',
        'Profile auto-lock Locked',
        'Zoom mode Locked',
        'Zoom app for doctors’ sign-in Locked',
        'How Zoom sign-in returns to the app Locked',
        'The clinic’s redirect page Locked',
        'KiviCare site address Locked',
        'App updates Locked',
      ]);
      const light = await new AxeBuilder({ page: p }).analyze();
      await p.emulateMedia({ colorScheme: 'dark' });
      const dark = await new AxeBuilder({ page: p }).analyze();
      expect({ light: light.violations.map((v) => v.id), dark: dark.violations.map((v) => v.id) }).toEqual({
        light: [],
        dark: [],
      });
    } finally {
      await lockedApp.close();
      await locked.dispose();
    }
  });
});
