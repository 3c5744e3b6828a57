// A Zoom sign-in that is never finished ends by itself when its state expires, and says so: the
// screen that shows "Waiting for Zoom sign-in…" follows by push, without asking again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../main/core/connections/connection-record';
import { type Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('a waiting sign-in', () => {
  it('reports when it ends, ends then, and pushes the change', async () => {
    const m = h.makeManager({ now: Date.now, pendingTtlMs: 300 });
    const seen: ConnectionStatus[] = [];
    m.onChange((s) => seen.push(s));
    const started = Date.now();
    await m.beginConnect('lee', { redirectMode: 'scheme' });
    const waiting = await m.status('lee');
    expect(waiting.state).toBe('connecting');
    expect(waiting.connectingUntil).toBeGreaterThanOrEqual(started + 300);
    expect(waiting.connectingUntil).toBeLessThan(started + 1_000);
    await new Promise((r) => setTimeout(r, 700));
    // Nobody asked for the status: the end was pushed.
    expect(seen.at(-1)?.state).toBe('disconnected');
    expect(seen.at(-1)?.connectingUntil).toBeUndefined();
    await m.dispose();
  });

  it('a loopback sign-in ends at its listener’s time-out, which it reports', async () => {
    const m = h.makeManager({ now: Date.now, loopbackTimeoutMs: 300 });
    const seen: ConnectionStatus[] = [];
    m.onChange((s) => seen.push(s));
    const started = Date.now();
    await m.beginConnect('patel', { redirectMode: 'loopback' });
    expect((await m.status('patel')).connectingUntil).toBeLessThan(started + 1_000);
    await new Promise((r) => setTimeout(r, 700));
    expect(seen.at(-1)?.state).toBe('disconnected');
    await m.dispose();
  });
});
