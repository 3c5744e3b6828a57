import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ZOOM_HOSTS,
  decideExternalUrl,
  mayOpenExternal,
  ZOOM_GOV_HOSTS,
  zoomHostsFor,
  zoomHostsFromSetting,
} from '../../main/core/security';

describe('mayOpenExternal', () => {
  it.each([
    'https://zoom.us/j/123456789?pwd=abc',
    'https://us02web.zoom.us/j/123456789',
    'https://ZOOM.US/s/123?zak=xyz',
    'https://clinic.zoom.us/w/1',
    'mailto:patient@example.org?subject=Your%20visit&body=Hello',
  ])('opens %s with the default Zoom hosts', (url) => {
    expect(mayOpenExternal(url)).toBe(true);
  });

  it.each([
    ['javascript:alert(1)', 'script URL'],
    ['file:///etc/passwd', 'local file'],
    ['http://zoom.us/j/1', 'plain http'],
    ['https://zoom.us.evil.com/j/1', 'suffix lookalike'],
    ['https://evilzoom.us/j/1', 'prefix lookalike'],
    ['https://zoom.usa/j/1', 'longer TLD'],
    ['https://zoom.us@evil.com/j/1', 'userinfo trick'],
    ['https://user:pw@zoom.us/j/1', 'credentials'],
    ['https://evil.com\\@zoom.us/', 'backslash trick'],
    ['https://evil.com#@zoom.us', 'fragment trick'],
    ['https://zoom.us./j/1', 'trailing dot host'],
    ['https://zoom.us:8443/j/1', 'odd port'],
    ['https://xn--zom-bla.us/j/1', 'punycode lookalike'],
    ['https://127.0.0.1/j/1', 'IP address'],
    ['https://zoomgov.com/j/1', 'zoomgov without configuration'],
    ['zoommtg://evil.com/join', 'zoommtg to another host'],
    ['zoommtg://zoom.us/join?action=join&confno=123', 'zoommtg: the app makes none'],
    ['mailto:patient@example.org?subject=Your%20visit', 'mailto: not in the invitation shape'],
    ['data:text/html,<script>1</script>', 'data URL'],
    ['app://companion/index.html', 'our own page'],
    ['com.cliniccompanion.app://oauth/callback', 'our own scheme'],
    ['ms-msdt:/id PCWDiagnostic', 'OS handler'],
    ['smb://host/share', 'network share'],
    ['https://zoo\tm.us/j/1', 'tab stripped by the URL parser'],
    [' https://zoom.us/j/1', 'leading space'],
    ['https://zoom.us/j/1\n', 'trailing newline'],
    ['', 'empty'],
    ['zoom.us/j/1', 'no scheme'],
    [`https://zoom.us/${'a'.repeat(9000)}`, 'too long'],
  ])('refuses %s (%s)', (url) => {
    expect(mayOpenExternal(url)).toBe(false);
  });

  it('refuses values that are not strings', () => {
    for (const v of [undefined, null, 42, {}, ['https://zoom.us']]) expect(mayOpenExternal(v)).toBe(false);
  });

  it('opens zoomgov.com links only when the clinic configures Zoom for Government', () => {
    const hosts = [...DEFAULT_ZOOM_HOSTS, ...ZOOM_GOV_HOSTS];
    expect(mayOpenExternal('https://clinic.zoomgov.com/j/1', hosts)).toBe(true);
    expect(mayOpenExternal('https://zoomgov.com/j/1', hosts)).toBe(true);
    expect(mayOpenExternal('https://zoomgov.com.evil.net/j/1', hosts)).toBe(false);
    expect(mayOpenExternal('https://zoom.us/j/1', ZOOM_GOV_HOSTS)).toBe(false);
  });

  it('hands the normalised URL to the OS, not the raw string', () => {
    expect(decideExternalUrl('https://ZOOM.us/j/1')).toEqual({ allowed: true, url: 'https://zoom.us/j/1' });
  });

  it('reads configured hosts and ignores junk entries such as a bare TLD', () => {
    expect(zoomHostsFromSetting('zoomgov.com, ZOOM.US ,us,,*.evil.com')).toEqual(['zoomgov.com', 'zoom.us']);
    expect(zoomHostsFromSetting(undefined)).toEqual(DEFAULT_ZOOM_HOSTS);
    expect(zoomHostsFromSetting('   ')).toEqual(DEFAULT_ZOOM_HOSTS);
  });
});

describe('sandbox mode', () => {
  it('opens the built-in sandbox only at its exact loopback origin', () => {
    const sandbox = ['http://127.0.0.1:4455'];
    expect(
      decideExternalUrl('http://127.0.0.1:4455/oauth/authorize?x=1', DEFAULT_ZOOM_HOSTS, sandbox).allowed,
    ).toBe(true);
    expect(
      decideExternalUrl('http://127.0.0.1:4456/oauth/authorize', DEFAULT_ZOOM_HOSTS, sandbox).allowed,
    ).toBe(false);
    expect(
      decideExternalUrl('http://localhost:4455/oauth/authorize', DEFAULT_ZOOM_HOSTS, sandbox).allowed,
    ).toBe(false);
    expect(decideExternalUrl('http://127.0.0.1:4455/oauth/authorize').allowed).toBe(false);
  });
});

describe('Zoom hosts from configuration', () => {
  it('adds zoomgov.com when the policy points at Zoom for Government, and nothing for other hosts', () => {
    expect(zoomHostsFor(undefined, ['https://zoomgov.com', 'https://api.zoomgov.com/v2'])).toEqual([
      'zoom.us',
      'zoomgov.com',
    ]);
    expect(zoomHostsFor(undefined, ['https://evil.example', 'https://zoom.us.evil.example'])).toEqual([
      'zoom.us',
    ]);
    expect(zoomHostsFor('zoomgov.com', [undefined])).toEqual(['zoomgov.com']);
  });
});
