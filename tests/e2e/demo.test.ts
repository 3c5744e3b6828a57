// `npm run demo`, as a user runs it: one "Demo ready:" line, the page works, the secret guards it.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { REPO_ROOT } from './renderer-build';

let child: ChildProcess;
let browser: Browser;
let url: string;
let stdout = '';

function waitForReady(p: ChildProcess): Promise<string> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`no "Demo ready:" line; output so far:\n${stdout}`)),
      45_000,
    );
    p.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /^Demo ready: (\S+)$/m.exec(stdout);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
    p.once('exit', (code) => fail(new Error(`demo exited with ${code}:\n${stdout}`)));
  });
}

beforeAll(async () => {
  // The same command `npm run demo` runs, minus npm itself; real Zoom URLs are kept out on purpose.
  const env = { ...process.env, ZOOM_OAUTH_BASE_URL: '', ZOOM_API_BASE_URL: '', DEMO_PORT: '' };
  child = spawn(resolve(REPO_ROOT, 'node_modules/.bin/tsx'), ['scripts/demo.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.resume();
  [url, browser] = await Promise.all([waitForReady(child), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('npm run demo', () => {
  it('prints exactly one "Demo ready:" line with a secret URL on 127.0.0.1, then the admin’s and doctors’ PINs', async () => {
    expect(stdout.match(/Demo ready:/g)).toHaveLength(1);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{20,}\/$/);
    await expect.poll(() => stdout).toMatch(/^ {2}Clinic admin: PIN \d{6,}$/m);
    await expect
      .poll(() => stdout)
      .toMatch(/^ {2}Dr\. Grace Lee: PIN \d{6,} \(Zoom sandbox user dr\.lee@sandbox\.test\)$/m);
  });

  it('serves the renderer with window.companion bridged to the real core', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Clinic Companion' }).waitFor();
    await expect.poll(() => page.locator('footer').textContent()).toMatch(/Clinic Companion \d/);
    const info = await page.evaluate(() => window.companion!.invoke('app:getInfo', {}));
    expect(info.ok).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('loosens the CSP only to connect-src self', async () => {
    const res = await fetch(url);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await res.text()).toContain('<script src="./demo-bridge.js"></script>');
  });

  it('answers nothing without the secret, and refuses requests from another origin', async () => {
    const origin = new URL(url).origin;
    expect((await fetch(`${origin}/`)).status).toBe(404);
    expect((await fetch(`${origin}/wrong-secret/rpc`, { method: 'POST' })).status).toBe(404);
    const call = (headers: Record<string, string>) =>
      fetch(`${url}rpc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ channel: 'app:getInfo', request: {} }),
      }).then((r) => r.json() as Promise<{ ok: boolean; error?: { kind: string } }>);
    expect((await call({ origin: 'http://evil.test' })).error?.kind).toBe('forbidden-sender');
    expect((await call({})).error?.kind).toBe('forbidden-sender');
    expect((await call({ origin })).ok).toBe(true);
  });

  it('does not serve files outside the built renderer', async () => {
    expect((await fetch(`${url}..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${url}assets/..%2F..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it('opens URLs main hands to the shell in a new tab, and follows core events over SSE', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(url);
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Zoom connections' })
      .click();
    // The doctor connects her own Zoom, from her profile unlocked with the PIN the demo printed.
    const pin = /Dr\. Grace Lee: PIN (\d+)/.exec(stdout)![1]!;
    await page.getByLabel('Profile').selectOption({ label: 'Dr. Grace Lee' });
    await page.getByRole('dialog').getByLabel('PIN').fill(pin);
    await page.getByRole('dialog').getByRole('button', { name: 'Unlock' }).click();
    const panel = page.getByRole('article', { name: 'Dr. Grace Lee' });
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      panel.getByRole('button', { name: 'Connect Dr. Grace Lee Zoom' }).click(),
    ]);
    await tab.waitForLoadState();
    const authorize = new URL(tab.url());
    expect(authorize.pathname).toBe('/oauth/authorize');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    // Approve as the consent form does (its CSP blocks the browser's own redirect; see report),
    // then deliver the redirect to the companion's loopback listener.
    const approve = await fetch(new URL('/oauth/authorize/approve', authorize), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        authorize_url: authorize.href,
        user: 'dr.lee@sandbox.test',
        action: 'approve',
      }),
      redirect: 'manual',
    });
    await fetch(approve.headers.get('location')!);
    // No focus event, no reload: only the connections:changed event over SSE can update the panel.
    await expect
      .poll(() => panel.locator('.conn-state').textContent(), { timeout: 10_000 })
      .toBe('Connected');
    await context.close();
  });
});
