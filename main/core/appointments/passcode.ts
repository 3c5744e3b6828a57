import { randomInt } from 'node:crypto';

const UPPER = 'ABCDEFGHJKMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const SPECIAL = '@-_*';
// Without 0/O/o, 1/l/I: patients type passcodes read out over the phone. 55 symbols, ~58 bits.

export interface PasscodeOptions {
  /** Zoom allows at most 10; some account policies demand a minimum. */
  length?: number;
  /** Some account passcode rules demand one of Zoom's special characters. */
  requireSpecial?: boolean;
  /** A passcode already used by another meeting (a database read); generation retries until it is free. */
  isTaken?: (passcode: string) => boolean | Promise<boolean>;
  /** A whole number in [0, max): the CSPRNG unless a test injects a source that repeats itself. */
  randomInt?: (max: number) => number;
}

/**
 * A meeting passcode from the CSPRNG with an upper-case letter, a lower-case letter and a digit
 * (and a special character when asked). Drawing whole candidates and rejecting those missing a
 * class keeps every valid passcode equally likely.
 */
export async function generatePasscode(options: PasscodeOptions = {}): Promise<string> {
  const { length = 10, requireSpecial = false, isTaken = () => false, randomInt: draw = randomInt } = options;
  if (!Number.isInteger(length) || length < 6 || length > 10)
    throw new RangeError('Passcode length must be 6–10');
  const alphabet = UPPER + LOWER + DIGITS + (requireSpecial ? SPECIAL : '');
  const classes = [UPPER, LOWER, DIGITS, ...(requireSpecial ? [SPECIAL] : [])];
  for (let attempt = 0; attempt < 1000; attempt++) {
    let candidate = '';
    for (let i = 0; i < length; i++) candidate += alphabet[draw(alphabet.length)];
    if (!classes.every((cls) => [...candidate].some((c) => cls.includes(c)))) continue;
    if (!(await isTaken(candidate))) return candidate;
  }
  throw new Error('Could not find an unused passcode');
}
