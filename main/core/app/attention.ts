// The attention queue: what stands in the way of today's and the coming visits, each named in full
// (doctor, visit, date) with the action that fixes its cause, soonest first. Pure: the handler
// gathers the visits and connections, this decides.
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { AttentionItem as AttentionItemSchema } from '../../../preload/contract';

export type AttentionItem = z.infer<typeof AttentionItemSchema>;

/** A visit this close whose meeting is not ready, or whose doctor cannot host it, is an alert. */
export const ALERT_MS = 2 * 3_600_000;

/** A tele-visit that still needs its meeting: not cancelled, not over (the handler filters). */
export interface AttentionVisit {
  id: string;
  doctorId: string;
  doctorName: string;
  patientName: string;
  startUtc: string;
  durationMin: number;
  /** `waiting`: this desktop cannot make it; another desktop is expected to (a clinic of desktops). */
  meeting: { state: string; problem: string | null; waiting?: 'desktop' | 'desktop-away' | null };
}

export interface AttentionDoctor {
  doctorId: string;
  /** This desktop's sign-in for the doctor (or the clinic's account). */
  state: 'disconnected' | 'connecting' | 'confirm-account' | 'connected' | 'reconnect-needed';
  lastError: string | null;
  /**
   * A clinic of desktops: the other desktops holding the doctor's sign-in, in words. Seen lately
   * (`away` false), they make the doctor's meetings and nothing here needs attention.
   */
  elsewhere?: { words: string; away: boolean } | null;
}

export interface AttentionInput {
  nowMs: number;
  /** Visits starting before this count (end of the clinic's day, or later to cover the alert window). */
  horizonMs: number;
  visits: readonly AttentionVisit[];
  doctors: readonly AttentionDoctor[];
  /** Doctors use the clinic's Zoom account: a doctor who cannot is fixed in Settings, not by connecting. */
  clinicWide: boolean;
}

/** Where the queue looks: the rest of the clinic's day, and at least the alert window ahead. */
export function attentionHorizon(nowMs: number, zone: string): number {
  const endOfDay = DateTime.fromMillis(nowMs, { zone }).startOf('day').plus({ days: 1 }).toMillis();
  return Math.max(endOfDay, nowMs + ALERT_MS);
}

const endOf = (v: AttentionVisit) => Date.parse(v.startUtc) + v.durationMin * 60_000;

/** Meetings the companion does not make or host (the site's) or that are fine as they are. */
const FINE = new Set(['ready', 'none', 'past', 'site-managed', 'deleting']);

