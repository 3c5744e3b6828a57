// What "held" means for the week: each tele-visit has exactly one live meeting on Zoom, at its
// time, with its doctor as host, when it starts; no reference has two meetings; Zoom keeps no
// meeting the clinic does not need; the book lost nothing.
import type { Services } from '../../../main/core/app/services';
import { needsMeeting } from '../../../main/core/appointments/intent';
import type { Appointment } from '../../../main/core/store/records';
import type { SandboxMeeting, ZoomSandbox } from '../../../main/core/zoom-sandbox';
import type { WeekPlan } from './plan';

export interface Verdict {
  /** Tele-visits checked (when they started, or at the end of the week if still upcoming). */
  teleVisitsChecked: number;
  exactlyOneCorrectMeeting: number;
  /** Tele-visits without exactly one correct meeting when checked. */
  wrongOrMissingMeeting: number;
  duplicates: number;
  orphansOnZoom: number;
  lostAppointments: number;
  /** Mappings left flagged for people (needs-reconnect or failed) at the end. */
  flagged: number;
  problems: string[];
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class Verifier {
  private checked = new Set<string>();
  private correct = 0;
  private wrong = 0;
  private problems: string[] = [];

  constructor(
    private readonly s: Services,
    private readonly sandbox: ZoomSandbox,
    private readonly emails: string[],
    private readonly doctorIds: string[],
  ) {}

  /** Visits whose (current) start lies in (fromMs, toMs]. */
  async checkStartedBetween(
    fromMs: number,
    toMs: number,
    _ids: Map<number, string>,
    _plan: WeekPlan,
  ): Promise<void> {
    const starting = (await this.s.repos.appointments.listRange(iso(fromMs + 1000), iso(toMs + 1000))).filter(
      (a) => Date.parse(a.startUtc) > fromMs && Date.parse(a.startUtc) <= toMs && needsMeeting(a),
    );
    if (starting.length === 0) return;
    const live = this.sandbox.meetings();
    for (const a of starting) await this.check(a, live, 'at start');
  }

  async final(ids: Map<number, string>, _plan: WeekPlan): Promise<Verdict> {
    const live = this.sandbox.meetings();
    let lost = 0;
    const wanted = new Set<string>();
    for (const id of ids.values()) {
      const a = await this.s.repos.appointments.get(id);
      if (!a) {
        lost++;
        this.note(`appointment ${id} is missing from the book`);
        continue;
      }
      if (!needsMeeting(a)) continue;
      const m = await this.s.repos.mappings.get(a.id);
      if (m?.zoomMeetingId) wanted.add(m.zoomMeetingId);
      if (!this.checked.has(a.id)) await this.check(a, live, 'at the end');
    }
    const byRef = new Map<string, SandboxMeeting[]>();
    for (const m of live) {
      const ref = /\(ref (CC-[A-Z0-9]+)\)/.exec(m.topic)?.[1] ?? `unknown:${m.id}`;
      byRef.set(ref, [...(byRef.get(ref) ?? []), m]);
    }
    const duplicates = [...byRef.values()].filter((ms) => ms.length > 1).length;
    const orphans = live.filter((m) => !wanted.has(m.id));
    for (const m of orphans.slice(0, 5)) this.note(`orphan meeting ${m.id} (${m.topic})`);
    const flagged = (await this.s.store.row<{ n: number }>(
      `SELECT COUNT(*) AS n FROM meeting_mappings WHERE state IN ('needs-reconnect', 'failed')`,
    ))!;
    return {
      teleVisitsChecked: this.checked.size,
      exactlyOneCorrectMeeting: this.correct,
      wrongOrMissingMeeting: this.wrong,
      duplicates,
      orphansOnZoom: orphans.length,
      lostAppointments: lost,
      flagged: Number(flagged.n),
      problems: this.problems,
    };
  }

  private async check(a: Appointment, live: SandboxMeeting[], when: string): Promise<void> {
    this.checked.add(a.id);
    const m = await this.s.repos.mappings.get(a.id);
    const mine = live.filter((x) => x.topic.includes(a.reference));
    const host = this.emails[this.doctorIds.indexOf(a.doctorId)];
    const one = mine.length === 1 ? mine[0]! : undefined;
    const why =
      m?.state !== 'ready'
        ? `mapping ${m?.state ?? 'missing'} (${m?.lastErrorMessage ?? ''})`
        : !one
          ? `${mine.length} live meetings`
          : one.id !== m.zoomMeetingId
            ? 'mapping points at another meeting'
            : one.start_time !== a.startUtc
              ? `meeting at ${one.start_time}, visit at ${a.startUtc}`
              : one.duration !== a.durationMin
                ? 'wrong duration'
                : one.host_email !== host
                  ? `host ${one.host_email}, doctor ${host}`
                  : undefined;
    if (why === undefined) this.correct++;
    else {
      this.wrong++;
      this.note(`${a.reference} ${when}: ${why}`);
    }
  }

  private note(line: string) {
    if (this.problems.length < 20) this.problems.push(line);
  }
}
