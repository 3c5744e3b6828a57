// What main may hand to the operating system: Zoom's own https links, the Zoom client's scheme
// with Zoom's host, and mailto. Everything else is refused: a table of lookalikes, then random hosts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideExternalUrl, mayOpenExternal } from '../../main/core/security/external-url';

describe('openExternal refuses anything that is not Zoom', () => {
  it.each([
    'https://zoom.us/j/123?pwd=x',
    'https://us02web.zoom.us/s/123?zak=abc',
    'zoommtg://zoom.us/join?confno=123',
    'mailto:patient@example.org?subject=Visit',
  ])('allows %s', (url) => {
    expect(mayOpenExternal(url)).toBe(true);
  });

  it.each([
    'http://zoom.us/j/1',
    'https://zoom.us.evil.test/j/1',
    'https://evilzoom.us/j/1',
    'https://zoom.us:8443/j/1',
    'https://zoom.us@evil.test/j/1',
    'https://user:pw@zoom.us/j/1',
    'https://zoom.us./j/1',
    'https://xn--zom-7ka.us/j/1',
    'https://zoom.us\t.evil.test/',
    ' https://zoom.us/j/1',
    'https://zoom.us/j/1\n',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'smb://evil.test/share',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'zoommtg://evil.test/join',
    'app://companion/index.html',
    'chrome://settings',
    'https://127.0.0.1/',
    'https://[::1]/',
    '//zoom.us/j/1',
    `https://zoom.us/${'a'.repeat(9000)}`,
    '',
  ])('refuses %s', (url) => {
    const d = decideExternalUrl(url);
    expect(d.allowed).toBe(false);
    if (!d.allowed) expect(d.reason.length).toBeGreaterThan(0);
  });

  it('refuses non-strings', () => {
    for (const v of [undefined, null, 42, {}, ['https://zoom.us/'], new URL('https://zoom.us/')])
      expect(mayOpenExternal(v)).toBe(false);
  });

  it('refuses https to any random host that is not zoom.us or below it', () => {
    fc.assert(
      fc.property(fc.domain(), fc.webPath(), (host, path) => {
        fc.pre(host !== 'zoom.us' && !host.endsWith('.zoom.us'));
        expect(mayOpenExternal(`https://${host}${path}`)).toBe(false);
      }),
      { numRuns: 2_000, seed: 8 },
    );
  });

  it('refuses random URLs of any scheme other than https, zoommtg and mailto', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ validSchemes: ['http', 'ftp', 'file', 'ws', 'wss', 'smb', 'ssh', 'zoomus'] }),
        (url) => {
          expect(mayOpenExternal(url)).toBe(false);
        },
      ),
      { numRuns: 1_000, seed: 8 },
    );
  });

  it('a random string is refused unless it parses as a Zoom or mail link', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const d = decideExternalUrl(s);
        if (d.allowed) expect(d.url).toMatch(/^(https:\/\/([a-z0-9-]+\.)*zoom\.us\/|zoommtg:|mailto:)/);
      }),
      { numRuns: 2_000, seed: 8 },
    );
  });
});
