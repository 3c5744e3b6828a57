import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = path.resolve('scripts/electronegativity.mjs');
const temp = mkdtempSync(path.join(tmpdir(), 'eneg-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function scan(files: Record<string, string>, allowlist: unknown[] = []) {
  const dir = mkdtempSync(path.join(temp, 'case-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, 'src', name)), { recursive: true });
    writeFileSync(path.join(dir, 'src', name), text);
  }
  const list = path.join(dir, 'allowlist.json');
  writeFileSync(list, JSON.stringify(allowlist));
  const r = spawnSync(process.execPath, [script, '--input', path.join(dir, 'src'), '--allowlist', list], {
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

// A minimal app the scanner considers safe: locked window, navigation and permission guards, a CSP.
const secureWindow = `import { BrowserWindow, session } from 'electron';
export const w = new BrowserWindow({ webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' } });
w.webContents.on('will-navigate', (e) => e.preventDefault());
w.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
session.defaultSession.setPermissionRequestHandler((_w, _p, cb) => cb(false));
`;
const page = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'" /></head><body></body></html>`;
const secure = { 'main.ts': secureWindow, 'index.html': page };

describe('electronegativity gate', () => {
  it('passes on the real shell, preload and renderer HTML with the checked-in allowlist', () => {
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/FAIL/);
    expect(r.stdout).toMatch(/electronegativity: ok/);
    expect(r.status).toBe(0);
  });

  it('passes a secure window', () => {
    const r = scan(secure);
    expect(r.out).toMatch(/electronegativity: ok/);
    expect(r.status).toBe(0);
  });

  it('fails on a window with nodeIntegration: true, even if someone allowlisted it', () => {
    // The scanner rightly ignores nodeIntegration under sandbox: true, so the fixture drops both.
    const bad = secureWindow.replace('sandbox: true, nodeIntegration: false', 'nodeIntegration: true');
    const r = scan({ ...secure, 'main.ts': bad }, [
      { check: 'NODE_INTEGRATION_JS_CHECK', file: 'main.ts', reason: 'no' },
    ]);
    expect(r.out).toMatch(/FAIL {2}NODE_INTEGRATION_JS_CHECK \w+\/\w+ main\.ts/);
    expect(r.status).toBe(1);
  });

  it('fails on a window without contextIsolation', () => {
    const r = scan({
      ...secure,
      'main.ts': secureWindow.replace('contextIsolation: true', 'contextIsolation: false'),
    });
    expect(r.out).toMatch(/FAIL {2}CONTEXT_ISOLATION_JS_CHECK/);
    expect(r.status).toBe(1);
  });

  it('fails on a tentative finding until the allowlist gives a reason for it', () => {
    const files = {
      ...secure,
      'open.ts':
        "import { shell } from 'electron';\nexport const o = (u: string) => shell.openExternal(u);\n",
    };
    const unlisted = scan(files);
    expect(unlisted.out).toMatch(/OPEN_EXTERNAL_JS_CHECK .* open\.ts:2 is not in allowlist\.json/);
    expect(unlisted.status).toBe(1);
    const emptyReason = scan(files, [{ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'open.ts', reason: ' ' }]);
    expect(emptyReason.status).toBe(1);
    const listed = scan(files, [
      { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'open.ts', reason: 'policy-checked URL' },
    ]);
    expect(listed.out).toMatch(/accepted .*OPEN_EXTERNAL_JS_CHECK/);
    expect(listed.status).toBe(0);
  });
});
