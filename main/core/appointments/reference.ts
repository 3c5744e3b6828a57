import { randomBytes } from 'node:crypto';

// Crockford base32: no I, L, O, U, so a reference read over the phone is not misheard.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERENCE_PATTERN = /^CC-[0-9A-HJKMNP-TV-Z]{10}$/;

/** An opaque, non-guessable appointment reference (50 random bits), e.g. `CC-7K2M9QX4TB`. */
export function generateReference(): string {
  // 256 is a multiple of 32, so masking each byte keeps every character equally likely.
  const bytes = randomBytes(10);
  let out = 'CC-';
  for (const b of bytes) out += CROCKFORD[b & 31];
  return out;
}

export const isReference = (s: string): boolean => REFERENCE_PATTERN.test(s);
