// The OAuth bridge page in real Chromium, served over HTTP from the repo's bridge/ folder.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_REDIRECT_URI, parseProtocolCallbackUrl } from '../../main/core/oauth/protocol-callback';
import { launchChromium } from '../e2e/browser';

const BRIDGE = path.resolve('bridge');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/bridge\//, '') || 'index.html';
    const ext = path.extname(name);
    if (!/^[a-z]+\.(html|js|css)$/.test(name) || !TYPES[ext]) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[ext] }).end(readFileSync(path.join(BRIDGE, name)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

interface Visit {
  page: Page;
  navigations: string[];
  requests: string[];
  consoleErrors: string[];
}

/** Opens the bridge and records every navigation the page asks for (CDP sees custom schemes too). */
async function openBridge(query: string): Promise<Visit> {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.enable');
  const navigations: string[] = [];
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  cdp.on('Page.frameRequestedNavigation', (e) => navigations.push(e.url));
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  // Not 'load': the page hands off to the app scheme while loading, which an app-less browser never finishes.
  await page.goto(`${origin}/bridge/${query}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#fallback:not([hidden]), #problem:not([hidden])', { state: 'attached' });
  await page.waitForTimeout(200);
  return { page, navigations, requests, consoleErrors };
}

const appNavigations = (v: Visit) => v.navigations.filter((u) => u.startsWith('com.cliniccompanion.app:'));

describe('OAuth bridge page', () => {
  it('forwards exactly code and state to the app scheme, dropping anything else', async () => {
    const v = await openBridge('?code=abc&state=xyz&evil=1');
    expect(appNavigations(v)).toEqual([`${PROTOCOL_REDIRECT_URI}?code=abc&state=xyz`]);
    const forwarded = new URL(appNavigations(v)[0]!);
    expect([...forwarded.searchParams.keys()]).toEqual(['code', 'state']);
    // The app's own parser accepts what the bridge sends.
    expect(parseProtocolCallbackUrl(appNavigations(v)[0]!)).toEqual({
      type: 'code',
      code: 'abc',
      state: 'xyz',
    });
    expect(await v.page.isVisible('#fallback')).toBe(true);
    expect(await v.page.getAttribute('a#open-app', 'href')).toBe(
      `${PROTOCOL_REDIRECT_URI}?code=abc&state=xyz`,
    );
    // The code leaves the address bar; the only request beyond the bridge's own files is the hand-off.
    expect(new URL(v.page.url()).search).toBe('');
    expect(v.requests.filter((u) => !u.startsWith(`${origin}/bridge/`))).toEqual([
      `${PROTOCOL_REDIRECT_URI}?code=abc&state=xyz`,
    ]);
    expect(v.consoleErrors.filter((e) => /Content Security Policy/.test(e))).toEqual([]);
    await v.page.close();
  });

  it('encodes a code with reserved characters so the app reads back the same value', async () => {
    const code = 'a+b/c=d~e.f';
    const v = await openBridge(`?state=s1&code=${encodeURIComponent(code)}`);
    expect(parseProtocolCallbackUrl(appNavigations(v)[0]!)).toEqual({ type: 'code', code, state: 's1' });
    await v.page.close();
  });

  it('forwards a denied consent as error, description and state', async () => {
    const v = await openBridge('?error=access_denied&error_description=The+user+denied&state=xyz&extra=1');
    expect(appNavigations(v)).toEqual([
      `${PROTOCOL_REDIRECT_URI}?error=access_denied&error_description=The+user+denied&state=xyz`,
    ]);
    expect(parseProtocolCallbackUrl(appNavigations(v)[0]!)).toEqual({
      type: 'error',
      error: 'access_denied',
      state: 'xyz',
    });
    await v.page.close();
  });

  it.each([
    ['no query', ''],
    ['no state', '?code=abc'],
    ['no code', '?state=xyz'],
    ['a duplicated code', '?code=a&code=b&state=xyz'],
    ['a space in the code', '?code=a%20b&state=xyz'],
    ['a control character in the state', '?code=abc&state=x%0Ay'],
    ['an overlong code', `?code=${'a'.repeat(2049)}&state=xyz`],
    ['both code and error', '?code=abc&error=access_denied&state=xyz'],
  ])('shows an error and does not navigate for %s', async (_label, query) => {
    const v = await openBridge(query);
    expect(appNavigations(v)).toEqual([]);
    expect(await v.page.isVisible('#problem')).toBe(true);
    expect(await v.page.textContent('#problem')).toMatch(/Connect Zoom/);
    expect(await v.page.isVisible('#fallback')).toBe(false);
    await v.page.close();
  });

  it('carries a strict CSP, no inline script and no external resource; the scheme matches the app', () => {
    const html = readFileSync(path.join(BRIDGE, 'index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'",
    );
    expect(html).toMatch(/<meta name="referrer" content="no-referrer" \/>/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\b(?:src|href)="(?:https?:)?\/\//);
    expect(html).not.toMatch(/\son[a-z]+=/);
    expect(readFileSync(path.join(BRIDGE, 'bridge.js'), 'utf8')).toContain(`'${PROTOCOL_REDIRECT_URI}'`);
  });
});
