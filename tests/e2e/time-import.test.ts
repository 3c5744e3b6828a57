// Time one way everywhere, and import, in real Chromium wired to the real core: the clinic zone said
// on every list and dialog, dialogs in the lists' format, the ICS time round trip (the preview's time
// is the list's time), the template and column guide, bad rows kept with their reasons, and the
// searchable time-zone picker. Axe clean in light and dark.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { caller } from '../../main/core/demo/call';
import type { DemoCore } from '../../main/core/demo/demo-core';
import { type SeedResult, seedDemo } from '../../main/core/demo/seed';
import { clinicTomorrow, closeUi, showDay, startUi, type Ui } from './app-page';
import { setUpOnce } from './set-up';

let ui: Ui;
let core: DemoCore;
let page: Page;
let seeded: SeedResult;
/** A January day ahead: Berlin is on CET (UTC+1) then, so 10:00 Berlin is 09:00 UTC. */
const DAY = `${new Date().getUTCFullYear() + 1}-01-12`;

setUpOnce(async () => {
  ui = await startUi({
    async prepare(c) {
      // A clinic on UTC, so a calendar written in Berlin time has to move by an hour.
      await caller(c.companion.handlers)('settings:update', { clinicTimeZone: 'UTC' });
      seeded = await seedDemo(c.companion.handlers, await clinicTomorrow(c));
    },
  });
  ({ core, page } = ui);
});

afterAll(() => closeUi(ui));

const nav = (name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });

async function axeLightAndDark(): Promise<{ light: string[]; dark: string[] }> {
  const ids = async () => (await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await ids();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await ids();
  await page.emulateMedia({ colorScheme: 'light' });
  return { light, dark };
}

const vevent = (uid: string, lines: string[]) => [
  'BEGIN:VEVENT',
  `UID:${uid}`,
  'DTSTAMP:20260101T000000Z',
  ...lines,
  'END:VEVENT',
];
const compact = DAY.replace(/-/g, '');
const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Outlook-like//Clinic//EN',
  ...vevent('berlin', [
    `DTSTART;TZID=Europe/Berlin:${compact}T100000`,
    `DTEND;TZID=Europe/Berlin:${compact}T103000`,
    'SUMMARY:Video visit',
    'LOCATION:Zoom',
    'ORGANIZER;CN=Dr. Grace Lee:mailto:dr.lee@sandbox.test',
    'ATTENDEE;CN=Berta Berlin:mailto:berta@patients.test',
  ]),
  ...vevent('utc', [
    `DTSTART:${compact}T110000Z`,
    'DURATION:PT20M',
    'URL:https://us02web.zoom.us/j/85012345678',
    'ORGANIZER;CN=Dr. Grace Lee:mailto:dr.lee@sandbox.test',
    'ATTENDEE;CN=Uma Utc:mailto:uma@patients.test',
  ]),
  ...vevent('floating', [
    `DTSTART:${compact}T120000`,
    'DURATION:PT20M',
    'LOCATION:Room 3',
    'ORGANIZER;CN=Dr. Grace Lee:mailto:dr.lee@sandbox.test',
    'ATTENDEE;CN=Flo Floating:mailto:flo@patients.test',
  ]),
  ...vevent('no-end', [
    `DTSTART:${compact}T130000Z`,
    'ORGANIZER;CN=Dr. Grace Lee:mailto:dr.lee@sandbox.test',
    'ATTENDEE;CN=Nora Noend:mailto:nora@patients.test',
  ]),
  'END:VCALENDAR',
  '',
].join('\r\n');

/** The preview's or outcome's cells of one patient's row: When, Doctor, Patient, Visit, Result. */
async function importRow(table: string, patient: string): Promise<string[]> {
  const row = page.getByRole('table', { name: table }).getByRole('row', { name: new RegExp(patient) });
  return (await row.getByRole('cell').allTextContents()).slice(1);
}

