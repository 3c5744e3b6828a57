// A desktop's presence on the clinic database: it says it is alive (heartbeat), which doctors'
// Zoom sign-ins it holds, and decides for the provisioning engine which desktop makes whose
// meetings. Only the fact "this desktop can act for Dr. Lee" is shared, never a token.
import type { Logger } from '../logging/logger';
import { silentLogger } from '../logging/logger';
import type { Desktop, Repositories } from '../store';
import type { DesktopIdentity } from './desktop-identity';

/** A desktop not seen for this long is taken as away: its doctors' work may go to no one. */
export const AWAY_AFTER_MS = 90_000;
export const HEARTBEAT_MS = 20_000;

export interface PresenceOptions {
  repos: Repositories;
  desktop: DesktopIdentity;
  appVersion: string;
  schemaVersion: number;
  /** Doctor ids with a working sign-in on this desktop, plus '*' when it holds the clinic's. */
  heldHere(): Promise<string[]>;
  now?: () => Date;
  logger?: Logger;
  heartbeatMs?: number;
}

export type Route = 'here' | 'elsewhere' | 'nowhere';

/** A desktop expected to make a doctor's meetings, for "waiting for Room 2". */
export interface ExpectedDesktop {
  name: string;
  alive: boolean;
  lastSeenAt: string;
  /** It holds the clinic's Zoom account rather than the doctor's own sign-in. */
  clinicWide: boolean;
}

export class Presence {
  private timer: NodeJS.Timeout | null = null;
  private held = new Set<string>();
  private readonly now: () => Date;
  private readonly log: Logger;

  constructor(private readonly o: PresenceOptions) {
    this.now = o.now ?? (() => new Date());
    this.log = o.logger ?? silentLogger;
  }

  async start(): Promise<void> {
    await this.o.repos.desktops.seen({ ...this.base(), started: true });
    await this.publish();
    this.timer = setInterval(() => {
      void this.beat().catch((e) => this.log.warn('clinic.heartbeat-failed', { error: e }));
    }, this.o.heartbeatMs ?? HEARTBEAT_MS);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private publishing: Promise<void> = Promise.resolve();
  private hosting = 1;

  /**
   * A sign-in was made or ended here: the other desktops learn it now, not at the next beat.
   * One publish at a time, each reading the sign-ins when its turn comes: an older list written
   * last would take a newer sign-in away until the next beat.
   */
  publish(): Promise<void> {
    const next = this.publishing.then(async () => {
      const held = await this.o.heldHere();
      this.held = new Set(held);
      await this.o.repos.desktops.setCredentials(this.o.desktop.id, held);
      const desktops = new Set(
        (await this.o.repos.desktops.allCredentials()).filter((c) => this.alive(c)).map((c) => c.desktopId),
      );
      if (held.length) desktops.add(this.o.desktop.id);
      this.hosting = Math.max(1, desktops.size);
    });
    this.publishing = next.catch(() => undefined);
    return next;
  }

  /** How many desktops (alive, this one included) make meetings: they share the Zoom account's rate. */
  hostingDesktops(): number {
    return this.hosting;
  }

  /** The doctors whose sign-ins this desktop held at its last publish ('*': the clinic's). */
  heldNow(): string[] {
    return [...this.held];
  }

  async beat(): Promise<void> {
    await this.o.repos.desktops.seen(this.base());
    await this.publish();
  }

  /** Who makes this doctor's meetings: this desktop, another one that is alive, or none. */
  async route(doctorId: string): Promise<Route> {
    if (this.held.has(doctorId) || this.held.has('*')) return 'here';
    const others = (await this.o.repos.desktops.holders(doctorId)).filter(
      (d) => d.id !== this.o.desktop.id && this.alive(d),
    );
    return others.length > 0 ? 'elsewhere' : 'nowhere';
  }

  /** The desktops (alive ones first) expected to make this doctor's meetings, for "waiting for …". */
  async expectedDesktops(doctorId: string): Promise<Array<{ name: string; alive: boolean }>> {
    return (await this.o.repos.desktops.holders(doctorId)).map((d) => ({
      name: d.name,
      alive: this.alive(d),
    }));
  }

  /**
   * For a list of visits, in one query: a lookup of the other desktops expected to make a doctor's
   * meetings (alive ones first, the most recently seen first), empty for doctors held here.
   */
  async expectedFor(): Promise<(doctorId: string) => ExpectedDesktop[]> {
    if (this.held.has('*')) return () => [];
    const rows = (await this.o.repos.desktops.allCredentials()).filter(
      (r) => r.desktopId !== this.o.desktop.id,
    );
    return (doctorId) => {
      if (this.held.has(doctorId)) return [];
      const byDesktop = new Map<string, ExpectedDesktop>();
      for (const r of rows) {
        if (r.doctorId !== doctorId && r.doctorId !== '*') continue;
        const seen = byDesktop.get(r.desktopId);
        byDesktop.set(r.desktopId, {
          name: r.name,
          alive: this.alive(r),
          lastSeenAt: r.lastSeenAt,
          // Its own sign-in for the doctor says more than the clinic's account.
          clinicWide: (seen?.clinicWide ?? true) && r.doctorId === '*',
        });
      }
      return [...byDesktop.values()].sort(
        (a, b) => Number(b.alive) - Number(a.alive) || b.lastSeenAt.localeCompare(a.lastSeenAt),
      );
    };
  }

  alive(d: Pick<Desktop, 'lastSeenAt'>): boolean {
    return this.now().getTime() - Date.parse(d.lastSeenAt) < AWAY_AFTER_MS;
  }

  private base() {
    return {
      id: this.o.desktop.id,
      name: this.o.desktop.name,
      appVersion: this.o.appVersion,
      schemaVersion: this.o.schemaVersion,
    };
  }
}
