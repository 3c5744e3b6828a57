// A doctor's "Now" through a visit's life, in Chromium against the real core and the Zoom sandbox:
// the next visit first with its countdown and a large Start, the start link fetched ahead (the
// click costs no Zoom request), then "In progress on Zoom", then "Ended on Zoom"; a now-line.
import AxeBuilder from '@axe-core/playwright';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { caller } from '../../main/core/demo/call';
import type { DemoCore } from '../../main/core/demo/demo-core';
import { approveInBrowser, closeUi, showDay, startUi, type Ui } from './app-page';
import { setUpOnce } from './set-up';

// A clinic where it is daytime now, so "in 15 minutes" is still today whatever the hour here.
const ZONE =
  ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'America/Los_Angeles', 'Australia/Sydney'].find((z) => {
    const h = DateTime.now().setZone(z).hour;
    return h >= 7 && h <= 20;
  }) ?? 'Europe/Berlin';
const PIN = '246813';

let ui: Ui;
let core: DemoCore;
let page: Page;
let appointmentId: string;
let meetingId: string;

setUpOnce(async () => {
  let lee!: { id: string };
  let patient!: { id: string };
  ui = await startUi({
    // The watcher runs when the test says; it may ask about a visit under way at every round.
    core: { policy: { clinicTimeZone: ZONE }, extra: { nowPlan: { statusEveryMs: 0 } } },
    async prepare(c) {
      const call = caller(c.companion.handlers);
      await call('profiles:setAdminSecret', { newSecret: 'clinic-admin-secret' });
      lee = await call('doctors:create', { displayName: 'Dr. Grace Lee', email: 'dr.lee@sandbox.test' });
      await call('profiles:setPin', { doctorId: lee.id, newPin: PIN });
      patient = await call('patients:create', { displayName: 'Ines Brightwater' });
      await call('profiles:lock', {});
    },
  });
  ({ core, page } = ui);
  const call = caller(core.companion.handlers);
  // Dr. Lee unlocks her profile and connects her own Zoom.
  await page.getByLabel('Profile').selectOption(lee.id);
  await page.getByRole('dialog').getByLabel('PIN').fill(PIN);
  await page.getByRole('dialog').getByRole('button', { name: 'Unlock' }).click();
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: 'Zoom connections' })
    .click();
  const before = core.opened.length;
  await page.getByRole('button', { name: 'Connect Dr. Grace Lee Zoom' }).click();
  for (let i = 0; i < 200 && core.opened.length === before; i++) await new Promise((r) => setTimeout(r, 25));
  await approveInBrowser(ui.app.context, core.opened.at(-1)!, 'dr.lee@sandbox.test');
  for (let i = 0; i < 200; i++) {
    if ((await core.companion.services.connections.status(lee.id)).state === 'connected') break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const at = DateTime.now().setZone(ZONE).plus({ minutes: 16 }).startOf('minute');
  const a = await call('appointments:create', {
    doctorId: lee.id,
    patientId: patient.id,
    date: at.toISODate()!,
    time: at.toFormat('HH:mm'),
    durationMin: 20,
    visitType: 'telemed',
  });
  appointmentId = a.id;
  await core.companion.services.engine.drain();
  meetingId = (await core.companion.services.repos.mappings.get(a.id))!.zoomMeetingId!;
  // As after a restart: no start link in memory until the watcher fetches the next one ahead.
  core.companion.services.engine.startUrls.clear();
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: "Doctor's day" })
    .click();
  await showDay(page, at.toISODate()!);
}, 60_000);

afterAll(() => closeUi(ui));

const nowPanel = () => page.getByRole('region', { name: 'Now' });
const tick = async () => {
  await core.companion.services.nowWatcher.tick();
};

async function axeViolations(): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the doctor’s Now, through a visit’s life', () => {
  it('shows the next visit first: countdown, patient, a large Start; and a now-line on the timeline', async () => {
    const next = nowPanel().getByRole('article');
    await expect.poll(() => next.textContent(), { timeout: 10_000 }).toContain('Ines Brightwater');
    expect(await next.textContent()).toMatch(/Next \d{1,2}:\d{2}( [AP]M)? \(in 1[56] min\)/);
    expect(await next.getByRole('button', { name: 'Start visit with Ines Brightwater' }).isVisible()).toBe(
      true,
    );
    expect(await page.locator('.timeline-now').count()).toBe(1);
    expect(await axeViolations()).toEqual([]);
  });

  it('Start opens a link fetched ahead: no Zoom request at the click; the card says it was opened', async () => {
    const sandbox = core.sandbox!;
    const gets = () =>
      sandbox.requests().filter((r) => r.method === 'GET' && r.path.startsWith('/v2/meetings/'));
    const before = gets().length;
    await tick();
    expect(gets().length).toBe(before + 1);
    const atClick = sandbox.requests().length;
    const opened = core.opened.length;
    await nowPanel().getByRole('button', { name: 'Start visit with Ines Brightwater' }).click();
    await expect.poll(() => core.opened.length).toBeGreaterThan(opened);
    expect(sandbox.requests().length).toBe(atClick);
    expect(sandbox.startUrlState(core.opened.at(-1)!)).toBe('valid');
    await expect.poll(() => nowPanel().textContent()).toContain('Opened in Zoom');
  });

  it('follows Zoom: in progress once the doctor’s browser starts it, ended when it is over', async () => {
    await fetch(core.opened.at(-1)!); // the doctor's browser opens the start link: Zoom starts it
    await tick();
    await expect.poll(() => nowPanel().textContent(), { timeout: 10_000 }).toContain('In progress on Zoom');
    expect(await nowPanel().textContent()).toContain('Under way');
    core.sandbox!.setMeetingStatus(meetingId, 'ended');
    await tick();
    await expect
      .poll(() => page.getByRole('row', { name: /Ines Brightwater/ }).textContent(), { timeout: 10_000 })
      .toContain('Ended on Zoom');
    expect(appointmentId).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });
});
