// What the page says while the clinic server is away, and a row waiting for another desktop.
import { describe, expect, it } from 'vitest';
import { meetingLabel, meetingTone } from '../../renderer/src/lib/labels';
import { asOfWords, desktopWords, serverAway, serverAwayWords } from '../../renderer/src/lib/server-away';
import type { AppStatus } from '../../renderer/src/lib/types';
import { appt } from './fixtures';

const status = (database: Partial<AppStatus['database']>): AppStatus => ({
  online: true,
  sandbox: false,
  zoomServer: 'Zoom',
  clinicTimeZone: 'Europe/Berlin',
  outbox: { pending: 0, parked: 0 },
  lastSyncAt: null,
  database: {
    shared: true,
    server: 'postgres://companion@db.clinic.lan:5432/clinic',
    desktop: 'Reception',
    connected: true,
    awaySince: null,
    ...database,
  },
});

describe('the clinic server away', () => {
  it('the banner says since when, which day is shown as of when, and that booking is paused', () => {
    expect(serverAwayWords('2026-12-01T09:42:00Z', '2026-12-01T09:41:30Z', 'Europe/Berlin')).toBe(
      'The clinic server is away since 10:42 CET. You are seeing the day as it was at 10:41; booking is paused until it is back.',
    );
    expect(serverAwayWords('2026-07-01T14:05:00Z', null, 'America/New_York')).toBe(
      'The clinic server is away since 10:05 AM EDT. Booking is paused until it is back.',
    );
    expect(asOfWords('2026-12-01T09:41:30Z', 'Europe/Berlin')).toMatch(/^As it was at 10:41 CET: /);
  });

  it('is away only on a clinic of desktops whose server does not answer', () => {
    expect(serverAway(null)).toBe(false);
    expect(serverAway(status({}))).toBe(false);
    expect(serverAway(status({ connected: false, awaySince: '2026-12-01T09:42:00Z' }))).toBe(true);
    expect(serverAway(status({ shared: false, connected: false }))).toBe(false);
  });

  it('names this desktop discreetly on a clinic of desktops only', () => {
    expect(desktopWords(status({}))).toBe('Reception · clinic server');
    expect(desktopWords(status({ shared: false, desktop: null, server: null }))).toBeNull();
  });

  it('a meeting not made yet says what it waits for; one waiting for a desktop not seen is a warning', () => {
    const a = appt({ startUtc: '2026-12-01T10:00:00Z' });
    const waiting = {
      ...a.meeting,
      state: 'creating' as const,
      problem: 'Waiting for Room 2, where Dr. Lee is signed in to Zoom.',
      waiting: 'desktop' as const,
    };
    expect(meetingLabel(waiting, 'telemed')).toBe('Waiting for Room 2, where Dr. Lee is signed in to Zoom.');
    expect(meetingTone(waiting, 'telemed')).toBe('busy');
    expect(meetingTone({ ...waiting, waiting: 'desktop-away' }, 'telemed')).toBe('warn');
    expect(meetingLabel({ ...waiting, problem: null, waiting: null }, 'telemed')).toBe(
      'Meeting being created…',
    );
  });
});
