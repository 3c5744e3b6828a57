// `npm run demo:clinic`, as a user runs it: two desktops of one clinic on a throwaway PostgreSQL,
// each with its own page. The receptionist books a tele-visit in the booking dialog, the doctor's
// room (the only desktop holding Dr. Lee's Zoom sign-in) makes its meeting, and reception copies
// the join link within seconds; the room's page shows the visit without a reload. Also takes the
// README's pair of clinic screenshots (docs/screenshots under `npm run screenshots`).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresUnavailableReason } from '../../scripts/throwaway-postgres';
import { showDay } from './app-page';
import { launchChromium } from './browser';
import { builtRenderer, REPO_ROOT } from './renderer-build';
import { setUpOnce } from './set-up';

const skip = postgresUnavailableReason();
if (skip) console.warn(`npm run demo:clinic end-to-end test skipped: ${skip}`);

const OUT =
  process.env.npm_lifecycle_event === 'screenshots'
    ? resolve(REPO_ROOT, 'docs/screenshots')
    : mkdtempSync(join(tmpdir(), 'companion-screenshots-'));
const PATIENT = 'Mira Castellanos';

let child: ChildProcess | undefined;
let stdout = '';
let stderr = '';
let browser: Browser | undefined;
const desktops = new Map<string, string>();
const pages: Record<'reception' | 'room', { context: BrowserContext; page: Page; problems: string[] }> =
  {} as never;

/** Resolves once both "Demo ready" lines and the PINs after them are out. */
function waitForReady(p: ChildProcess): Promise<void> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`no two "Demo ready:" lines; output so far:\n${stdout}\n${stderr}`)),
      100_000,
    );
    p.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      for (const m of stdout.matchAll(/^Demo ready: (\S+) \((.+)\)$/gm)) desktops.set(m[2]!, m[1]!);
      if (desktops.size >= 2 && /^ {2}Clinic admin: PIN/m.test(stdout)) {
        clearTimeout(timer);
        ok();
      }
    });
    p.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    p.once('exit', (code) => fail(new Error(`demo:clinic exited with ${code}:\n${stdout}\n${stderr}`)));
  });
}

async function open(url: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser!.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    reducedMotion: 'reduce',
    // The demo page puts what the core copied on the browser's clipboard; the test reads it back.
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: 'Clinic Companion' }).waitFor();
  return { context, page, problems };
}

const pin = (name: string) => new RegExp(`^ {2}${name}: PIN (\\d+)`, 'm').exec(stdout)?.[1];
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });

/** Dr. Lee's Zoom sign-in as this desktop holds it. */
function leeSignIn(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const [doctors, connections] = await Promise.all([
      window.companion!.invoke('doctors:list', {}),
      window.companion!.invoke('connections:list', {}),
    ]);
    if (!doctors.ok || !connections.ok) throw new Error('doctors or connections not read');
    const lee = doctors.value.find((d) => d.displayName === 'Dr. Grace Lee');
    return connections.value.find((c) => c.doctorId === lee?.id)?.state;
  });
}

async function axeViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The page at its full height (toasts stay where they are: at the bottom of the window). */
async function shotWhole(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height, 800), 1400) });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: resolve(OUT, `${name}.png`) });
}

async function dismissToasts(page: Page): Promise<void> {
  const dismiss = page.getByRole('button', { name: /^Dismiss: / });
  while ((await dismiss.count()) > 0)
    await dismiss
      .first()
      .click({ timeout: 2_000 })
      .catch(() => {});
}

