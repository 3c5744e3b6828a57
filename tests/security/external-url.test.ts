// What main may hand to the operating system: Zoom's own https links and the invitation e-mail
// the app builds. Everything else is refused: a table of lookalikes, then random hosts and shapes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invitationMailto } from '../../main/core/meetings/invitation';
import {
  decideExternalUrl,
  isInvitationMailto,
  mayOpenExternal,
} from '../../main/core/security/external-url';

describe('openExternal refuses anything that is not Zoom', () => {
  it.each([
    'https://zoom.us/j/123?pwd=x',
    'https://us02web.zoom.us/s/123?zak=abc',
    'mailto:patient@example.org?subject=Visit&body=Hello',
    invitationMailto(
      'pat+x@example.org',
      "Your video visit with Dr. O'Neil",
      'Join:\nhttps://zoom.us/j/1?pwd=a',
    ),
    invitationMailto(null, 'Your video visit', 'Body'),
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
    'zoommtg://zoom.us/join?confno=123',
    'zoommtg://zoom.us/join?action=join&confno=123&pwd=x',
    'mailto:patient@example.org',
    'mailto:patient@example.org?subject=Visit',
    'mailto:a@example.org,b@evil.test?subject=x&body=y',
    'mailto:a@example.org%2Cb@evil.test?subject=x&body=y',
    'mailto:a@example.org?subject=x&body=y&cc=spy@evil.test',
    'mailto:a@example.org?subject=x&bcc=spy@evil.test&body=y',
    'mailto:a@example.org?subject=x%0D%0ABcc:spy@evil.test&body=y',
    'mailto:?to=spy@evil.test&subject=x&body=y',
    'mailto:a@example.org?subject=x y&body=z',
    'mailto:a@example.org?subject=x&body=%zz',
    'mailto:a@example.org?body=y&subject=x',
    "mailto:a@example.org?subject=it's&body=y",
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

  it('refuses random URLs of any scheme other than https and mailto', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ validSchemes: ['http', 'ftp', 'file', 'ws', 'wss', 'smb', 'ssh', 'zoomus', 'zoommtg'] }),
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
        if (d.allowed) expect(d.url).toMatch(/^(https:\/\/([a-z0-9-]+\.)*zoom\.us\/|mailto:)/);
      }),
      { numRuns: 2_000, seed: 8 },
    );
  });
});

describe('mailto: is opened only in the exact shape the app makes', () => {
  const address = fc
    .emailAddress()
    .filter((a) => /^[^\s@,;:<>"?&%()\\[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(a));

  it('every invitation e-mail the app builds is accepted, unchanged', () => {
    fc.assert(
      fc.property(fc.option(address), fc.string(), fc.string(), (to, subject, body) => {
        const url = invitationMailto(to, subject, body);
        expect(decideExternalUrl(url)).toEqual({ allowed: true, url });
      }),
      { numRuns: 1_000, seed: 13 },
    );
  });

  it('whatever is accepted is exactly what invitationMailto makes of its own parts', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        'mailto:',
        '?',
        '&',
        '=',
        'subject',
        'body',
        'cc',
        'bcc',
        'to',
        '%0D%0A',
        '%2C',
        ',',
        '@',
        '%',
        "'",
        ' ',
      ),
      fc.string({ maxLength: 6 }),
      address,
    );
    const made = fc
      .tuple(fc.option(address), fc.string(), fc.string())
      .map(([to, s, b]) => invitationMailto(to, s, b));
    // Valid invitations with random pieces spliced in, and random strings that start with mailto:.
    const candidate = fc.oneof(
      fc
        .tuple(made, fc.nat(), piece)
        .map(([u, at, p]) => u.slice(0, at % (u.length + 1)) + p + u.slice(at % (u.length + 1))),
      fc.array(piece, { maxLength: 12 }).map((ps) => `mailto:${ps.join('')}`),
    );
    fc.assert(
      fc.property(candidate, (url) => {
        if (!isInvitationMailto(url)) return;
        const m = /^mailto:([^?]*)\?subject=([^&]*)&body=([^&]*)$/.exec(url)!;
        const to = decodeURIComponent(m[1]!) || null;
        const body = decodeURIComponent(m[3]!).replace(/\r\n/g, '\n');
        expect(invitationMailto(to, decodeURIComponent(m[2]!), body)).toBe(url);
      }),
      { numRuns: 3_000, seed: 13 },
    );
  });
});
