// Changes made on other desktops, pushed by the database server (LISTEN/NOTIFY, fed by triggers
// on the shared tables), so reception sees the doctor's meeting within a second without polling.
// While the server is away the feed says so and retries with a growing pause; when it is back,
// it tells its listener to catch up on everything (a notification may have been missed).
import type { Logger } from '../logging/logger';
import { silentLogger } from '../logging/logger';
import type { PostgresStore } from '../store/postgres';

export const CHANGES_CHANNEL = 'clinic_changes';

/** One row changed: its table and id (`appointment_id` for mappings and the outbox). */
export interface ClinicChange {
  table: string;
  id: string;
  op: 'INSERT' | 'UPDATE' | 'DELETE';
}

export interface ChangeFeedOptions {
  store: Pick<PostgresStore, 'listen'>;
  onChanges(changes: ClinicChange[]): void;
  /** The server went away (false) or is back (true); on true, reread everything shown. */
  onConnection(connected: boolean): void;
  logger?: Logger;
  /** Notifications arriving together are handed over as one batch after this pause. */
  batchMs?: number;
  retryMs?: { first: number; max: number };
}

export class ChangeFeed {
  private stopListening: (() => Promise<void>) | null = null;
  private batch: ClinicChange[] = [];
  private batchTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs: number;
  private stopped = false;
  private connected: boolean | undefined;
  private readonly log: Logger;

  constructor(private readonly o: ChangeFeedOptions) {
    this.retryMs = o.retryMs?.first ?? 500;
    this.log = o.logger ?? silentLogger;
  }

  get isConnected(): boolean {
    return this.connected === true;
  }

  /** Resolves once listening (or after the first failure, with retries going on). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.retryTimer = this.batchTimer = null;
    const stop = this.stopListening;
    this.stopListening = null;
    await stop?.();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      this.stopListening = await this.o.store.listen(
        CHANGES_CHANNEL,
        (payload) => this.received(payload),
        (e) => this.lost(e),
      );
      this.retryMs = this.o.retryMs?.first ?? 500;
      this.setConnected(true);
    } catch (e) {
      this.lost(e as Error);
    }
  }

  private lost(e: Error): void {
    if (this.stopped) return;
    const stop = this.stopListening;
    this.stopListening = null;
    void stop?.();
    if (this.connected !== false) this.log.warn('clinic.server-away', { error: e.message });
    this.setConnected(false);
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, this.retryMs);
    this.retryTimer.unref?.();
    this.retryMs = Math.min(this.retryMs * 2, this.o.retryMs?.max ?? 15_000);
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    this.o.onConnection(connected);
  }

  private received(payload: string): void {
    const change = parseChange(payload);
    if (!change) return;
    this.batch.push(change);
    this.batchTimer ??= setTimeout(() => {
      this.batchTimer = null;
      const changes = this.batch.splice(0);
      if (changes.length) this.o.onChanges(changes);
    }, this.o.batchMs ?? 30);
  }
}

export function parseChange(payload: string): ClinicChange | undefined {
  try {
    const v = JSON.parse(payload) as Partial<ClinicChange>;
    if (typeof v.table === 'string' && typeof v.id === 'string' && typeof v.op === 'string')
      return { table: v.table, id: v.id, op: v.op as ClinicChange['op'] };
  } catch {
    // Not ours: ignored.
  }
  return undefined;
}
