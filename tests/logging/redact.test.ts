import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFileLogger } from '../../main/core/logging/file-logger';
import { memoryLogger } from '../../main/core/logging/logger';
import { redactText } from '../../main/core/logging/redact';

const jwt = 'eyJhbGciOiJIUzUxMiJ9.eyJ1aWQiOiJhYmMiLCJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLXN0dWZm';

describe('log redaction', () => {
  it.each([
    ['start URL', 'opening https://us02web.zoom.us/s/85012345678?zak=eyJ0eXAiOiJKV1Qi', 'zak=eyJ0'],
    ['join passcode', 'join https://zoom.us/j/850?pwd=Xy7pQ2mR9a now', 'Xy7pQ2mR9a'],
    ['bearer token', `Authorization: Bearer ${jwt}`, jwt],
    ['form body', 'grant_type=refresh_token&refresh_token=abc.def.ghi', 'abc.def.ghi'],
    ['json body', '{"access_token":"tok-123","password":"Pw9"}', 'tok-123'],
    ['bare JWT', `token was ${jwt}`, jwt],
  ])('removes a %s', (_name, text, secret) => {
    expect(redactText(text)).not.toContain(secret);
  });

  it('drops values of secret-named fields whatever they hold', () => {
    const log = memoryLogger();
    log.info('refreshed', { accessToken: 'plain-secret', passcode: '123456', doctorId: 'doc-1' });
    expect(log.lines[0]).toBe(
      'info refreshed {"accessToken":"[redacted]","passcode":"[redacted]","doctorId":"doc-1"}',
    );
  });

  it('never lets a JWT-shaped token through, whatever surrounds it (property)', () => {
    const part = fc.stringMatching(/^[A-Za-z0-9_-]{8,30}$/);
    fc.assert(
      fc.property(fc.string(), part, part, fc.string(), (before, body, sig, after) => {
        const token = `eyJ${body}.${body}${sig}.${sig}`;
        expect(redactText(`${before} ${token} ${after}`)).not.toContain(token);
      }),
    );
  });

  it('writes redacted lines to a real rotating log file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cc-logs-'));
    const log = createFileLogger(dir);
    log.warn('zoom.call failed', { url: 'https://zoom.us/s/1?zak=secretzak', status: 401 });
    await new Promise((r) => setTimeout(r, 50));
    const text = readFileSync(log.file, 'utf8');
    expect(text).toContain('zoom.call failed');
    expect(text).toContain('[start-url]');
    expect(text).not.toContain('secretzak');
  });
});
