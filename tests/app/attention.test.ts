// The attention queue decides in one pure function: who, which visit, what fixes it, in what order.
import { describe, expect, it } from 'vitest';
import {
  ALERT_MS,
  type AttentionDoctor,
  type AttentionVisit,
  attentionHorizon,
  attentionItems,
  nextAttentionChange,
} from '../../main/core/app/attention';

const NOW = Date.parse('2026-03-14T08:00:00Z');
const ZONE = 'Europe/Berlin'; // 09:00 on the clinic's clock
const at = (hhmm: string, day = '2026-03-14') => new Date(`${day}T${hhmm}:00Z`).toISOString();

let n = 0;
const visit = (doctorId: string, startUtc: string, meeting: Partial<AttentionVisit['meeting']> = {}) =>
  ({
    id: `a${++n}`,
    doctorId,
    doctorName: `Dr. ${doctorId}`,
    patientName: `Patient ${n}`,
    startUtc,
    durationMin: 20,
    meeting: { state: 'ready', problem: null, ...meeting },
  }) satisfies AttentionVisit;
const doctor = (doctorId: string, state: AttentionDoctor['state'] = 'connected'): AttentionDoctor => ({
  doctorId,
  state,
  lastError: null,
});
const run = (visits: AttentionVisit[], doctors: AttentionDoctor[], clinicWide = false) =>
  attentionItems({ nowMs: NOW, horizonMs: attentionHorizon(NOW, ZONE), visits, doctors, clinicWide });

describe('attention queue', () => {
  it('a doctor who never connected gets Connect, one who must reconnect gets Reconnect, never Retry', () => {
    const items = run(
      [visit('lee', at('09:00')), visit('lee', at('10:00')), visit('patel', at('11:00'))],
      [doctor('lee', 'disconnected'), doctor('patel', 'reconnect-needed')],
    );
    expect(items.map((i) => [i.doctorName, i.cause, i.action, i.moreVisits])).toEqual([
      ['Dr. lee', 'not-connected', 'connect', 1],
      ['Dr. patel', 'must-reconnect', 'reconnect', 0],
    ]);
    expect(items[0]).toMatchObject({ patientName: 'Patient 1', startUtc: at('09:00'), urgent: true });
    expect(items[1]!.message).toMatch(/must reconnect/);
    expect(items[0]!.message).not.toMatch(/reconnect/);
  });

  it('a failed meeting of a connected doctor offers Retry; the same failure while they cannot host offers Reconnect', () => {
    const failed = { state: 'needs-reconnect', problem: 'Dr. lee must reconnect Zoom.' };
    expect(run([visit('lee', at('12:00'), failed)], [doctor('lee')])[0]).toMatchObject({
      cause: 'meeting-failed',
      action: 'retry',
    });
    expect(run([visit('lee', at('12:00'), failed)], [doctor('lee', 'reconnect-needed')])[0]).toMatchObject({
      cause: 'must-reconnect',
      action: 'reconnect',
    });
  });

  it('counts only what matters: tomorrow, visits over, ready meetings and the site’s are not in it', () => {
    const items = run(
      [
        visit('lee', at('07:00')), // ended at 07:20
        visit('lee', at('09:00', '2026-03-15')), // tomorrow
        visit('patel', at('09:00')), // ready
        visit('patel', at('09:30'), { state: 'creating' }), // being made, no problem
        visit('garcia', at('10:00'), { state: 'site-managed' }),
      ],
      [doctor('lee', 'disconnected'), doctor('patel'), doctor('garcia', 'disconnected')],
    );
    expect(items).toEqual([]);
  });

  it('a visit just after midnight is in it when it is within the alert window', () => {
    const late = Date.parse('2026-03-14T22:30:00Z'); // 23:30 in Berlin
    const items = attentionItems({
      nowMs: late,
      horizonMs: attentionHorizon(late, ZONE),
      visits: [visit('lee', at('00:15', '2026-03-15'))],
      doctors: [doctor('lee', 'disconnected')],
      clinicWide: false,
    });
    expect(items).toHaveLength(1);
    expect(items[0]!.urgent).toBe(true);
  });

  it('ordered by how soon it matters; urgent only within two hours', () => {
    const items = run(
      [
        visit('a', at('15:00'), { state: 'failed', problem: 'Zoom refused.' }),
        visit('b', at('09:30'), { state: 'creating', problem: 'Zoom is busy; trying again at 09:31.' }),
        visit('c', at('12:00')),
      ],
      [doctor('a'), doctor('b'), doctor('c', 'connecting')],
    );
    expect(items.map((i) => [i.doctorId, i.cause, i.action, i.urgent])).toEqual([
      ['b', 'meeting-not-ready', 'retry', true],
      ['c', 'connecting', null, false],
      ['a', 'meeting-failed', 'retry', false],
    ]);
  });

  it('in clinic-wide mode a doctor who cannot use the clinic account is fixed in Settings', () => {
    const items = run(
      [visit('lee', at('09:00'))],
      [{ doctorId: 'lee', state: 'reconnect-needed', lastError: 'Dr. lee needs a Zoom e-mail address.' }],
      true,
    );
    expect(items[0]).toMatchObject({ cause: 'clinic-account', action: 'settings' });
    expect(items[0]!.message).toBe('Dr. lee needs a Zoom e-mail address.');
  });

  it('a clinic of desktops: a doctor signed in on a desktop seen lately needs nothing here; one not seen is named, once per doctor', () => {
    const here = { words: 'Waiting for Room 2, where Dr. lee is signed in to Zoom.', away: false };
    const gone = { words: 'Waiting for Room 2 (not seen since 08:42 CET), …', away: true };
    const waiting = { state: 'creating', problem: here.words, waiting: 'desktop' as const };
    expect(
      run(
        [visit('lee', at('09:00'), waiting), visit('lee', at('09:30'), waiting)],
        [{ ...doctor('lee', 'disconnected'), elsewhere: here }],
      ),
    ).toEqual([]);
    const items = run(
      [visit('lee', at('09:00'), { ...waiting, waiting: 'desktop-away' }), visit('lee', at('10:00'))],
      [{ ...doctor('lee', 'disconnected'), elsewhere: gone }],
    );
    expect(items.map((i) => [i.cause, i.action, i.moreVisits, i.message])).toEqual([
      ['meeting-not-ready', null, 1, gone.words],
    ]);
  });

  it('the next time change is the soonest of entering the alert window, an end, or midnight', () => {
    const items = run([visit('lee', at('13:00'))], [doctor('lee', 'disconnected')]);
    expect(nextAttentionChange(items, NOW, ZONE)).toBe(Date.parse(at('13:00')) - ALERT_MS);
    expect(nextAttentionChange([], NOW, ZONE)).toBe(Date.parse('2026-03-14T23:00:00Z'));
  });
});