describe('ICS time round trip', () => {
  it('the preview shows each visit at the time the day list shows it, on the clinic’s clock, and a bad row keeps its reason after import', async () => {
    await nav('Import').click();
    expect(await page.locator('.zone-note').first().textContent()).toBe(
      'Times are shown on the clinic’s clock: Coordinated Universal Time (UTC).',
    );
    await page.getByLabel('File to import').setInputFiles({
      name: 'outlook.ics',
      mimeType: 'text/calendar',
      buffer: Buffer.from(ICS),
    });
    const confirm = page.getByRole('button', { name: 'Import 3 valid rows' });
    await confirm.waitFor();
    const table = 'Rows found in outlook.ics';
    const berta = await importRow(table, 'Berta Berlin');
    expect(berta.slice(1, 4)).toEqual(['Dr. Grace Lee', 'Berta Berlin', 'Tele-visit']);
    expect(berta[0]).toMatch(/, 09:00 \(30 min\)$/);
    expect(berta[4]).toContain(
      'The file gives 10:00 in Europe/Berlin; that is 09:00 on the clinic’s clock (UTC).',
    );
    expect((await importRow(table, 'Uma Utc'))[0]).toMatch(/, 11:00 \(20 min\)$/);
    expect((await importRow(table, 'Uma Utc'))[3]).toBe('Tele-visit');
    expect((await importRow(table, 'Flo Floating'))[0]).toMatch(/, 12:00 \(20 min\)$/);
    expect((await importRow(table, 'Flo Floating'))[3]).toBe('In person');
    // One fault, named: the row still says who and when.
    const nora = await importRow(table, 'Nora Noend');
    expect(nora[2]).toBe('Nora Noend');
    expect(nora[4]).toBe('The event has no end time or duration.');
    expect(await axeLightAndDark()).toEqual({ light: [], dark: [] });
    const previewTimes = Object.fromEntries(
      await Promise.all(
        ['Berta Berlin', 'Uma Utc', 'Flo Floating'].map(
          async (p) => [p, (await importRow(table, p))[0]!.match(/(\d\d:\d\d) \(/)![1]] as const,
        ),
      ),
    );

    await confirm.click();
    const outcome = page.getByRole('heading', { name: '3 appointments imported from outlook.ics' });
    await outcome.waitFor();
    // The row left out is still on screen, with its reason, after the good rows are in.
    expect((await importRow('Rows not imported', 'Nora Noend'))[4]).toBe(
      'The event has no end time or duration.',
    );
    expect(await axeLightAndDark()).toEqual({ light: [], dark: [] });

    await nav('Front desk').click();
    await showDay(page, DAY);
    expect(await page.locator('.day-zone').first().textContent()).toBe(
      'Times on the clinic’s clock: Coordinated Universal Time (UTC)',
    );
    for (const [patient, time] of Object.entries(previewTimes)) {
      const row = page.getByRole('row', { name: new RegExp(patient) });
      await expect.poll(() => row.count()).toBe(1);
      expect((await row.getByRole('cell').first().textContent())?.trim()).toBe(time);
    }
  });
});

describe('dialogs say times as the lists do', () => {
  it('the appointment dialog names the clinic zone and shows the row’s date and time in the list’s format', async () => {
    await nav('Front desk').click();
    await showDay(page, DAY);
    const row = page.getByRole('row', { name: /Berta Berlin/ });
    const listed = (await row.getByRole('cell').first().textContent())!.trim();
    const dayLong = (await page.locator('.day-picker .clinic-day').first().textContent())!.trim();
    await row.getByRole('button', { name: 'Edit appointment of Berta Berlin' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Date').waitFor();
    expect(
      await dialog.getByText('On the clinic’s clock: Coordinated Universal Time (UTC)').isVisible(),
    ).toBe(true);
    expect(await dialog.getByLabel(/^Time/).inputValue()).toBe(listed);
    const date = await dialog.getByLabel('Date').inputValue();
    // The list's "Tuesday 12 January 2027", shortened the same way; never the browser's "01/12/2027".
    expect(date).toBe(DateTime.fromISO(DAY).setLocale('en-GB').toFormat('ccc d LLL yyyy'));
    expect(dayLong).toBe(DateTime.fromISO(DAY).setLocale('en-GB').toFormat('cccc d LLLL yyyy'));
    expect(await dialog.locator('.clinic-day').textContent()).toBe(dayLong);
    // Typed the desktop's way, shown the clinic's way.
    await dialog.getByLabel(/^Time/).fill('2:30 pm');
    await dialog.getByLabel(/^Time/).blur();
    expect(await dialog.getByLabel(/^Time/).inputValue()).toBe('14:30');
    expect(await axeLightAndDark()).toEqual({ light: [], dark: [] });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });
});

describe('import template and the UI’s own words', () => {
  it('the template downloads with the guide’s columns and an example row that imports; "Tele-visit" and "IN PERSON" are accepted', async () => {
    await nav('Import').click();
    const done = page.getByRole('button', { name: 'Done' });
    if (await done.count()) await done.click();
    await page.getByText('Spreadsheet template and column guide').click();
    const guide = page.getByRole('table', { name: 'Columns of an import spreadsheet' });
    const names = (await guide.locator('tbody tr td:first-child').allTextContents()).map((t) => t.trim());
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the CSV template' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('appointments-template.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    const [header, example] = csv.trim().split(/\r?\n/);
    expect(header!.split(',')).toEqual(names);
    expect(seeded.doctors.some((d) => example!.includes(`,${d.displayName},`))).toBe(true);

    const file = [
      header,
      example,
      `${DAY},15:00,20,Dr. Anil Patel,Tia Tele,,,Tele-visit,`,
      `${DAY},15:30,20,Dr. Anil Patel,Ivo Inperson,,,IN PERSON,`,
      `${DAY},16:00,20,Dr. Anil Patel,Otto Onefault,,,by pigeon,`,
    ].join('\n');
    await page.getByLabel('File to import').setInputFiles({
      name: 'clinic.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(file),
    });
    await page.getByRole('button', { name: 'Import 3 valid rows' }).waitFor();
    const table = 'Rows found in clinic.csv';
    expect((await importRow(table, 'Tia Tele'))[3]).toBe('Tele-visit');
    expect((await importRow(table, 'Ivo Inperson'))[3]).toBe('In person');
    expect((await importRow(table, 'Otto Onefault'))[4]).toBe(
      'Unknown visit type "by pigeon" (use "Tele-visit" or "In person").',
    );
    expect(await axeLightAndDark()).toEqual({ light: [], dark: [] });
    await page.getByRole('button', { name: 'Discard' }).click();
  });
});

describe('the clinic time zone picker', () => {
  it('the admin finds the zone by searching, saves it, and every list follows', async () => {
    await page.getByLabel('Profile').selectOption('admin');
    const unlock = page.getByRole('dialog', { name: 'Unlock clinic admin' });
    await unlock.getByLabel('Admin PIN or passphrase').fill(seeded.adminPin);
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => core.companion.services.profiles.current().role).toBe('admin');

    await nav('Settings').click();
    const panel = page.getByRole('article', { name: 'Clinic' });
    await panel.getByLabel('Find a time zone').fill('berlin');
    expect(await panel.getByLabel('Clinic time zone').inputValue()).toBe('Europe/Berlin');
    expect(await panel.getByRole('option').allTextContents()).toEqual([
      expect.stringMatching(/^Berlin \(Europe\) · Central European Time · GMT\+0[12]:00$/),
    ]);
    await panel.getByLabel('Find a time zone').fill('eastern new york');
    expect(await panel.getByLabel('Clinic time zone').inputValue()).toBe('America/New_York');
    await panel.getByLabel('Find a time zone').fill('berl');
    expect(await axeLightAndDark()).toEqual({ light: [], dark: [] });
    await panel.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => core.companion.services.settings.get().clinicTimeZone).toBe('Europe/Berlin');
    await expect
      .poll(() => panel.locator('.zone-note').textContent())
      .toBe('Every time is shown on the clinic’s clock: Central European Time (Berlin).');

    await nav('Front desk').click();
    await showDay(page, DAY);
    await expect
      .poll(() => page.locator('.day-zone').first().textContent())
      .toBe('Times on the clinic’s clock: Central European Time (Berlin)');
    const berta = page.getByRole('row', { name: /Berta Berlin/ });
    await expect
      .poll(async () => (await berta.getByRole('cell').first().textContent())?.trim())
      .toBe('10:00');
  });
});
