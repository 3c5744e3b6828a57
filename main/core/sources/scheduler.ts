// When to sync: a full sync on start, incremental ones every few minutes, a full one every hour,
// and on demand. The clock is injected so tests drive time instead of waiting for it.
import type { SyncMode } from './sync';

export interface SchedulerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface SchedulerOptions {
  run: (mode: SyncMode) => Promise<{ ok: boolean }>;
  clock?: SchedulerClock;
  incrementalEveryMs?: number;
  fullEveryMs?: number;
}

export class SyncScheduler {
  private timer: unknown;
  private lastFullOkAt = Number.NEGATIVE_INFINITY;
  private stopped = true;
  private readonly clock: SchedulerClock;
  private readonly incrementalEveryMs: number;
  private readonly fullEveryMs: number;

  constructor(private readonly o: SchedulerOptions) {
    this.clock = o.clock ?? realClock;
    this.incrementalEveryMs = o.incrementalEveryMs ?? 5 * 60_000;
    this.fullEveryMs = o.fullEveryMs ?? 60 * 60_000;
  }

  /** Starts with a full sync right away. */
  start(): Promise<void> {
    this.stopped = false;
    return this.tick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** "Sync now" from the UI; the regular rhythm restarts from here. */
  syncNow(mode: SyncMode = 'full'): Promise<void> {
    return this.tick(mode);
  }

  /** Which kind of sync is due now: a full one if the last successful full one is an hour old. */
  nextMode(): SyncMode {
    return this.clock.now() - this.lastFullOkAt >= this.fullEveryMs ? 'full' : 'incremental';
  }

  private async tick(forced?: SyncMode): Promise<void> {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const mode = forced ?? this.nextMode();
    try {
      const result = await this.o.run(mode);
      if (result.ok && mode === 'full') this.lastFullOkAt = this.clock.now();
    } finally {
      // A "sync now" during a timed run must not leave two timers behind.
      if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
      this.timer = this.stopped
        ? undefined
        : this.clock.setTimeout(() => void this.tick(), this.incrementalEveryMs);
    }
  }
}
