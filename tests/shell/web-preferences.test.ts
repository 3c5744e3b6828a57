import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseCsp,
  RENDERER_CSP,
  secureWebPreferences,
  webPreferencesProblems,
} from '../../main/core/security';

describe('secure webPreferences', () => {
  const prefs = secureWebPreferences('/app/dist/preload/index.cjs', { devTools: false });

  it('isolates, sandboxes and keeps Node out of the page', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      preload: '/app/dist/preload/index.cjs',
    });
    expect(webPreferencesProblems({ ...prefs })).toEqual([]);
  });

  it.each([
    ['nodeIntegration', true],
    ['contextIsolation', false],
    ['sandbox', false],
    ['webSecurity', false],
    ['allowRunningInsecureContent', true],
    ['webviewTag', true],
    ['nodeIntegrationInSubFrames', true],
    ['experimentalFeatures', true],
  ])('the validator refuses %s: %s', (key, value) => {
    expect(webPreferencesProblems({ ...prefs, [key]: value })).toEqual([`${key} must be ${String(!value)}`]);
  });

  it('the validator refuses a missing setting (defaults are not trusted)', () => {
    const { sandbox: _omit, ...rest } = prefs;
    expect(webPreferencesProblems(rest)).toContain('sandbox must be true');
  });

  it('the validator refuses enabled Blink features and an ESM preload', () => {
    expect(webPreferencesProblems({ ...prefs, enableBlinkFeatures: 'X' })).toEqual([
      'enableBlinkFeatures must not be set',
    ]);
    expect(webPreferencesProblems({ ...prefs, preload: '/app/dist/preload/index.js' })).toHaveLength(1);
  });
});

describe('renderer/index.html', () => {
  it('declares the same CSP in its meta tag as the app:// header', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(Object.fromEntries(parseCsp(meta ?? ''))).toEqual(Object.fromEntries(parseCsp(RENDERER_CSP)));
  });
});
