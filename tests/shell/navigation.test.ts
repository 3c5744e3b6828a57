import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  decideWindowOpen,
  mayGrantDevice,
  mayGrantPermission,
  mayNavigate,
} from '../../main/core/security';

describe('navigation', () => {
  it('lets the app page reload itself (also with a new hash)', () => {
    expect(mayNavigate(APP_ENTRY_URL, APP_ENTRY_URL)).toBe(true);
    expect(mayNavigate(`${APP_ENTRY_URL}#/schedule`, APP_ENTRY_URL)).toBe(true);
  });

  it.each([
    'https://zoom.us/j/1',
    'https://evil.example/',
    'app://other/index.html',
    'app://companion/other.html',
    'app://companion/index.html?next=https://evil.example',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'about:blank',
    'garbage',
  ])('denies navigation to %s', (target) => {
    expect(mayNavigate(target, APP_ENTRY_URL)).toBe(false);
  });

  it('denies everything when the window is not on the app page', () => {
    expect(mayNavigate('https://evil.example/', 'https://evil.example/')).toBe(false);
  });
});

describe('window.open', () => {
  it('is always denied, and nothing is handed to the OS instead (any URL, Zoom links included)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.webUrl(),
          fc.string(),
          fc.constantFrom(
            'https://zoom.us/j/1',
            'mailto:a@example.org?subject=x&body=y',
            APP_ENTRY_URL,
            'javascript:1',
          ),
        ),
        (url) => {
          expect(decideWindowOpen(url)).toEqual({ action: 'deny' });
        },
      ),
      { numRuns: 500, seed: 3 },
    );
  });
});

describe('permissions', () => {
  it.each([
    'media',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'geolocation',
    'openExternal',
  ])('denies %s', (p) => {
    expect(mayGrantPermission(p, 'app://companion')).toBe(false);
  });

  it('denies device access', () => {
    expect(mayGrantDevice('usb')).toBe(false);
    expect(mayGrantDevice('hid')).toBe(false);
  });
});
