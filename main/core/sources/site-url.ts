// Where the companion may talk to a KiviCare site: https, or http to a LAN host if IT allows it.
// A loopback, link-local or private address is refused unless IT allows that too: otherwise a
// typed-in "site" could point the companion's sign-in at a service on this desktop or the LAN.
import { isIP } from 'node:net';
import { AppError } from '../errors';

export interface SiteUrlPolicy {
  kivicareSite?: string;
  allowHttpKivicare?: boolean;
  allowPrivateKivicare?: boolean;
}

const LAN_SUFFIXES = ['.local', '.lan', '.home.arpa', '.internal', '.localdomain'];

function isPrivateIPv4(host: string): boolean {
  const [a = -1, b = -1] = host.split('.').map(Number);
  return (
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
  );
}

function isPrivateIPv6(host: string): boolean {
  const h = host.toLowerCase();
  if (h === '::1') return true;
  const mapped = h.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped?.[1]) return isPrivateIPv4(mapped[1]);
  // fc00::/7 unique-local, fe80::/10 link-local.
  return /^f[cd][0-9a-f]{2}:/.test(h) || /^fe[89ab][0-9a-f]:/.test(h);
}

/** The 8 groups of an IPv6 address as the URL parser writes it (compressed, no brackets). */
function ipv6Groups(host: string): number[] | null {
  const [head = '', tail] = host.split('::');
  // A dotted IPv4 tail (::ffff:1.2.3.4, as typed; the URL parser writes it in hex) is two groups.
  const part = (s: string) =>
    s
      ? s.split(':').flatMap((g) => {
          if (!g.includes('.')) return [/^[0-9a-f]{1,4}$/.test(g) ? Number.parseInt(g, 16) : Number.NaN];
          const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        })
      : [];
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : null;
}

type AddressClass = 'loopback' | 'link-local' | 'private' | 'unspecified';

function classifyIPv4(host: string): AddressClass | null {
  const [a = -1, b = -1] = host.split('.').map(Number);
  if (a === 127) return 'loopback';
  if (a === 0) return 'unspecified';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private'; // carrier-grade NAT, 100.64.0.0/10
  return null;
}

/**
 * Whether a URL's hostname is an address (not a name) that is not on the public internet, and
 * which kind. Names other than localhost are not resolved here.
 */
export function nonPublicAddress(hostname: string): AddressClass | null {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  const ip = isIP(host);
  if (ip === 4) return classifyIPv4(host);
  if (ip !== 6) return null;
  const g = ipv6Groups(host);
  if (!g) return 'unspecified';
  const zeros5 = g.slice(0, 5).every((x) => x === 0);
  // IPv4-mapped (::ffff:a.b.c.d) and the old IPv4-compatible form carry an IPv4 address.
  if (zeros5 && (g[5] === 0xffff || (g[5] === 0 && (g[6] ?? 0) !== 0))) {
    const v4 = `${(g[6] ?? 0) >> 8}.${(g[6] ?? 0) & 255}.${(g[7] ?? 0) >> 8}.${(g[7] ?? 0) & 255}`;
    return classifyIPv4(v4);
  }
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  const first = g[0] ?? 0;
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xfe00) === 0xfc00) return 'private';
  return null;
}

/** A host that only resolves inside the clinic's network: private address, localhost, or a LAN name. */
export function isLanHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const ip = isIP(host);
  if (ip === 4) return isPrivateIPv4(host);
  if (ip === 6) return isPrivateIPv6(host);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  // A single-label name (e.g. "clinic-server") is an intranet name; public names have a dot.
  if (!host.includes('.')) return true;
  return LAN_SUFFIXES.some((s) => host.endsWith(s));
}

const refuse = (message: string, reason: string) => new AppError('invalid-request', message, { reason });

/**
 * The site's base URL (no trailing slash) if the companion may use it. IT's policy may lock the
 * site; then only that site is accepted, and an empty entry means "the locked one".
 */
export function validateSiteUrl(input: string, policy: SiteUrlPolicy = {}): string {
  const locked = policy.kivicareSite;
  const raw = (input.trim() || locked || '').trim();
  if (!raw) throw refuse('Enter the address of the clinic’s KiviCare site.', 'empty');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('That is not a web address. Enter it like https://clinic.example.', 'not-a-url');
  }
  if (url.username || url.password) {
    throw refuse('Enter the site address without a user name or password in it.', 'credentials-in-url');
  }
  if (url.search || url.hash)
    throw refuse('Enter the site address without "?" or "#" parts.', 'query-in-url');
  if (url.protocol === 'http:') {
    if (!policy.allowHttpKivicare) {
      throw refuse('The KiviCare site must use https:// so sign-ins and patient data are encrypted.', 'http');
    }
    if (!isLanHost(url.hostname)) {
      throw refuse(
        'http:// is only allowed for a KiviCare site on the clinic’s own network. Use https:// for this site.',
        'http-public-host',
      );
    }
  } else if (url.protocol !== 'https:') {
    throw refuse('The KiviCare site address must start with https://.', 'scheme');
  }
  const kind = nonPublicAddress(url.hostname);
  if (kind && !policy.allowPrivateKivicare) {
    const words = {
      loopback: 'this computer',
      'link-local': 'a link-local',
      private: 'a private network',
      unspecified: 'an unusable',
    }[kind];
    throw refuse(
      kind === 'loopback'
        ? `${url.hostname} is this computer, not a KiviCare site. If the site really runs here, IT can allow it with "allowPrivateKivicare" in the policy.`
        : `${url.hostname} is ${words} address. If the clinic's KiviCare site really is there, IT can allow it with "allowPrivateKivicare" in the policy.`,
      `${kind}-address`,
    );
  }
  const normalized = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  if (locked) {
    const lockedNormalized = new URL(locked).href.replace(/\/+$/, '');
    if (normalized.toLowerCase() !== lockedNormalized.toLowerCase()) {
      throw new AppError('locked', `Your IT department has set the KiviCare site to ${lockedNormalized}.`, {
        reason: 'policy-locked',
      });
    }
  }
  return normalized;
}
