// Desktops of one clinic spend one Zoom account's budget: each paces itself at its share.
import { describe, expect, it } from 'vitest';
import { createSharedZoomRateLimiter, ZOOM_PRO_RATE_LIMITS } from '../../main/core/zoom';

const limits = { ...ZOOM_PRO_RATE_LIMITS, intervalMs: 400, marginMs: 0 };

async function startedInFirstInterval(sharers: () => number, tasks = 40): Promise<number> {
  const limiter = createSharedZoomRateLimiter(sharers, limits);
  const t0 = Date.now();
  const starts: number[] = [];
  await Promise.all(
    Array.from({ length: tasks }, () =>
      limiter.schedule('clinic', 'medium', async () => {
        starts.push(Date.now() - t0);
      }),
    ),
  );
  limiter.close();
  return starts.filter((t) => t < limits.intervalMs - 50).length;
}

describe('the Zoom budget shared by the desktops of a clinic', () => {
  it('one desktop alone paces at the account’s whole rate', async () => {
    expect(await startedInFirstInterval(() => 1)).toBe(limits.medium);
  });

  it('four desktops making meetings each take a quarter', async () => {
    expect(await startedInFirstInterval(() => 4)).toBe(Math.floor(limits.medium / 4));
  });

  it('follows the count as desktops come and go', async () => {
    let n = 1;
    const limiter = createSharedZoomRateLimiter(() => n, limits);
    const run = async () => {
      const t0 = Date.now();
      const starts: number[] = [];
      await Promise.all(
        Array.from({ length: 30 }, () =>
          limiter.schedule('clinic', 'heavy', async () => void starts.push(Date.now() - t0)),
        ),
      );
      return starts.filter((t) => t < limits.intervalMs - 50).length;
    };
    expect(await run()).toBe(limits.heavy);
    n = 5;
    expect(await run()).toBe(Math.floor(limits.heavy / 5));
    limiter.close();
  });
});
