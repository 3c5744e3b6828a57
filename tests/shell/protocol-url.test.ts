import { describe, expect, it } from 'vitest';
import {
  APP_URL_SCHEME,
  isAppSchemeUrl,
  pickSecondInstanceWindow,
  protocolUrlFromArgv,
} from '../../main/core/security';

const callback = `${APP_URL_SCHEME}://oauth/callback?code=abc&state=xyz`;

describe('custom-scheme URL from argv', () => {
  it('uses the reverse-DNS scheme of the app id', () => {
    expect(APP_URL_SCHEME).toBe('com.cliniccompanion.app');
  });

  it('finds the URL among Chromium flags on Windows and Linux', () => {
    const argv = [
      'C:\\Program Files\\Clinic Companion\\Clinic Companion.exe',
      '--allow-file-access',
      callback,
    ];
    expect(protocolUrlFromArgv(argv)).toBe(callback);
    expect(protocolUrlFromArgv(['/opt/companion/companion', '--no-sandbox', '--', callback])).toBe(callback);
  });

  it('accepts the scheme in any case, returning the normalised URL', () => {
    expect(protocolUrlFromArgv([callback.replace(APP_URL_SCHEME, 'COM.ClinicCompanion.App')])).toBe(callback);
  });

  it.each([
    [['/usr/bin/companion']],
    [['companion', `--url=${callback}`]],
    [['companion', `x${callback}`]],
    [['companion', 'com.cliniccompanion.apps://oauth/callback']],
    [['companion', 'https://zoom.us/oauth/callback?code=1']],
    [['companion', `${APP_URL_SCHEME}-evil://x`]],
    [['companion', `${callback}${'a'.repeat(5000)}`]],
  ])('finds nothing in %j', (argv) => {
    expect(protocolUrlFromArgv(argv)).toBeNull();
  });

  it('recognises open-url URLs of the scheme only', () => {
    expect(isAppSchemeUrl(callback)).toBe(true);
    expect(isAppSchemeUrl('https://example.org')).toBe(false);
  });
});

describe('second instance', () => {
  it('focuses the primary window even when another is focused', () => {
    expect(
      pickSecondInstanceWindow([
        { id: 1, destroyed: false, primary: false, focused: true },
        { id: 2, destroyed: false, primary: true, focused: false },
      ]),
    ).toEqual({ action: 'focus', windowId: 2 });
  });

  it('falls back to the focused window, then any live one', () => {
    expect(
      pickSecondInstanceWindow([
        { id: 1, destroyed: true, primary: true, focused: false },
        { id: 2, destroyed: false, primary: false, focused: false },
        { id: 3, destroyed: false, primary: false, focused: true },
      ]),
    ).toEqual({ action: 'focus', windowId: 3 });
    expect(pickSecondInstanceWindow([{ id: 4, destroyed: false, primary: false, focused: false }])).toEqual({
      action: 'focus',
      windowId: 4,
    });
  });

  it('asks for a new window when none is alive', () => {
    expect(pickSecondInstanceWindow([])).toEqual({ action: 'create' });
    expect(pickSecondInstanceWindow([{ id: 1, destroyed: true, primary: true, focused: true }])).toEqual({
      action: 'create',
    });
  });
});
