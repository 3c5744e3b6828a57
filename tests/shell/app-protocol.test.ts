import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, parseCsp, RENDERER_CSP, resolveAppRequest } from '../../main/core/security';

const root = path.resolve('/opt/companion/dist/renderer');

describe('app:// protocol resolution', () => {
  it('serves the entry page with the CSP header', () => {
    const r = resolveAppRequest(APP_ENTRY_URL, root);
    expect(r).toMatchObject({ ok: true, filePath: path.join(root, 'index.html') });
    if (!r.ok) throw new Error('expected ok');
    expect(r.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(r.headers['Content-Security-Policy']).toBe(RENDERER_CSP);
    expect(r.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('maps the bare origin to index.html and ignores query and hash', () => {
    expect(resolveAppRequest('app://companion/', root)).toMatchObject({
      filePath: path.join(root, 'index.html'),
    });
    expect(resolveAppRequest('app://companion/index.html?x=1#top', root)).toMatchObject({ ok: true });
  });

  it('serves built assets with their content types', () => {
    const js = resolveAppRequest('app://companion/assets/index-abc123.js', root);
    expect(js).toMatchObject({ ok: true, filePath: path.join(root, 'assets', 'index-abc123.js') });
    if (!js.ok) throw new Error('expected ok');
    expect(js.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    const css = resolveAppRequest('app://companion/assets/a%20b.css', root);
    expect(css).toMatchObject({ ok: true, filePath: path.join(root, 'assets', 'a b.css') });
  });

  it.each([
    ['app://companion/assets/..%2f..%2fsecret.js', 'encoded slash traversal'],
    ['app://companion/..%5c..%5csecret.js', 'encoded backslash'],
    ['app://companion/a%00.html', 'NUL byte'],
    ['app://companion/%E0%A4%A', 'broken percent encoding'],
    ['app://other/index.html', 'another host'],
    ['app://user@companion/index.html', 'userinfo'],
    ['app://companion:8080/index.html', 'port'],
    ['file:///opt/companion/dist/renderer/index.html', 'another scheme'],
    ['https://companion/index.html', 'https'],
    ['not a url', 'garbage'],
    ['app://companion/main.ts', 'unknown file type'],
    ['app://companion/index.html.map', 'source map'],
  ])('refuses %s (%s)', (url) => {
    const r = resolveAppRequest(url, root);
    expect(r.ok).toBe(false);
    if (r.ok) throw new Error(`resolved to ${r.filePath}`);
    expect('filePath' in r).toBe(false);
  });

  it('clamps dot segments the URL parser resolves to the renderer folder, as a browser does', () => {
    expect(resolveAppRequest('app://companion/../../../etc/passwd.txt', root)).toMatchObject({
      filePath: path.join(root, 'etc', 'passwd.txt'),
    });
    expect(resolveAppRequest('app://companion/%2e%2e/%2e%2e/secret.txt', root)).toMatchObject({
      filePath: path.join(root, 'secret.txt'),
    });
  });

  it('never resolves outside the renderer folder, whatever the path', () => {
    for (const p of ['..', '%2e%2e', '.%2e', '%2E%2E', 'assets/../../x.js', '/..//..//x.js']) {
      const r = resolveAppRequest(`app://companion/${p}/x.js`, root);
      if (r.ok) expect(r.filePath.startsWith(root + path.sep)).toBe(true);
    }
  });
});

describe('renderer CSP', () => {
  const csp = parseCsp(RENDERER_CSP);

  it('allows no inline script, no eval and no remote origin', () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('lets the page connect nowhere, frame nowhere and post forms nowhere', () => {
    expect(csp.get('connect-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
  });

  it('parseCsp notices a loosened policy (the check above has teeth)', () => {
    const loose = parseCsp(
      "default-src 'none'; script-src 'self' 'unsafe-inline'; connect-src https://api.zoom.us",
    );
    expect(loose.get('script-src')).not.toEqual(["'self'"]);
    expect(loose.get('connect-src')).not.toEqual(["'none'"]);
  });
});
