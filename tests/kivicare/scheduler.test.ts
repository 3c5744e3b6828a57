import { describe, expect, it } from 'vitest';
import { type SchedulerClock, SyncScheduler } from '../../main/core/sources/scheduler';
import type { SyncMode } from '../../main/core/sources/sync';

class FakeClock implements SchedulerClock {
  t = 0;
  timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (h: unknown) => {
    this.timers.delete(h as number);
  };
  /** Moves time on and fires what fell due, letting each run settle. */
  async advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
      await new Promise((r) => setImmediate(r));
    }
    this.t = end;
  }
}

const record = (runs: SyncMode[], ok: () => boolean) => async (m: SyncMode) => {
  runs.push(m);
  return { ok: ok() };
};

describe('sync scheduler', () => {
  it('runs a full sync on start, incremental ones every 5 minutes, and a full one each hour', async () => {
    const clock = new FakeClock();
    const runs: SyncMode[] = [];
    const scheduler = new SyncScheduler({ clock, run: record(runs, () => true) });
    await scheduler.start();
    await clock.advance(60 * 60_000);
    expect(runs[0]).toBe('full');
    expect(runs.slice(1, 11).every((m) => m === 'incremental')).toBe(true);
    expect(runs.at(-1)).toBe('full');
    expect(runs).toHaveLength(13);
    expect(clock.timers.size).toBe(1);
    scheduler.stop();
    expect(clock.timers.size).toBe(0);
  });

  it('retries the full sync when it failed, instead of settling for incremental ones', async () => {
    const clock = new FakeClock();
    const runs: SyncMode[] = [];
    let ok = false;
    const scheduler = new SyncScheduler({ clock, run: record(runs, () => ok) });
    await scheduler.start();
    await clock.advance(5 * 60_000);
    ok = true;
    await clock.advance(10 * 60_000);
    expect(runs).toEqual(['full', 'full', 'full', 'incremental']);
    scheduler.stop();
  });

  it('"sync now" runs at once and leaves exactly one timer behind', async () => {
    const clock = new FakeClock();
    const runs: SyncMode[] = [];
    const scheduler = new SyncScheduler({ clock, run: record(runs, () => true) });
    await scheduler.start();
    await Promise.all([scheduler.syncNow('incremental'), scheduler.syncNow()]);
    expect(runs).toEqual(['full', 'incremental', 'full']);
    expect(clock.timers.size).toBe(1);
    scheduler.stop();
  });
});
