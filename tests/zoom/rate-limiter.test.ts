import { afterEach, describe, expect, it } from 'vitest';
import { createZoomRateLimiter, type ZoomRateLimiter } from '../../main/core/zoom/rate-limiter';

let limiter: ZoomRateLimiter | undefined;
afterEach(() => limiter?.close());

const startTimes = async (
  l: ZoomRateLimiter,
  account: string,
  n: number,
  category: 'light' | 'medium' = 'light',
) => {
  const starts: number[] = [];
  await Promise.all(
    Array.from({ length: n }, () =>
      l.schedule(account, category, async () => {
        starts.push(performance.now());
      }),
    ),
  );
  return starts.sort((a, b) => a - b);
};

describe('Zoom rate limiter', () => {
  it('starts no more than the cap in any rolling interval', async () => {
    limiter = createZoomRateLimiter({ light: 3, medium: 2, heavy: 1, intervalMs: 200 });
    const starts = await startTimes(limiter, 'acct', 9);
    for (let i = 3; i < starts.length; i++) expect(starts[i]! - starts[i - 3]!).toBeGreaterThanOrEqual(195);
  });

  it('gives each account and each category its own budget', async () => {
    limiter = createZoomRateLimiter({ light: 3, medium: 3, heavy: 1, intervalMs: 10_000 });
    const l = limiter;
    const all = await Promise.all([
      startTimes(l, 'a', 3),
      startTimes(l, 'b', 3),
      startTimes(l, 'a', 3, 'medium'),
    ]);
    const first = Math.min(...all.flat());
    expect(Math.max(...all.flat()) - first).toBeLessThan(1_000);
  });

  it('holds every queue of an account while Zoom asked it to wait, and only that account', async () => {
    limiter = createZoomRateLimiter({ light: 100, medium: 100, heavy: 100, intervalMs: 1000 });
    const t0 = performance.now();
    limiter.pause('a', 300);
    const [held, medium, other] = await Promise.all([
      startTimes(limiter, 'a', 1),
      startTimes(limiter, 'a', 1, 'medium'),
      startTimes(limiter, 'b', 1),
    ]);
    expect(held[0]! - t0).toBeGreaterThanOrEqual(290);
    expect(medium[0]! - t0).toBeGreaterThanOrEqual(290);
    expect(other[0]! - t0).toBeLessThan(100);
  });
});
