// IPC failures are logged with their cause (by the shell's console log and the demo server), and
// a cause can carry what must never be written: a token, a start URL, a passcode.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors';
import { consoleLine, ipcErrorLine } from '../../main/core/logging/logger';
import { redactCause } from '../../main/core/logging/redact';

const ACCESS = 'eyJhbGciOiJIUzUxMiJ9.eyJ1aWQiOiJsZWUiLCJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const REFRESH = 'rt-7f3a9c1e5b2d4f6a8c0e';
const START = 'https://us02web.zoom.us/s/81234567890?zak=eyJ6bV9za20iOiJ6bV9vMm0ifQ.abcdefgh';
const PASSCODE = 'Xk3-9pQ_2';

function causeWithSecrets(): Error {
  const inner = new Error(`POST /oauth/token failed: refresh_token=${REFRESH}&grant_type=refresh_token`);
  const outer = new Error(`fetch failed for ${START} with Authorization: Bearer ${ACCESS}`, { cause: inner });
  return outer;
}

const secrets = [ACCESS, REFRESH, START, 'zak=eyJ', PASSCODE];
const expectClean = (line: string) => {
  for (const s of secrets) expect(line).not.toContain(s);
};

describe('IPC error causes go through redaction before they are logged', () => {
  it('the shell console line names the failure but not the token, start URL or passcode', () => {
    const line = consoleLine('meetings:start: internal', causeWithSecrets());
    expect(line).toContain('[companion] meetings:start: internal');
    expect(line).toContain('fetch failed for');
    expect(line).toContain('caused by:');
    expectClean(line);
  });

  it("an AppError's details and a thrown plain object are redacted too", () => {
    const e = new AppError('internal', `Join https://zoom.us/j/81234567890?pwd=${PASSCODE}`, {
      token: ACCESS,
      passcode: PASSCODE,
      doctorId: 'lee',
    });
    const line = ipcErrorLine({ kind: 'internal', message: 'Something went wrong.' }, e);
    expect(line).toContain('internal: Something went wrong.');
    expect(line).toContain('"doctorId":"lee"');
    expectClean(line);
    expectClean(redactCause({ access_token: ACCESS, start_url: START, body: `password=${PASSCODE}` }));
    expectClean(redactCause(`{"start_url":"${START}","password":"${PASSCODE}"}`));
  });

  it('no cause, no trailing text', () => {
    expect(consoleLine('a protocol URL could not be handled')).toBe(
      '[companion] a protocol URL could not be handled',
    );
  });
});
