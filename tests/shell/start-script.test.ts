import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const temp = mkdtempSync(path.join(tmpdir(), 'start-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const start = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['scripts/start.mjs', '--flag'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });

describe('npm start', () => {
  it('explains that the Electron binary is missing, how to get it, and the browser demo', () => {
    // An empty dist folder stands for an install made with ELECTRON_SKIP_BINARY_DOWNLOAD.
    const r = start({ ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(path.join(temp, 'empty-')) });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Electron binary is missing/);
    expect(r.stderr).toMatch(/npx install-electron/);
    expect(r.stderr).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/);
    expect(r.stderr).toMatch(/npm run demo/);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });

  it.skipIf(process.platform === 'win32')('launches the binary on the app folder when it exists', () => {
    const dist = mkdtempSync(path.join(temp, 'dist-'));
    const fake = path.join(dist, 'electron');
    writeFileSync(fake, '#!/bin/sh\necho "fake electron $@"\n');
    chmodSync(fake, 0o755);
    const r = start({ ELECTRON_OVERRIDE_DIST_PATH: dist, COMPANION_START_SKIP_BUILD: '1' });
    expect(r.stdout).toContain(`fake electron ${path.resolve('.')} --flag`);
    expect(r.status).toBe(0);
  });
});
