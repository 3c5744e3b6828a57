// This desktop's link to the clinic's shared database: presence (heartbeat, the sign-ins it holds,
// who makes whose meetings) and the change feed (what other desktops changed, and whether the
// server is there at all). Built only for the PostgreSQL engine; a single desktop has none.
import type { Logger } from '../logging/logger';
import { silentLogger } from '../logging/logger';
import { desktopsRepository } from '../store/desktops';
import type { PostgresStore } from '../store/postgres';
import { ChangeFeed, type ClinicChange } from './change-feed';
import type { DesktopIdentity } from './desktop-identity';
import { HEARTBEAT_MS, Presence, type PresenceOptions } from './presence';
import { ServerClock } from './server-clock';

/** What other desktops changed, by what it means for this one. */
export type RemoteChange = 'appointments' | 'doctors' | 'settings' | 'work';

export interface ClinicStatus {
  server: string;
  desktop: string;
  connected: boolean;
  /** When the server stopped answering (null while it answers). */
  awaySince: string | null;
}

export interface ClinicLinkOptions extends PresenceOptions {
  store: PostgresStore;
}

const KIND: Record<string, RemoteChange> = {
  appointments: 'appointments',
  meeting_mappings: 'appointments',
  patients: 'appointments',
  doctors: 'doctors',
  settings: 'settings',
  outbox: 'work',
  desktop_credentials: 'work',
};

export class ClinicLink {
  readonly presence: Presence;
  /** The server's clock: presence (last seen, alive or away) is judged on it, whatever this PC's says. */
  readonly serverClock: ServerClock;
  private readonly feed: ChangeFeed;
  private clockTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(kinds: Set<RemoteChange>) => void>();
  private readonly statusListeners = new Set<(s: ClinicStatus) => void>();
  private awaySince: string | null = null;
  private connected = false;
  private readonly now: () => Date;
  private readonly log: Logger;

  constructor(private readonly o: ClinicLinkOptions) {
    this.now = o.now ?? (() => new Date());
    this.log = o.logger ?? silentLogger;
    this.serverClock = new ServerClock(o.store, this.now);
    // Who is alive is only judged once the server's clock was read: the engine may ask before this
    // link has started, and a desktop whose clock runs ahead would take every other one for away.
    const desktops = desktopsRepository(o.store, this.serverClock.now);
    const clock = this.serverClock;
    this.presence = new Presence({
      ...o,
      repos: {
        ...o.repos,
        desktops: {
          ...desktops,
          holders: async (doctorId) => {
            await clock.first();
            return desktops.holders(doctorId);
          },
          allCredentials: async () => {
            await clock.first();
            return desktops.allCredentials();
          },
        },
      },
      now: this.serverClock.now,
    });
    this.feed = new ChangeFeed({
      store: o.store,
      logger: this.log,
      onChanges: (changes) => this.received(changes),
      onConnection: (up) => this.connection(up),
    });
  }

  get desktop(): DesktopIdentity {
    return this.o.desktop;
  }

  status(): ClinicStatus {
    return {
      server: this.o.store.path,
      desktop: this.o.desktop.name,
      connected: this.connected,
      awaySince: this.awaySince,
    };
  }

  /** Changes from other desktops (and this one's: the server echoes every commit). */
  onRemoteChange(listener: (kinds: Set<RemoteChange>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(listener: (s: ClinicStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Whether this desktop leads a clinic-wide chore now (one desktop at a time; see PostgresStore). */
  leads(chore: string): Promise<boolean> {
    return this.o.store.leads(chore);
  }

  async start(): Promise<void> {
    await this.feed.start();
    await this.syncClock();
    this.clockTimer = setInterval(() => void this.syncClock(), this.o.heartbeatMs ?? HEARTBEAT_MS);
    this.clockTimer.unref?.();
    await this.presence.start().catch((e) => this.log.warn('clinic.presence-failed', { error: e }));
  }

  async stop(): Promise<void> {
    if (this.clockTimer) clearInterval(this.clockTimer);
    this.clockTimer = null;
    this.presence.stop();
    await this.feed.stop();
  }

  private async syncClock(): Promise<void> {
    await this.serverClock.sync().catch((e) => this.log.debug('clinic.clock-read-failed', { error: e }));
  }

  private received(changes: ClinicChange[]): void {
    const kinds = new Set<RemoteChange>();
    for (const c of changes) {
      const k = KIND[c.table];
      if (k) kinds.add(k);
    }
    if (kinds.size) for (const l of this.listeners) l(kinds);
  }

  private connection(up: boolean): void {
    this.connected = up;
    if (up) {
      const wasAway = this.awaySince !== null;
      this.awaySince = null;
      if (wasAway) {
        this.log.info('clinic.server-back');
        // Notifications sent while away are lost: everything shown is read again, and the
        // sign-ins held here are announced again.
        void this.presence.beat().catch((e) => this.log.warn('clinic.heartbeat-failed', { error: e }));
        const all = new Set<RemoteChange>(['appointments', 'doctors', 'settings', 'work']);
        for (const l of this.listeners) l(all);
      }
    } else {
      this.awaySince ??= this.now().toISOString();
    }
    for (const l of this.statusListeners) l(this.status());
  }
}
