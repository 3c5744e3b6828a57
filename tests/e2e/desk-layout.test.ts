// Booking, the front desk on the phone, and the layout at 640, 1366 and 1920 px: real Chromium,
// the real core and the Zoom sandbox (clinic-wide account, so meetings are made without a sign-in).
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { caller } from '../../main/core/demo/call';
import { type DemoCore, startDemoCore } from '../../main/core/demo/demo-core';
import { type SeedResult, seedDemo } from '../../main/core/demo/seed';
import { type DemoServer, startDemoServer } from '../../main/core/demo/server';
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
let rendererDir: string;
let zone: string;
let call: ReturnType<typeof caller>;

/** A real city whose clocks read early afternoon now: the day has both a past and a future. */
function afternoonZone(): string {
  const zones = [
    'Pacific/Kiritimati',
    'Pacific/Tongatapu',
    'Pacific/Auckland',
    'Pacific/Noumea',
    'Australia/Sydney',
    'Asia/Tokyo',
    'Asia/Shanghai',
    'Asia/Bangkok',
    'Asia/Dhaka',
    'Asia/Karachi',
    'Asia/Dubai',
    'Europe/Moscow',
    'Europe/Athens',
    'Europe/Berlin',
    'Europe/London',
    'Atlantic/Azores',
    'Atlantic/South_Georgia',
    'America/Sao_Paulo',
    'America/Halifax',
    'America/New_York',
    'America/Chicago',
    'America/Denver',
    'America/Los_Angeles',
    'America/Anchorage',
    'Pacific/Honolulu',
    'Pacific/Pago_Pago',
  ];
  const hour = (z: string) =>
    Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: z, hour: '2-digit', hour12: false }).format(new Date()),
    );
  return zones.reduce((best, z) => (Math.abs(hour(z) - 12.5) < Math.abs(hour(best) - 12.5) ? z : best));
}

const todayInClinic = () => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());

setUpOnce(async () => {
  const [dir, b, c] = await Promise.all([
    builtRenderer(),
    launchChromium(),
    startDemoCore({ env: {}, policy: {}, extra: { reconcileEveryMs: 0, syncKiviCare: false } }),
  ]);
  rendererDir = dir;
  browser = b;
  core = c;
  call = caller(core.companion.handlers);
  zone = afternoonZone();
  await call('settings:update', { clinicTimeZone: zone });
  site = await serveRenderer(dir);
  seeded = await seedDemo(core.companion.handlers, await clinicTomorrow(core));
  // One clinic Zoom account makes every doctor's meetings: the front desk has IDs to read out.
  await call('settings:update', { mode: 'clinic-wide' });
  await call('clinicZoom:set', {
    accountId: 'sbxAcct_Clinic01',
    clientId: 'sandbox-s2s-client',
    clientSecret: 'sandbox-s2s-secret',
  });
  await core.companion.services.engine.drain();
  app = await openApp(browser, site, core);
  page = app.page;
  await showDay(page, seeded.date);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await site?.close();
  await core?.dispose();
});

const nav = async (name: string) => {
  const menu = page.locator('.menu-button');
  if (await menu.isVisible()) {
    if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  }
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name }).click();
};

async function axeViolations(): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function axeLightAndDark(): Promise<string[]> {
  const light = await axeViolations();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await axeViolations();
  await page.emulateMedia({ colorScheme: 'light' });
  return [...light, ...dark.map((v) => `dark ${v}`)];
}

/** How far the page, or any scroll box in it (the day's list), scrolls sideways. */
const horizontalOverflow = () =>
  page.evaluate(() =>
    Math.max(
      document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ...[...document.querySelectorAll('.desk-scroll, main, .modal')].map(
        (e) => e.scrollWidth - e.clientWidth,
      ),
    ),
  );

/** The day list's cells whose content does not fit (clipped or spilling over the next cell). */
const cellsCut = () =>
  page.$$eval('.desk-row td', (tds) =>
    tds.filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.textContent?.trim() ?? ''),
  );

