// Words the renderer shows for sources, site-made meetings, IT locks and clinic account errors.
import { describe, expect, it } from 'vitest';
import { meetingLabel, meetingTone, SOURCE_LABELS } from '../../renderer/src/lib/labels';
import { LOCK_NAMES, lockedNames } from '../../renderer/src/screens/settings/locks';
import { clinicZoomProblem } from '../../renderer/src/stores/clinicZoom';
import { appt } from './fixtures';

describe('labels', () => {
  it('names every appointment source', () => {
    expect(SOURCE_LABELS).toEqual({ local: 'Local', kivicare: 'KiviCare', import: 'Import' });
  });

  it('a meeting the KiviCare site made says so and counts as ready', () => {
    const a = appt({ startUtc: '2026-03-27T08:00:00Z' });
    const m = { ...a.meeting, state: 'site-managed' as const, provisionedBy: 'kivicare' as const };
    expect(meetingLabel(m, 'telemed')).toBe('Meeting made by the KiviCare site');
    expect(meetingTone(m, 'telemed')).toBe('ok');
  });

  it('a tele-visit that ended without a meeting says so, with no spinner', () => {
    const a = appt({ startUtc: '2026-03-27T08:00:00Z' });
    const m = { ...a.meeting, state: 'past' as const };
    expect(meetingLabel(m, 'telemed')).toBe('Visit over: no meeting was made');
    expect(meetingTone(m, 'telemed')).toBe('muted');
  });

  it('every lock the core reports has a name, listed only when locked', () => {
    const none = Object.fromEntries(Object.keys(LOCK_NAMES).map((k) => [k, false])) as Parameters<
      typeof lockedNames
    >[0];
    expect(lockedNames(none)).toEqual([]);
    expect(lockedNames({ ...none, mode: true, updates: true })).toEqual(['Zoom mode', 'App updates']);
  });

  it('refused clinic credentials are explained in plain words', () => {
    expect(clinicZoomProblem({ kind: 'oauth-refused', message: 'x' })).toMatch(
      /^Zoom did not accept these clinic credentials/,
    );
    expect(clinicZoomProblem({ kind: 'internal', message: 'Something else.' })).toBe('Something else.');
  });
});
