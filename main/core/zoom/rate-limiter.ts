// Zoom limits requests per account and per category, shared by every app and every doctor on
// that account. One limiter instance is shared by all clients of the app; p-queue's strict
// (sliding-window) interval cap keeps each category within its published rate.
import PQueue from 'p-queue';
import type { RateCategory } from './operations';

export interface ZoomRateLimits {
  /** Requests per interval for each category. */
  light: number;
  medium: number;
  heavy: number;
  intervalMs: number;
  /**
   * Added to each interval. Zoom counts requests as they arrive; they leave here in bursts, and the
   * network (or a busy moment of this process) delays some more than others, so a late tail of one
   * second's burst can land beside the next burst. A fifth of a second keeps them apart.
   */
  marginMs?: number;
  /** Requests in flight per account and category. */
  concurrency?: number;
}

/** Pro / Business Zoom accounts (zoom.md); Business+ and Enterprise allow more. */
export const ZOOM_PRO_RATE_LIMITS: ZoomRateLimits = {
  light: 30,
  medium: 20,
  heavy: 10,
  intervalMs: 1000,
  marginMs: 200,
};

export interface ZoomRateLimiter {
  /** Runs `task` when the account's category has room; each HTTP attempt goes through here. */
  schedule<T>(accountKey: string, category: RateCategory, task: () => Promise<T>): Promise<T>;
  /** Holds every queue of the account (Zoom said Retry-After), so a burst does not keep hammering. */
  pause(accountKey: string, ms: number): void;
  /** Stops pause timers (tests, shutdown). */
  close(): void;
}

interface AccountQueues {
  queues: Record<RateCategory, PQueue>;
  pausedUntil: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export function createZoomRateLimiter(limits: ZoomRateLimits = ZOOM_PRO_RATE_LIMITS): ZoomRateLimiter {
  const accounts = new Map<string, AccountQueues>();
  const queue = (intervalCap: number) =>
    new PQueue({
      intervalCap,
      interval: limits.intervalMs + (limits.marginMs ?? 0),
      strict: true,
      concurrency: limits.concurrency ?? 8,
    });

  const account = (key: string): AccountQueues => {
    let a = accounts.get(key);
    if (!a) {
      a = {
        queues: { light: queue(limits.light), medium: queue(limits.medium), heavy: queue(limits.heavy) },
        pausedUntil: 0,
        timer: undefined,
      };
      accounts.set(key, a);
    }
    return a;
  };

  return {
    schedule(accountKey, category, task) {
      return account(accountKey).queues[category].add(task);
    },
    pause(accountKey, ms) {
      const a = account(accountKey);
      const until = Date.now() + ms;
      if (ms <= 0 || until <= a.pausedUntil) return;
      a.pausedUntil = until;
      for (const q of Object.values(a.queues)) q.pause();
      clearTimeout(a.timer);
      a.timer = setTimeout(() => {
        a.timer = undefined;
        for (const q of Object.values(a.queues)) q.start();
      }, ms);
      a.timer.unref?.();
    },
    close() {
      for (const a of accounts.values()) clearTimeout(a.timer);
      accounts.clear();
    },
  };
}

/**
 * A clinic of desktops: Zoom's budget is the account's, and every desktop that makes meetings
 * spends from it. Each desktop paces itself at its share (`sharers()` desktops, this one included,
 * hold sign-ins); when that count changes, new requests go through queues at the new share while
 * those already queued finish at the old one. A 429 still pauses this desktop's queues as before.
 */
export function createSharedZoomRateLimiter(
  sharers: () => number,
  limits: ZoomRateLimits = ZOOM_PRO_RATE_LIMITS,
): ZoomRateLimiter {
  let n = 0;
  let inner: ZoomRateLimiter | undefined;
  const retired: ZoomRateLimiter[] = [];
  const current = () => {
    const now = Math.max(1, Math.floor(sharers()));
    if (!inner || now !== n) {
      if (inner) retired.push(inner);
      n = now;
      const share = (x: number) => Math.max(1, Math.floor(x / n));
      inner = createZoomRateLimiter({
        ...limits,
        light: share(limits.light),
        medium: share(limits.medium),
        heavy: share(limits.heavy),
      });
    }
    return inner;
  };
  return {
    schedule: (accountKey, category, task) => current().schedule(accountKey, category, task),
    pause(accountKey, ms) {
      current().pause(accountKey, ms);
      for (const r of retired) r.pause(accountKey, ms);
    },
    close() {
      inner?.close();
      for (const r of retired.splice(0)) r.close();
    },
  };
}
