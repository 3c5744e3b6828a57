// Which URLs the companion may hand to the operating system (browser, mail client).
import { invitationMailto } from '../meetings/invitation';

export const DEFAULT_ZOOM_HOSTS: readonly string[] = ['zoom.us'];
/** Clinics on Zoom for Government configure these instead of (or besides) zoom.us. */
export const ZOOM_GOV_HOSTS: readonly string[] = ['zoomgov.com'];

// Zoom start URLs carry a long ZAK token; anything far beyond that is not a link we produced.
const MAX_URL_LENGTH = 8192;

export type ExternalUrlDecision = { allowed: true; url: string } | { allowed: false; reason: string };

/** A host matches when it is an allowed domain or one of its subdomains, compared label by label. */
export function isAllowedHost(hostname: string, allowedHosts: readonly string[]): boolean {
  const host = hostname.toLowerCase();
  if (host === '' || host.endsWith('.')) return false;
  return allowedHosts.some((allowed) => {
    const a = allowed.toLowerCase();
    return host === a || host.endsWith(`.${a}`);
  });
}

export function decideExternalUrl(
  raw: unknown,
  allowedZoomHosts: readonly string[] = DEFAULT_ZOOM_HOSTS,
  /** Exact loopback origins also allowed: only the built-in Zoom sandbox, in sandbox mode. */
  sandboxOrigins: readonly string[] = [],
): ExternalUrlDecision {
  if (typeof raw !== 'string' || raw.length === 0) return { allowed: false, reason: 'not a URL' };
  if (raw.length > MAX_URL_LENGTH) return { allowed: false, reason: 'too long' };
  // The URL parser silently drops tabs/newlines and trims spaces; a link we made never has them.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(raw)) return { allowed: false, reason: 'contains whitespace' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { allowed: false, reason: 'not a URL' };
  }
  if (url.username || url.password) return { allowed: false, reason: 'credentials in URL' };
  switch (url.protocol) {
    case 'https:':
      if (url.port !== '') return { allowed: false, reason: 'unexpected port' };
      if (!isAllowedHost(url.hostname, allowedZoomHosts))
        return { allowed: false, reason: 'host not allowed' };
      return { allowed: true, url: url.href };
    case 'mailto:':
      // Only the invitation e-mail the app writes: no extra recipients, cc/bcc or headers.
      return isInvitationMailto(raw)
        ? { allowed: true, url: raw }
        : { allowed: false, reason: 'not an invitation e-mail the app makes' };
    // zoommtg: (and every other scheme) is refused: the app makes no such link; Zoom's https pages
    // hand over to the Zoom client themselves.
    case 'http:':
      if (url.hostname === '127.0.0.1' && sandboxOrigins.includes(url.origin))
        return { allowed: true, url: url.href };
      return { allowed: false, reason: 'scheme http: not allowed' };
    default:
      return { allowed: false, reason: `scheme ${url.protocol} not allowed` };
  }
}

const ONE_ADDRESS = /^[^\s@,;:<>"?&%()\\[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/**
 * The one mailto: shape the app makes (`invitationMailto`): at most one plain recipient, then
 * `subject` and `body`. Accepted only if building the invitation from its decoded parts gives
 * back exactly this string, so no cc, bcc, second recipient or header can ride along.
 */
export function isInvitationMailto(raw: string): boolean {
  const m = /^mailto:([^?]*)\?subject=([^&]*)&body=([^&]*)$/.exec(raw);
  if (!m) return false;
  try {
    const [to, subject, body] = [m[1], m[2], m[3]].map((p) => decodeURIComponent(p ?? '')) as [
      string,
      string,
      string,
    ];
    if (to !== '' && !ONE_ADDRESS.test(to)) return false;
    return invitationMailto(to || null, subject, body.replace(/\r\n/g, '\n')) === raw;
  } catch {
    return false;
  }
}

export function mayOpenExternal(
  url: unknown,
  allowedZoomHosts: readonly string[] = DEFAULT_ZOOM_HOSTS,
): boolean {
  return decideExternalUrl(url, allowedZoomHosts).allowed;
}

/** Reads the clinic's configured Zoom hosts (comma separated), falling back to zoom.us. */
export function zoomHostsFromSetting(value: string | undefined): readonly string[] {
  const hosts = (value ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(h));
  return hosts.length > 0 ? hosts : DEFAULT_ZOOM_HOSTS;
}

const ZOOM_FAMILIES = ['zoom.us', 'zoomgov.com'] as const;

/**
 * The hosts the app may open: the configured list, plus the Zoom family (zoom.us or zoomgov.com)
 * that the configured Zoom base URLs belong to, so a Zoom for Government policy just works.
 */
export function zoomHostsFor(
  setting: string | undefined,
  baseUrls: readonly (string | undefined)[],
): readonly string[] {
  const hosts = new Set(zoomHostsFromSetting(setting));
  for (const raw of baseUrls) {
    if (!raw || !URL.canParse(raw)) continue;
    const host = new URL(raw).hostname.toLowerCase();
    const family = ZOOM_FAMILIES.find((f) => host === f || host.endsWith(`.${f}`));
    if (family) hosts.add(family);
  }
  return [...hosts];
}