describe.skipIf(skip)('npm run demo:clinic', () => {
  setUpOnce(async () => {
    // The e2e files' shared renderer build: two files building dist/renderer at once would clash.
    const rendererDir = await builtRenderer();
    // The same command `npm run demo:clinic` runs, minus npm; real Zoom URLs are kept out on purpose.
    const env = {
      ...process.env,
      ZOOM_OAUTH_BASE_URL: '',
      ZOOM_API_BASE_URL: '',
      DEMO_PORT: '',
      DEMO_RENDERER_DIR: rendererDir,
    };
    child = spawn(resolve(REPO_ROOT, 'node_modules/.bin/tsx'), ['scripts/demo-clinic.ts'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    [, browser] = await Promise.all([waitForReady(child), launchChromium()]);
    pages.reception = await open(desktops.get('Reception')!);
    pages.room = await open(desktops.get('Room 1')!);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((ok) => child!.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
    }
  }, 30_000);

  it('prints a "Demo ready:" line for each desktop, on its own port, then the PINs', () => {
    expect(stdout.match(/^Demo ready:/gm)).toHaveLength(2);
    expect([...desktops.keys()]).toEqual(['Reception', 'Room 1']);
    const origins = [...desktops.values()].map((u) => new URL(u).origin);
    for (const url of desktops.values()) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{20,}\/$/);
    expect(new Set(origins).size).toBe(2);
    expect(pin('Clinic admin')).toMatch(/^\d{6,}$/);
    expect(stdout).toMatch(/^ {2}Dr\. Grace Lee: PIN \d{6,} \(Zoom sandbox user dr\.lee@sandbox\.test\)$/m);
    // The PINs come after both ready lines, as `npm run demo` prints them after its one.
    expect(stdout.indexOf('Clinic admin')).toBeGreaterThan(stdout.lastIndexOf('Demo ready:'));
  });

  it('each page is its own desktop of one clinic on the shared server, and one Zoom server', async () => {
    const status = async (page: Page) => {
      const r = await page.evaluate(() => window.companion!.invoke('app:getStatus', {}));
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const [reception, room] = [await status(pages.reception.page), await status(pages.room.page)];
    expect(reception.database).toMatchObject({ shared: true, desktop: 'Reception', connected: true });
    expect(room.database).toMatchObject({ shared: true, desktop: 'Room 1', connected: true });
    expect(reception.database.server).toMatch(/^postgres:\/\/companion@127\.0\.0\.1:\d+\/clinic$/);
    expect(room.database.server).toBe(reception.database.server);
    expect(room.zoomServer).toBe(reception.zoomServer);
    expect(reception.zoomServer).toMatch(/127\.0\.0\.1:\d+/);
  });

  it('reception books a tele-visit; the room makes the meeting; reception copies its join link within seconds, and the room shows the visit without a reload', {
    timeout: 90_000,
  }, async () => {
    const { reception, room } = { reception: pages.reception.page, room: pages.room.page };
    // In Room 1, Dr. Lee unlocks her profile with the PIN the demo printed: her day.
    await room.getByLabel('Profile').selectOption({ label: 'Dr. Grace Lee' });
    await room.getByRole('dialog').getByLabel('PIN').fill(pin('Dr. Grace Lee')!);
    await room.getByRole('dialog').getByRole('button', { name: 'Unlock' }).click();
    await room.getByRole('heading', { name: "Dr. Grace Lee's day" }).waitFor();
    // Reload would lose this: the room must learn of the visit by push.
    await room.evaluate(() => Object.assign(window, { __sameDocument: true }));

    // At reception: the front desk, and the booking dialog as a receptionist fills it.
    await nav(reception, 'Front desk').click();
    await reception.locator('tr.desk-row').first().waitFor();
    await reception.getByRole('button', { name: 'New appointment' }).click();
    const dialog = reception.getByRole('dialog', { name: 'New appointment' });
    await dialog.getByLabel('Doctor').selectOption({ label: 'Dr. Grace Lee' });
    await dialog.getByRole('button', { name: 'New patient…' }).click();
    await dialog.getByLabel('New patient’s name').fill(PATIENT);
    await dialog.getByRole('button', { name: 'Add patient' }).click();
    await expect.poll(() => dialog.getByLabel('Patient', { exact: true }).inputValue()).not.toBe('');
    await expect.poll(() => dialog.getByRole('radio', { name: 'Tele-visit on Zoom' }).isChecked()).toBe(true);
    // The dialog offers Dr. Lee's next free slot; both pages show that day (late in the evening
    // it may be tomorrow).
    await expect.poll(() => dialog.getByLabel('Date').inputValue()).not.toBe('');
    const day = await dialog.getByLabel('Date').inputValue();
    await showDay(room, day);
    await dialog.getByRole('button', { name: 'Book appointment' }).click();
    await dialog.waitFor({ state: 'detached' });
    const bookedAt = Date.now();
    await showDay(reception, day);

    // Reception holds no Zoom sign-in for Dr. Lee: the join link comes from Room 1's meeting.
    const row = reception.getByRole('row', { name: new RegExp(PATIENT) });
    const copy = row.getByRole('button', { name: `Copy join link for ${PATIENT}` });
    await copy.waitFor({ timeout: 10_000 });
    const linkAfterMs = Date.now() - bookedAt;
    expect(linkAfterMs).toBeLessThan(10_000);
    expect(await copy.isEnabled()).toBe(true);
    expect(await row.textContent()).toContain('Meeting ready');
    await copy.click();
    await reception
      .getByRole('status')
      .getByText(/Join link copied/)
      .waitFor();
    await expect
      .poll(() => reception.evaluate(() => navigator.clipboard.readText()))
      .toMatch(/^http:\/\/127\.0\.0\.1:\d+\/j\/\d{9,11}(\?pwd=\S+)?$/m);
    expect(await leeSignIn(reception)).toBe('disconnected');
    expect(await leeSignIn(room)).toBe('connected');

    // Room 1 shows the visit on Dr. Lee's day, its meeting ready to start, without a reload.
    const roomRow = room.getByRole('row', { name: new RegExp(PATIENT) });
    await roomRow.waitFor({ timeout: 5_000 });
    await expect.poll(() => roomRow.textContent(), { timeout: 5_000 }).toContain('Meeting ready');
    expect(await room.evaluate(() => (window as never as { __sameDocument?: boolean }).__sameDocument)).toBe(
      true,
    );
    console.info(`demo:clinic: join link at reception ${linkAfterMs} ms after booking`);

    // The README's pair, each page whole: reception's view of Dr. Lee's day with the new visit's
    // link just copied (its toasts kept), and her day in Room 1.
    await reception.getByLabel('Doctor', { exact: true }).selectOption({ label: 'Dr. Grace Lee' });
    await shotWhole(reception, 'clinic-reception');
    await dismissToasts(room);
    await shotWhole(room, 'clinic-room');
  });

  it('axe finds no violations on either page', async () => {
    expect({
      reception: await axeViolations(pages.reception.page),
      room: await axeViolations(pages.room.page),
    }).toEqual({ reception: [], room: [] });
  });

  it('runs without page errors on either page', () => {
    // Chrome notes that frame-ancestors is header-only; the page's meta CSP carries it for Electron.
    const real = (p: string[]) =>
      p.filter(
        (m) =>
          /Uncaught|TypeError|Content Security Policy/.test(m) && !m.includes("'frame-ancestors' is ignored"),
      );
    expect({ reception: real(pages.reception.problems), room: real(pages.room.problems) }).toEqual({
      reception: [],
      room: [],
    });
  });
});
