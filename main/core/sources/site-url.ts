// Where the companion may talk to a KiviCare site: https, or http to a LAN host if IT allows it.
import { isIP } from 'node:net';
import { AppError } from '../errors';

export interface SiteUrlPolicy {
  kivicareSite?: string;
  allowHttpKivicare?: boolean;
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
