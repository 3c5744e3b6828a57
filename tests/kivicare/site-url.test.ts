import { describe, expect, it } from 'vitest';
import { isAppError } from '../../main/core/errors';
import { isLanHost, validateSiteUrl } from '../../main/core/sources/site-url';

const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return `${e.kind}:${e.details.reason}`;
    throw e;
  }
  return 'accepted';
};

describe('KiviCare site address', () => {
  it('accepts https and normalizes away a trailing slash, keeping a sub-folder install', () => {
    expect(validateSiteUrl('https://clinic.example/')).toBe('https://clinic.example');
    expect(validateSiteUrl('  https://clinic.example/wp//  ')).toBe('https://clinic.example/wp');
  });

  it('refuses http unless policy allows it, and then only for a host on the clinic network', () => {
    expect(reasonOf(() => validateSiteUrl('http://192.168.1.20'))).toBe('invalid-request:http');
    const allow = { allowHttpKivicare: true };
    for (const host of [
      '192.168.1.20',
      '10.0.0.5',
      '172.20.1.1',
      '127.0.0.1',
      'localhost',
      'clinic-server',
      'wp.clinic.lan',
      'kc.local',
      '[fd00::5]',
      '[::1]',
    ]) {
      expect(validateSiteUrl(`http://${host}/`, allow)).toBe(`http://${host}`);
    }
    for (const host of ['clinic.example', '8.8.8.8', '172.32.0.1', '[2001:db8::1]']) {
      expect(reasonOf(() => validateSiteUrl(`http://${host}`, allow))).toBe(
        'invalid-request:http-public-host',
      );
    }
  });

  it('refuses other schemes, embedded credentials, queries and non-URLs', () => {
    expect(reasonOf(() => validateSiteUrl('ftp://clinic.example'))).toBe('invalid-request:scheme');
    expect(reasonOf(() => validateSiteUrl('https://admin:pw@clinic.example'))).toBe(
      'invalid-request:credentials-in-url',
    );
    expect(reasonOf(() => validateSiteUrl('https://clinic.example/?rest_route=/'))).toBe(
      'invalid-request:query-in-url',
    );
    expect(reasonOf(() => validateSiteUrl('clinic dot example'))).toBe('invalid-request:not-a-url');
    expect(reasonOf(() => validateSiteUrl(''))).toBe('invalid-request:empty');
  });

  it('a site locked by policy is the only one accepted, and an empty entry means that site', () => {
    const policy = { kivicareSite: 'https://kc.clinic.example/' };
    expect(validateSiteUrl('', policy)).toBe('https://kc.clinic.example');
    expect(validateSiteUrl('https://KC.clinic.example', policy)).toBe('https://kc.clinic.example');
    expect(reasonOf(() => validateSiteUrl('https://other.example', policy))).toBe('locked:policy-locked');
  });

  it('a locked http site still needs allowHttpKivicare and a LAN host', () => {
    expect(reasonOf(() => validateSiteUrl('', { kivicareSite: 'http://10.1.1.1' }))).toBe(
      'invalid-request:http',
    );
    expect(validateSiteUrl('', { kivicareSite: 'http://10.1.1.1', allowHttpKivicare: true })).toBe(
      'http://10.1.1.1',
    );
  });

  it('knows LAN hosts from public ones', () => {
    expect(isLanHost('169.254.3.4')).toBe(true);
    expect(isLanHost('::ffff:192.168.0.1')).toBe(true);
    expect(isLanHost('fe80::1')).toBe(true);
    expect(isLanHost('router.home.arpa')).toBe(true);
    expect(isLanHost('11.0.0.1')).toBe(false);
    expect(isLanHost('kivicare.example.com')).toBe(false);
  });
});
