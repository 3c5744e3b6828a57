import { randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Secrets (tokens, codes, passcodes) come from crypto, never from the seeded PRNG. */
export function randomString(length: number, alphabet = ALNUM): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Zoom user ids look like `30R7kT7bTIKSNUFEuH_Qlg` (22 chars of base64url). */
export const zoomUserId = (): string => randomBytes(16).toString('base64url');

/** Meeting UUIDs look like `aDYlohsHRtCd4ii1uC2+hA==` (base64 of 16 bytes). */
export const meetingUuid = (): string => randomBytes(16).toString('base64');

/** 11-digit ids like Zoom's 85012345678: past 2^32, well under 2^53. */
export function meetingNumber(taken: (id: string) => boolean): string {
  for (;;) {
    const id = String(81_000_000_000 + (randomBytes(6).readUIntBE(0, 6) % 18_999_999_999));
    if (!taken(id)) return id;
  }
}

export const digits = (length: number): string => randomString(length, '0123456789');
