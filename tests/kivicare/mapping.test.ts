import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { siteZoneFrom } from '../../main/core/sources/probe';
import { readSiteMeeting } from '../../main/core/sources/site-meeting';
import {
  siteDateAndTime,
  siteLocalToDateTime,
  toUtcIso,
  windowToUtc,
} from '../../main/core/sources/site-time';
import { mapStatus, statusFromCode, statusFromName } from '../../main/core/sources/status-codes';

describe('status codes', () => {
  it('reads the documented numbers: 0 Cancelled, 1 Booked, 2 Pending, 3 Check-out, 4 Check-in', () => {
    expect([0, 1, 2, 3, 4].map((c) => statusFromCode(c, 'documented'))).toEqual([0, 1, 2, 3, 4]);
  });

  it('reads the swapped 4.x filter numbering with 2 and 4 exchanged', () => {
    expect([0, 1, 2, 3, 4].map((c) => statusFromCode(c, 'swapped'))).toEqual([0, 1, 4, 3, 2]);
  });

  it('a status name wins over the number, whichever reading is configured', () => {
    for (const reading of ['documented', 'swapped'] as const) {
      expect(mapStatus(4, 'Pending', reading)).toBe(2);
      expect(mapStatus('2', 'Check-in', reading)).toBe(4);
      expect(mapStatus(2, 'Checked out', reading)).toBe(3);
    }
    expect(statusFromName('CANCELLED')).toBe(0);
    expect(mapStatus(9, undefined, 'documented')).toBeUndefined();
    expect(mapStatus('1', 'something odd', 'documented')).toBe(1);
  });
});

describe('site-local times', () => {
  it('reads wall time in the site zone, DST-correct on both sides of the change', () => {
    expect(toUtcIso(siteLocalToDateTime('2026-03-28T10:00:00', 'Europe/Berlin')!)).toBe(
      '2026-03-28T09:00:00Z',
    );
    expect(toUtcIso(siteLocalToDateTime('2026-03-30T10:00:00', 'Europe/Berlin')!)).toBe(
      '2026-03-30T08:00:00Z',
    );
    expect(toUtcIso(siteDateAndTime('2026-03-30', '10:00 AM', 'America/New_York')!)).toBe(
      '2026-03-30T14:00:00Z',
    );
  });

  it('refuses a wall time that does not exist in the spring-forward gap', () => {
    expect(siteLocalToDateTime('2026-03-29T02:30:00', 'Europe/Berlin')).toBeUndefined();
  });

  it('the UTC window covers the site days exactly, 23 hours on the short day', () => {
    expect(windowToUtc('2026-03-29', '2026-03-29', 'Europe/Berlin')).toEqual({
      fromUtc: '2026-03-28T23:00:00Z',
      toUtc: '2026-03-29T22:00:00Z',
    });
  });

  it('round-trips any existing wall time of a year through UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 24 * 4 - 1 }), (quarterHours) => {
        const dt = siteLocalToDateTime('2026-01-01T00:00:00', 'Europe/Berlin')!.plus({
          minutes: quarterHours * 15,
        });
        const local = dt.toFormat("yyyy-MM-dd'T'HH:mm:ss");
        const back = siteLocalToDateTime(local, 'Europe/Berlin');
        expect(back?.toFormat("yyyy-MM-dd'T'HH:mm:ss")).toBe(local);
      }),
    );
  });

  it('a site that stores only an offset gets its Etc zone', () => {
    expect(siteZoneFrom('Europe/Vienna', 1)).toBe('Europe/Vienna');
    expect(siteZoneFrom('', 2)).toBe('Etc/GMT-2');
    expect(siteZoneFrom('', '-5')).toBe('Etc/GMT+5');
    expect(siteZoneFrom('', 0)).toBe('UTC');
    expect(siteZoneFrom('', 5.5)).toBeNull();
  });
});

describe("the site's meeting", () => {
  it('keeps join link, meeting id and password, and never the start URL', () => {
    const m = readSiteMeeting({
      zoom_id: 123,
      join_url: 'https://zoom.us/j/123',
      start_url: 'https://zoom.us/s/123?zak=X',
      password: 'p1',
    });
    expect(m).toEqual({
      zoomMeetingId: '123',
      zoomUuid: null,
      joinUrl: 'https://zoom.us/j/123',
      password: 'p1',
    });
    expect(JSON.stringify(m)).not.toContain('zak');
  });

  it('treats an empty row, a PHP empty array or a non-https link as no meeting', () => {
    expect(readSiteMeeting([])).toBeNull();
    expect(readSiteMeeting(null)).toBeNull();
    expect(readSiteMeeting({ joinUrl: '' })).toBeNull();
    expect(readSiteMeeting({ joinUrl: 'http://zoom.us/j/1' })).toBeNull();
  });
});
