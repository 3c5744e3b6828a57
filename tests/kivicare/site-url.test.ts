import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../main/core/errors';
import { isLanHost, nonPublicAddress, validateSiteUrl } from '../../main/core/sources/site-url';

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
    const allow = { allowHttpKivicare: true, allowPrivateKivicare: true };
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
    expect(
      validateSiteUrl('', {
        kivicareSite: 'http://10.1.1.1',
        allowHttpKivicare: true,
        allowPrivateKivicare: true,
      }),
    ).toBe('http://10.1.1.1');
  });

  it('knows LAN hosts from public ones', () => {
    expect(isLanHost('169.254.3.4')).toBe(true);
    expect(isLanHost('::ffff:192.168.0.1')).toBe(true);
    expect(isLanHost('fe80::1')).toBe(true);
    expect(isLanHost('router.home.arpa')).toBe(true);
    expect(isLanHost('11.0.0.1')).toBe(false);
    expect(isLanHost('kivicare.example.com')).toBe(false);
  });

  it.each([
    ['https://127.0.0.1', 'loopback'],
    ['https://127.1.2.3:8443/wp', 'loopback'],
    ['https://2130706433/', 'loopback'],
    ['https://0x7f.1/', 'loopback'],
    ['https://localhost', 'loopback'],
    ['https://kc.localhost', 'loopback'],
    ['https://[::1]', 'loopback'],
    ['https://[::ffff:127.0.0.1]', 'loopback'],
    ['https://169.254.169.254', 'link-local'],
    ['https://[fe80::1]', 'link-local'],
    ['https://10.0.0.5', 'private'],
    ['https://172.16.0.1', 'private'],
    ['https://172.31.255.254', 'private'],
    ['https://192.168.1.20', 'private'],
    ['https://100.64.0.1', 'private'],
    ['https://[fd00::5]', 'private'],
    ['https://[::ffff:c0a8:114]', 'private'],
    ['https://0.0.0.0', 'unspecified'],
    ['https://[::]', 'unspecified'],
  ])('refuses %s (%s) unless the policy allows private KiviCare sites', (url, kind) => {
    expect(reasonOf(() => validateSiteUrl(url))).toBe(`invalid-request:${kind}-address`);
    expect(reasonOf(() => validateSiteUrl(url, { allowHttpKivicare: true }))).toBe(
      `invalid-request:${kind}-address`,
    );
    expect(reasonOf(() => validateSiteUrl(url, { allowPrivateKivicare: true }))).toBe('accepted');
  });

  it('says what the address is and which policy key allows it', () => {
    expect(() => validateSiteUrl('https://192.168.1.20')).toThrow(
      '192.168.1.20 is a private network address. If the clinic\'s KiviCare site really is there, IT can allow it with "allowPrivateKivicare" in the policy.',
    );
  });

  it('http to a private address needs both keys', () => {
    expect(reasonOf(() => validateSiteUrl('http://127.0.0.1:8080', { allowHttpKivicare: true }))).toBe(
      'invalid-request:loopback-address',
    );
    expect(
      validateSiteUrl('http://127.0.0.1:8080', { allowHttpKivicare: true, allowPrivateKivicare: true }),
    ).toBe('http://127.0.0.1:8080');
  });

  it('public addresses are accepted, whatever their shape', () => {
    for (const host of [
      '8.8.8.8',
      '172.32.0.1',
      '100.128.0.1',
      '11.0.0.1',
      '[2001:db8::1]',
      '[2a00:1450::1]',
    ])
      expect(validateSiteUrl(`https://${host}`)).toBe(`https://${host}`);
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const [a = 0, b = 0] = ip.split('.').map(Number);
        const nonPublic =
          a === 0 ||
          a === 10 ||
          a === 127 ||
          (a === 169 && b === 254) ||
          (a === 172 && b >= 16 && b <= 31) ||
          (a === 192 && b === 168) ||
          (a === 100 && b >= 64 && b <= 127);
        expect(nonPublicAddress(ip) !== null).toBe(nonPublic);
        expect(nonPublicAddress(new URL(`https://[::ffff:${ip}]`).hostname) !== null).toBe(nonPublic);
        expect(nonPublicAddress(`::ffff:${ip}`) !== null).toBe(nonPublic);
      }),
      { numRuns: 2_000, seed: 21 },
    );
  });
});