const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el
      ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}:${(el.textContent ?? '').trim()}`
      : '';
  });

describe('booking and changes (1920 px)', () => {
  it('warns of an overlap before booking, in words, and books only when the user confirms', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await nav('Front desk');
    await showDay(page, seeded.date);
    const lee = seeded.doctors[0]!;
    const before = (await call('appointments:listDay', { date: seeded.date })).appointments.length;
    await page.getByRole('button', { name: 'New appointment' }).click();
    const dialog = page.getByRole('dialog', { name: 'New appointment' });
    await dialog.getByLabel('Doctor').selectOption(lee.id);
    await dialog.getByRole('button', { name: 'New patient…' }).click();
    await dialog.getByLabel('New patient’s name').fill('Olga Overlap');
    await dialog.getByRole('button', { name: 'Add patient' }).click();
    await expect.poll(() => dialog.getByLabel('Patient', { exact: true }).inputValue()).not.toBe('');
    await dialog.getByLabel('Date').fill(seeded.date);
    await dialog.getByLabel(/^Time/).fill('09:05');
    await dialog.getByLabel('Minutes').fill('20');
    await dialog.getByRole('button', { name: 'Book appointment' }).click();
    const warning = dialog.getByRole('alert');
    await expect.poll(() => warning.textContent()).toContain('Dr. Grace Lee already has');
    expect(await warning.textContent()).toMatch(/09:00–09:20/);
    expect(await axeLightAndDark()).toEqual([]);
    // Nothing was booked by the first press.
    expect((await call('appointments:listDay', { date: seeded.date })).appointments.length).toBe(before);
    await dialog.getByRole('button', { name: 'Book anyway' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const after = await call('appointments:listDay', { date: seeded.date });
    expect(after.appointments.length).toBe(before + 1);
    expect(after.appointments.find((a) => a.patientName === 'Olga Overlap')?.overlaps).toBe(true);
  });

  it('defaults to the doctor’s next free slot after now, so the first Book goes through', async () => {
    await showDay(page, todayInClinic());
    await page.getByRole('button', { name: 'New appointment' }).click();
    const dialog = page.getByRole('dialog', { name: 'New appointment' });
    await dialog.getByLabel('Doctor').selectOption(seeded.doctors[2]!.id);
    await dialog.getByRole('button', { name: 'New patient…' }).click();
    await dialog.getByLabel('New patient’s name').fill('Nell Nextfree');
    await dialog.getByRole('button', { name: 'Add patient' }).click();
    await expect.poll(() => dialog.getByLabel('Patient', { exact: true }).inputValue()).not.toBe('');
    await dialog.getByRole('button', { name: 'Book appointment' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const found = await call('appointments:search', { query: 'Nextfree' });
    expect(found.appointments).toHaveLength(1);
    expect(Date.parse(found.appointments[0]!.startUtc)).toBeGreaterThan(Date.now());
    await showDay(page, seeded.date);
  });

  it('after a reschedule and after a cancellation the dialog offers the updated invitation', async () => {
    const row = page.getByRole('row', { name: /Diego Ramírez/ });
    await row.getByRole('button', { name: /^Edit/ }).click();
    const dialog = page.getByRole('dialog', { name: /Appointment of Diego Ramírez/ });
    await dialog.getByLabel(/^Time/).fill('12:10');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.getByText(/Appointment moved/).waitFor();
    expect(await focused()).toContain('Copy invitation');
    await dialog.getByRole('button', { name: 'Copy invitation' }).click();
    await expect.poll(() => core.clipboard.at(-1) ?? '').toMatch(/12:10–12:30/);
    const opened = core.opened.length;
    await dialog.getByRole('button', { name: 'Email invitation' }).click();
    await expect.poll(() => core.opened.length).toBe(opened + 1);
    expect(decodeURIComponent(core.opened.at(-1)!)).toMatch(/^mailto:diego@patients\.test\?.*12:10–12:30/s);
    expect(await axeLightAndDark()).toEqual([]);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await row.getByRole('button', { name: /^Edit/ }).click();
    await dialog.getByRole('button', { name: 'Cancel appointment…' }).click();
    await dialog.getByRole('button', { name: 'Yes, cancel this appointment' }).click();
    await dialog.getByText(/Appointment cancelled/).waitFor();
    await dialog.getByRole('button', { name: 'Copy invitation' }).click();
    await expect.poll(() => core.clipboard.at(-1) ?? '').toMatch(/12:10 \(.+\) is cancelled/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    // Its Edit button is gone with the cancellation: focus goes to the same row, not nowhere.
    await expect.poll(focused).not.toBe('body:');
  });
});

describe('front desk on the phone (1366 px)', () => {
  it('shows the meeting ID and passcode on demand, audited, until the row is left', async () => {
    await page.setViewportSize({ width: 1366, height: 800 });
    const row = page.getByRole('row', { name: /Amara Okafor/ });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Meeting ready');
    const id = (await call('appointments:listDay', { date: seeded.date })).appointments.find(
      (a) => a.patientName === 'Amara Okafor',
    )!.id;
    const mapping = (await core.companion.services.repos.mappings.get(id))!;
    expect(await row.textContent()).not.toContain(mapping.passcode);
    await row.getByRole('button', { name: /^Phone details/ }).click();
    await expect.poll(() => row.textContent()).toContain(mapping.passcode);
    expect((await row.textContent())!.replace(/\s/g, '')).toContain(mapping.zoomMeetingId);
    expect(await focused()).toContain('Hide phone details');
    const audit = (await core.companion.services.repos.audit.forEntity('appointment', id)).filter(
      (e) => e.action === 'meeting.phoneDetails',
    );
    expect(audit.length).toBe(1);
    expect(JSON.stringify(audit)).not.toContain(mapping.passcode);
    expect(await axeLightAndDark()).toEqual([]);
    // Leaving the row (Tab onwards to another row's button) hides them.
    await page
      .getByRole('row', { name: /Ben Hoffmann/ })
      .getByRole('button', { name: /^Edit/ })
      .focus();
    await expect.poll(() => row.textContent()).not.toContain(mapping.passcode);
  });

  it('keeps focus on the button after Copy and Email', async () => {
    const row = page.getByRole('row', { name: /Amara Okafor/ });
    const copy = row.getByRole('button', { name: /Copy join link/ });
    await copy.focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .getByText(/Join link copied for Amara Okafor/)
      .waitFor();
    expect(await focused()).toContain('Copy join link');
    // The keyboard carries on from there, not from the top of the page.
    await page.keyboard.press('Tab');
    expect(await focused()).toContain('Copy invitation');
    await row.getByRole('button', { name: /^Email/ }).focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .getByText(/Invitation opened/)
      .first()
      .waitFor();
    expect(await focused()).toMatch(/^button:Email/);
  });

  it('the patient search looks ahead over the coming weeks, and Show day goes there', async () => {
    const patient = await call('patients:create', { displayName: 'Farid Farahead' });
    const later = new Date(`${seeded.date}T12:00:00Z`);
    later.setUTCDate(later.getUTCDate() + 20);
    const laterDate = later.toISOString().slice(0, 10);
    await call('appointments:create', {
      doctorId: seeded.doctors[1]!.id,
      patientId: patient.id,
      date: laterDate,
      time: '11:00',
      durationMin: 30,
      visitType: 'in_person',
    });
    await page.getByLabel('Patient', { exact: true }).fill('farahead');
    const ahead = page.getByRole('region', { name: /farahead.*next 6 weeks/i });
    await expect.poll(() => ahead.textContent()).toContain('Farid Farahead with Dr.');
    expect(await ahead.textContent()).toContain('11:00 · 30 min');
    await ahead.getByRole('button', { name: /^Show day/ }).click();
    await expect
      .poll(() => page.locator('.day-picker input').first().getAttribute('data-day'))
      .toBe(laterDate);
    await expect.poll(() => page.getByRole('row', { name: /Farid Farahead/ }).count()).toBe(1);
    await page.getByLabel('Patient', { exact: true }).fill('');
    await showDay(page, seeded.date);
  });

  it('front desk shows each visit’s length, and the Meeting column is never cut', async () => {
    // A doctor Zoom does not know: the row's Meeting cell carries a long reason in words.
    const doctor = await call('doctors:create', {
      displayName: 'Dr. Noel Nouser',
      email: 'nouser@nowhere.test',
    });
    const patient = await call('patients:create', { displayName: 'Wanda Longreason' });
    await call('appointments:create', {
      doctorId: doctor.id,
      patientId: patient.id,
      date: seeded.date,
      time: '16:40',
      durationMin: 20,
      visitType: 'telemed',
    });
    await core.companion.services.engine.drain();
    await nav('Front desk');
    await showDay(page, seeded.date);
    const long = page.getByRole('row', { name: /Wanda Longreason/ }).locator('.meeting');
    await expect
      .poll(async () => ((await long.textContent()) ?? '').length, { timeout: 15_000 })
      .toBeGreaterThan(30);
    const table = page.locator('.desk-table');
    expect(await table.locator('thead th').allTextContents()).toContain('Length');
    await expect.poll(() => page.getByRole('row', { name: /Amara Okafor/ }).textContent()).toMatch(/20 min/);
    const cut = await page.$$eval('.desk-row .meeting', (els) =>
      els
        .filter((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.textContent),
    );
    expect(cut).toEqual([]);
    expect(await cellsCut()).toEqual([]);
  });
});

describe('layout and keyboard (640 px)', () => {
  it('no horizontal scroll; the screens fold behind one button; Profile and Lock stay reachable', async () => {
    await page.setViewportSize({ width: 640, height: 900 });
    await nav('Front desk');
    await showDay(page, seeded.date);
    await page.getByRole('row', { name: /Amara Okafor/ }).waitFor();
    expect(await horizontalOverflow()).toBeLessThanOrEqual(0);
    expect(await cellsCut()).toEqual([]);
    const nav0 = page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Import' });
    expect(await nav0.isVisible()).toBe(false);
    const profile = page.getByLabel('Profile');
    const box = (await profile.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(640);
    // A doctor unlocks: Lock is in view, no sideways scroll.
    const lee = seeded.doctors[0]!;
    await profile.selectOption(lee.id);
    const dialog = page.getByRole('dialog', { name: `Unlock ${lee.displayName}` });
    await dialog.getByLabel('PIN').fill(lee.pin);
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const lock = page.getByRole('button', { name: 'Lock', exact: true });
    const lockBox = (await lock.boundingBox())!;
    expect(lockBox.x + lockBox.width).toBeLessThanOrEqual(640);
    expect(await horizontalOverflow()).toBeLessThanOrEqual(0);
    expect(await axeLightAndDark()).toEqual([]);
    await lock.click();
    await expect.poll(() => core.companion.services.profiles.current()).toEqual({ role: 'front-desk' });
  });

  it('ArrowDown on the Profile list only chooses; Enter opens the unlock dialog; closing returns focus', async () => {
    const profile = page.getByLabel('Profile');
    await profile.focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.getByRole('button', { name: /^Switch profile/ }).waitFor();
    await page.keyboard.press('Enter');
    // The first doctor in the list (by name), chosen with the arrow key.
    const dialog = page.getByRole('dialog', { name: /^Unlock Dr\. / });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(focused).toMatch(/^select#profile-select/);
    expect(core.companion.services.profiles.current()).toEqual({ role: 'front-desk' });
  });

  it('after the booking dialog closes, focus is back on the button that opened it', async () => {
    const open = page.getByRole('button', { name: 'New appointment' });
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New appointment' });
    await dialog.waitFor();
    expect(await horizontalOverflow()).toBeLessThanOrEqual(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(focused).toBe('button:New appointment');
  });
});

describe('the browser demo (1366 px)', () => {
  let server: DemoServer;
  afterAll(async () => {
    await server?.close();
  });

  it('Copy puts the text on the browser’s clipboard and Email opens the mailto:', async () => {
    server = await startDemoServer({
      handlers: core.companion.handlers,
      caller: core.companion.caller,
      hub: core.hub,
      rendererDir,
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    const demo = await context.newPage();
    // Records the mail links the page follows (a mailto: leaves the page where it is).
    await demo.addInitScript(() => {
      const w = window as unknown as { __mailto: string[] };
      w.__mailto = [];
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        if (this.href.startsWith('mailto:')) w.__mailto.push(this.href);
        else click.call(this);
      };
    });
    try {
      await demo.goto(server.url);
      await demo
        .getByRole('navigation', { name: 'Screens' })
        .getByRole('button', { name: 'Front desk' })
        .click();
      await demo.locator('.day-picker input').first().fill(seeded.date);
      const row = demo.getByRole('row', { name: /Amara Okafor/ });
      await row.getByRole('button', { name: /Copy join link/ }).click();
      await expect.poll(() => core.clipboard.at(-1) ?? '').toMatch(/^https?:\/\//);
      await expect
        .poll(() => demo.evaluate(() => navigator.clipboard.readText()))
        .toBe(core.clipboard.at(-1));
      await row.getByRole('button', { name: /^Email/ }).click();
      await expect
        .poll(() => demo.evaluate(() => (window as unknown as { __mailto: string[] }).__mailto))
        .toEqual([core.opened.at(-1)]);
      expect(core.opened.at(-1)!.startsWith('mailto:')).toBe(true);
      expect(demo.url()).toBe(server.url);
    } finally {
      await context.close();
    }
  });
});
