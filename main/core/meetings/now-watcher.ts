// The doctor's "now": the next visit's start link is fetched shortly before it (so Start opens it
// with no Zoom round trip), and a visit under way is asked about now and then (started, ended).
// Every fetch is one GET /meetings/{id} (Zoom's Light category, 30 per second per account); the
// plan asks for at most one per meeting per `statusEveryMs`, a handful a minute for a clinic.
import { needsMeeting } from '../appointments/intent';
import { isAppError } from '../errors';
import { type Logger, silentLogger } from '../logging/logger';
import type { HostAccess } from '../provisioning/engine';
import type { Appointment, MeetingMapping } from '../store/records';
import type { Repositories } from '../store/repositories';
import { isZoomApiError } from '../zoom';
import type { MeetingLive } from './live-status';
import type { StartUrlCache } from './start-url-cache';

export interface NowPlanOptions {
  /** The next visit's start link is fetched this long before it starts. */
  aheadMs: number;
  /** A link fetched ahead is fetched again once older than this (it lives 2 h, reused < 90 min). */
  refreshAfterMs: number;
  /** A visit under way (10 min before its start to 30 min past its end) is asked about this often. */
  statusEveryMs: number;
}

export const NOW_PLAN: NowPlanOptions = {
  aheadMs: 45 * 60_000,
  refreshAfterMs: 60 * 60_000,
  statusEveryMs: 2 * 60_000,
};

export interface Fetch {
  appointmentId: string;
  doctorId: string;
  meetingId: string;
  why: 'start-link-ahead' | 'under-way';
}

interface Candidate {
  a: Appointment;
  m: MeetingMapping;
}

/**
 * Which meetings to ask Zoom about now. Pure: the times a link was fetched and a status seen come
 * in as functions, so the plan is tested without a clock or a network.
 */
export function planNowFetches(
  nowMs: number,
  candidates: readonly Candidate[],
  linkAgeMs: (meetingId: string) => number | undefined,
  statusSeenAt: (meetingId: string) => number | undefined,
  o: NowPlanOptions = NOW_PLAN,
  /** Whether the doctor opened the meeting from this desktop: followed from then on, however early. */
  opened: (meetingId: string) => boolean = () => false,
): Fetch[] {
  const out = new Map<string, Fetch>();
  const byDoctor = new Map<string, Candidate[]>();
  for (const c of candidates) byDoctor.set(c.a.doctorId, [...(byDoctor.get(c.a.doctorId) ?? []), c]);
  for (const [doctorId, list] of byDoctor) {
    list.sort((x, y) => Date.parse(x.a.startUtc) - Date.parse(y.a.startUtc));
    const startOf = (c: Candidate) => Date.parse(c.a.startUtc);
    const endOf = (c: Candidate) => startOf(c) + c.a.durationMin * 60_000;
    // The next visit that has not ended: its link is kept fresh from `aheadMs` before it starts.
    const next = list.find((c) => endOf(c) > nowMs && startOf(c) - nowMs <= o.aheadMs);
    if (next) {
      const age = linkAgeMs(next.m.zoomMeetingId!);
      if (age === undefined || age >= o.refreshAfterMs) {
        out.set(next.m.zoomMeetingId!, {
          appointmentId: next.a.id,
          doctorId,
          meetingId: next.m.zoomMeetingId!,
          why: 'start-link-ahead',
        });
      }
    }
    for (const c of list) {
      const underWay =
        (startOf(c) - 10 * 60_000 <= nowMs || opened(c.m.zoomMeetingId!)) && nowMs <= endOf(c) + 30 * 60_000;
      if (!underWay || out.has(c.m.zoomMeetingId!)) continue;
      const seen = statusSeenAt(c.m.zoomMeetingId!);
      if (seen === undefined || nowMs - seen >= o.statusEveryMs) {
        out.set(c.m.zoomMeetingId!, {
          appointmentId: c.a.id,
          doctorId,
          meetingId: c.m.zoomMeetingId!,
          why: 'under-way',
        });
      }
    }
  }
  return [...out.values()];
}

export interface NowWatcherOptions {
  repos: Repositories;
  zoomFor(doctorId: string): Promise<HostAccess>;
  startUrls: StartUrlCache;
  live: MeetingLive;
  now: () => Date;
  onChange(appointmentIds: string[]): void;
  logger?: Logger;
  plan?: NowPlanOptions;
}

export class NowWatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  /** Zoom GETs made, for the bench's "cost of fetching ahead". */
  fetches = 0;

  constructor(private readonly o: NowWatcherOptions) {}

  start(everyMs = 30_000): void {
    this.stop();
    const run = () =>
      void this.tick().catch((e) => (this.o.logger ?? silentLogger).warn('now.round-failed', { error: e }));
    this.timer = setInterval(run, everyMs);
    this.timer.unref?.();
    run();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One round: asks Zoom what the plan says; returns how many meetings were asked about. */
  tick(): Promise<number> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<number> {
    const nowMs = this.o.now().getTime();
    const from = new Date(nowMs - 6 * 3_600_000).toISOString();
    const to = new Date(nowMs + (this.o.plan ?? NOW_PLAN).aheadMs).toISOString();
    const candidates: Candidate[] = [];
    const visits = (await this.o.repos.appointments.listRange(from, to)).filter(needsMeeting);
    const mappings = await this.o.repos.mappings.forAppointments(visits.map((a) => a.id));
    for (const a of visits) {
      const m = mappings.get(a.id);
      if (m?.provisionedBy !== 'companion' || m.state !== 'ready' || !m.zoomMeetingId) continue;
      if (m.doctorId !== a.doctorId) continue;
      candidates.push({ a, m });
    }
    const plan = planNowFetches(
      nowMs,
      candidates,
      (id) => this.o.startUrls.ageMs(id),
      (id) => this.o.live.seenAt(id),
      this.o.plan,
      (id) => this.o.live.get(id).openedAt !== null,
    );
    const changed: string[] = [];
    const unreachable = new Set<string>();
    for (const f of plan) {
      if (unreachable.has(f.doctorId)) continue;
      try {
        const z = await (await this.o.zoomFor(f.doctorId)).client.getMeeting(f.meetingId);
        this.fetches++;
        this.o.startUrls.put(f.meetingId, z.start_url);
        if (this.o.live.observe(f.meetingId, z.status)) changed.push(f.appointmentId);
      } catch (e) {
        // Not this watcher's to repair: reconcile and the engine handle gone meetings and sign-ins.
        if (isAppError(e) && e.kind === 'reconnect-needed') unreachable.add(f.doctorId);
        else if (!isZoomApiError(e)) (this.o.logger ?? silentLogger).warn('now.fetch-failed', { error: e });
      }
    }
    if (changed.length) this.o.onChange(changed);
    return plan.length;
  }
}
