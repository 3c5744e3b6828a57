import { describe, expect, it } from 'vitest';
import {
  allowsInsecureRequests,
  classifyTokenFailure,
  parseCallbackParams,
  parseProtocolCallbackUrl,
  parseZoomOAuthConfig,
  refusalReason,
} from '../../main/core/oauth';

const refused = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return refusalReason(e);
  }
  return 'accepted';
};

describe('insecure request policy', () => {
  it.each([
    ['http://127.0.0.1:4000', true],
    ['http://127.8.9.10', true],
    ['http://[::1]:99', true],
    ['https://zoom.us', false],
    ['http://zoom.us', false],
    ['http://localhost:4000', false],
    ['http://127.0.0.1.evil.test', false],
    ['http://user:pw@127.0.0.1', false],
    ['not a url', false],
  ])('allows plain http for %s: %s', (url, expected) => {
    expect(allowsInsecureRequests(url)).toBe(expected);
  });

  it('accepts https Zoom and a loopback sandbox, refuses plain http elsewhere', () => {
    const ok = parseZoomOAuthConfig({
      oauthBaseUrl: 'https://zoom.us/',
      apiBaseUrl: 'https://api.zoom.us/v2',
      clientId: 'abc',
    });
    expect(ok.oauthBaseUrl).toBe('https://zoom.us');
    expect(() =>
      parseZoomOAuthConfig({
        oauthBaseUrl: 'http://zoom.us',
        apiBaseUrl: 'https://api.zoom.us/v2',
        clientId: 'a',
      }),
    ).toThrow(/not valid/);
  });
});

describe('Zoom token error classification', () => {
  it.each([
    [400, { error: 'invalid_grant', reason: 'Invalid Token!' }, 'invalid-grant'],
    [400, { error: 'invalid_grant', code: 4733 }, 'code-expired'],
    [400, { error: 'invalid_grant', code: 4709 }, 'redirect-mismatch'],
    [400, { code: 4735 }, 'token-owner-gone'],
    [400, { code: 4741 }, 'token-revoked'],
    [401, { error: 'invalid_client' }, 'invalid-client'],
    [400, { error: 'unsupported_grant_type' }, 'unsupported-grant'],
    [429, {}, 'rate-limited'],
    [503, {}, 'server-error'],
    [400, {}, 'malformed-response'],
  ] as const)('HTTP %i %j is %s', (status, body, reason) => {
    expect(classifyTokenFailure(status, body)).toBe(reason);
  });
});

describe('custom scheme callback parsing', () => {
  const base = 'com.cliniccompanion.app://oauth/callback';

  it('accepts code and state', () => {
    expect(parseProtocolCallbackUrl(`${base}?code=abc&state=xyz`)).toEqual({
      type: 'code',
      code: 'abc',
      state: 'xyz',
    });
  });

  it('accepts an access_denied error with its state', () => {
    expect(parseProtocolCallbackUrl(`${base}?error=access_denied&error_description=no&state=s1`)).toEqual({
      type: 'error',
      error: 'access_denied',
      state: 's1',
    });
  });

  it.each([
    ['not a url', 'garbage'],
    ['wrong scheme', 'https://oauth/callback?code=a&state=b'],
    ['similar scheme', 'com.cliniccompanion.apps://oauth/callback?code=a&state=b'],
    ['wrong host', 'com.cliniccompanion.app://evil/callback?code=a&state=b'],
    ['wrong path', 'com.cliniccompanion.app://oauth/callback/x?code=a&state=b'],
    ['user info', 'com.cliniccompanion.app://u:p@oauth/callback?code=a&state=b'],
    ['port', 'com.cliniccompanion.app://oauth:99/callback?code=a&state=b'],
    ['fragment', `${base}?code=a&state=b#frag`],
    ['missing code', `${base}?state=b`],
    ['missing state', `${base}?code=a`],
    ['empty code', `${base}?code=&state=b`],
    ['duplicated code', `${base}?code=a&code=c&state=b`],
    ['duplicated state', `${base}?code=a&state=b&state=c`],
    ['extra parameter', `${base}?code=a&state=b&redirect=https://evil.test`],
    ['both code and error', `${base}?code=a&error=access_denied&state=b`],
    ['control characters', `${base}?code=a%0Ab&state=b`],
    ['oversized', `${base}?code=${'a'.repeat(5000)}&state=b`],
    ['empty', ''],
  ])('refuses %s', (_name, url) => {
    expect(refused(() => parseProtocolCallbackUrl(url))).toBe('malformed');
  });

  it('never throws anything but a malformed refusal, whatever the input', () => {
    for (const s of [
      'com.cliniccompanion.app:',
      'com.cliniccompanion.app://',
      '%',
      '\u0000',
      '?code=a&state=b',
    ]) {
      expect(refused(() => parseProtocolCallbackUrl(s))).toBe('malformed');
    }
  });

  it('shares its rules with loopback query parsing', () => {
    expect(refused(() => parseCallbackParams(new URLSearchParams('code=a&state=b&x=1')))).toBe('malformed');
  });
});
