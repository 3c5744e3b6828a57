// Pushes of derived state are paced: a burst becomes a few pushes, each with the newest state.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { EventHub } from '../../main/core/app/events';

const status = (pending: number) => ({
  online: true,
  sandbox: true,
  zoomServer: 'Zoom sandbox',
  clinicTimeZone: 'UTC',
  outbox: { pending, parked: 0 },
  lastSyncAt: null,
  database: { shared: false, server: null, desktop: null, connected: true, awaySince: null },
});

describe('EventHub.soon', () => {
  it('a storm of 500 changes is a handful of pushes, and the last carries the final state', async () => {
    const hub = new EventHub(50);
    const seen: number[] = [];
    hub.on((e, p) => {
      if (e === 'status:changed') seen.push((p as ReturnType<typeof status>).outbox.pending);
    });
    let pending = 500;
    for (let i = 0; i < 500; i++) {
      pending--;
      // Each change knows only its own state: a push must read the newest one, not the first.
      const mine = pending;
      hub.soon('status:changed', () => status(mine));
      if (i % 100 === 0) await sleep(10);
    }
    await sleep(150);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(10);
    expect(seen.at(-1)).toBe(0);
    hub.close();
  });

  it('a single change is pushed at once, not after the window', async () => {
    const hub = new EventHub(10_000);
    const seen: unknown[] = [];
    hub.on((_e, p) => seen.push(p));
    hub.soon('doctors:changed', () => ({}));
    await sleep(20);
    expect(seen).toEqual([{}]);
    hub.close();
  });
});