export function attentionItems(input: AttentionInput): AttentionItem[] {
  const { nowMs } = input;
  const relevant = input.visits
    .filter((v) => endOf(v) > nowMs && Date.parse(v.startUtc) < input.horizonMs)
    .filter((v) => v.meeting.state !== 'site-managed')
    .sort((a, b) => Date.parse(a.startUtc) - Date.parse(b.startUtc));
  const connection = new Map(input.doctors.map((d) => [d.doctorId, d]));
  const urgent = (v: AttentionVisit) => Date.parse(v.startUtc) - nowMs <= ALERT_MS;
  const base = (v: AttentionVisit) => ({
    doctorId: v.doctorId,
    doctorName: v.doctorName,
    appointmentId: v.id,
    patientName: v.patientName,
    startUtc: v.startUtc,
    endUtc: new Date(endOf(v)).toISOString(),
    urgent: urgent(v),
  });
  const items: AttentionItem[] = [];
  const byDoctor = new Map<string, AttentionVisit[]>();
  for (const v of relevant) {
    const c = connection.get(v.doctorId);
    const hostsElsewhere = c?.elsewhere?.away === false;
    if (c && c.state !== 'connected' && !hostsElsewhere) {
      byDoctor.set(v.doctorId, [...(byDoctor.get(v.doctorId) ?? []), v]);
      continue;
    }
    // The doctor can host: what is left is the meeting itself.
    const { state, problem, waiting } = v.meeting;
    // Another desktop, seen lately, is making it: nothing to do here.
    if (waiting === 'desktop') continue;
    if (waiting === 'desktop-away') {
      items.push({
        ...base(v),
        id: `meeting-not-ready:${v.id}`,
        cause: 'meeting-not-ready',
        action: null,
        moreVisits: 0,
        message: problem ?? 'Waiting for another desktop to make this meeting.',
      });
      continue;
    }
    if (state === 'failed' || state === 'needs-reconnect') {
      items.push({
        ...base(v),
        id: `meeting-failed:${v.id}`,
        cause: 'meeting-failed',
        action: 'retry',
        moreVisits: 0,
        message: problem ?? 'Zoom did not make this meeting.',
      });
    } else if (!FINE.has(state) && problem) {
      // Waiting for a retry after a failure (Zoom busy or unreachable): trying now can help.
      items.push({
        ...base(v),
        id: `meeting-not-ready:${v.id}`,
        cause: 'meeting-not-ready',
        action: 'retry',
        moreVisits: 0,
        message: problem,
      });
    }
  }
  // One item per doctor who cannot host: it names their first visit and counts the rest.
  for (const [doctorId, visits] of byDoctor) {
    const c = connection.get(doctorId)!;
    const first = visits[0]!;
    items.push({
      ...base(first),
      moreVisits: visits.length - 1,
      ...doctorCause(c, first.doctorName, input.clinicWide),
    });
  }
  return items.sort(
    (a, b) => Date.parse(a.startUtc) - Date.parse(b.startUtc) || a.doctorName.localeCompare(b.doctorName),
  );
}

function doctorCause(
  c: AttentionDoctor,
  name: string,
  clinicWide: boolean,
): Pick<AttentionItem, 'id' | 'cause' | 'action' | 'message'> {
  const id = (cause: AttentionItem['cause']) => `${cause}:${c.doctorId}`;
  // Never signed in here, and the desktops that are have not been seen lately: say which they are.
  if (c.elsewhere && (c.state === 'disconnected' || clinicWide)) {
    return {
      id: id('meeting-not-ready'),
      cause: 'meeting-not-ready',
      action: null,
      message: c.elsewhere.words,
    };
  }
  if (clinicWide) {
    return {
      id: id('clinic-account'),
      cause: 'clinic-account',
      action: 'settings',
      message: c.lastError ?? `${name} cannot use the clinic’s Zoom account yet.`,
    };
  }
  switch (c.state) {
    case 'connecting':
      return {
        id: id('connecting'),
        cause: 'connecting',
        action: null,
        message: `Waiting for ${name} to finish signing in to Zoom.`,
      };
    case 'confirm-account':
      return {
        id: id('confirm-account'),
        cause: 'confirm-account',
        action: null,
        message: `${name} signed in to another Zoom account and must confirm it in Zoom connections.`,
      };
    case 'reconnect-needed':
      return {
        id: id('must-reconnect'),
        cause: 'must-reconnect',
        action: 'reconnect',
        message: `${name} must reconnect Zoom: no meeting can be made, moved or started until then.`,
      };
    default:
      return {
        id: id('not-connected'),
        cause: 'not-connected',
        action: 'connect',
        message: `${name} has not connected Zoom: no meeting can be made or started until then.`,
      };
  }
}

/**
 * When the queue changes with time alone (an item's visit enters the alert window or ends, the day
 * turns): the core pushes the queue again then, so nobody has to poll for it.
 */
export function nextAttentionChange(
  items: readonly Pick<AttentionItem, 'startUtc' | 'endUtc'>[],
  nowMs: number,
  zone: string,
): number {
  let next = DateTime.fromMillis(nowMs, { zone }).startOf('day').plus({ days: 1 }).toMillis();
  for (const i of items) {
    for (const t of [Date.parse(i.startUtc) - ALERT_MS, Date.parse(i.endUtc)]) {
      if (t > nowMs && t < next) next = t;
    }
  }
  return next;
}
