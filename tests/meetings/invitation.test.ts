import { describe, expect, it } from 'vitest';
import { invitationMailto, invitationText } from '../../main/core/meetings/invitation';
import { StartUrlCache } from '../../main/core/meetings/start-url-cache';

const base = {
  clinicName: 'Riverside Clinic',
  doctorName: 'Dr. Lee',
  startUtc: '2026-03-29T08:30:00Z',
  timeZone: 'Europe/Berlin',
  durationMin: 20,
  joinUrl: 'https://us02web.zoom.us/j/85012345678?pwd=abc',
  passcode: 'Xy7pQ2mR9a',
  meetingId: '85012345678',
};

describe('invitation text', () => {
  it('gives the local time in the clinic zone on a DST day, the link and the passcode', () => {
    const text = invitationText(base);
    // 29 March 2026 is the first day of CEST in Berlin: 08:30Z is 10:30 local.
    expect(text).toContain('Sunday 29 March 2026, 10:30–10:50');
    expect(text).toContain('10:30–10:50 Central European Time (Berlin)');
    expect(text).toContain(`Join: ${base.joinUrl}`);
    expect(text).toContain('Passcode: Xy7pQ2mR9a');
    expect(text).toContain('Meeting ID: 850 1234 5678');
    expect(text).toMatch(/waiting room/);
  });

  it('states the clinic zone once, in words: never "(UTC, UTC)" nor a bare IANA name', () => {
    const utc = invitationText({ ...base, timeZone: 'UTC' });
    expect(utc).toMatch(/08:30–08:50 Coordinated Universal Time\n/);
    expect(utc).not.toMatch(/\bUTC\b/);
    const ny = invitationText({ ...base, timeZone: 'America/New_York' });
    expect(ny).toContain('04:30–04:50 Eastern Time (New York)');
    for (const text of [utc, ny, invitationText(base)]) {
      const when = text.split('\n').find((l) => l.startsWith('When:'))!;
      expect(when).not.toMatch(/\/|GMT|\(.*,.*\)/);
    }
  });

  it('leaves out a passcode it does not have', () => {
    expect(invitationText({ ...base, passcode: null })).not.toContain('Passcode');
  });

  it('refuses an unknown time zone instead of guessing', () => {
    expect(() => invitationText({ ...base, timeZone: 'Mars/Olympus' })).toThrow(/zone/);
  });

  it('builds a mailto URL that survives round-tripping through URL parsing', () => {
    const url = invitationMailto('pat+x@example.org', 'Your video visit', invitationText(base));
    expect(url.startsWith('mailto:pat%2Bx@example.org?subject=Your%20video%20visit&body=')).toBe(true);
    const body = new URL(url).searchParams.get('body');
    expect(body).toContain('Passcode: Xy7pQ2mR9a');
    expect(body).toContain('\r\n');
  });
});

describe('start URL cache', () => {
  it('reuses a start URL for less than 90 minutes and never after', () => {
    let t = 0;
    const cache = new StartUrlCache(() => t);
    cache.put('1', 'https://zoom.us/s/1?zak=a');
    t = 89 * 60_000;
    expect(cache.get('1')).toBe('https://zoom.us/s/1?zak=a');
    t = 90 * 60_000;
    expect(cache.get('1')).toBeUndefined();
  });
});
