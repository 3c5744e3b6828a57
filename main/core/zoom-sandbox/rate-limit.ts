import { HttpError, jsonReply } from './http';
import type { SandboxState } from './state';

export type RateCategory = 'Light' | 'Medium' | 'Heavy';

export const perSecondBody = {
  code: 429,
  message: 'You have reached the maximum per-second rate limit for this API. Try again later.',
};

export const dailyBody = (limit: number) => ({
  code: 429,
  message: `You have exceeded the daily rate limit (${limit}) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.`,
});

export function perSecondHeaders(
  category: RateCategory,
  limit: number,
  remaining: number,
): Record<string, string> {
  return {
    'x-ratelimit-category': category,
    'x-ratelimit-type': 'QPS',
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(Math.max(0, remaining)),
  };
}

export function rateLimited(category: RateCategory, limit: number, retryAfterSeconds = 1): HttpError {
  return new HttpError(
    jsonReply(429, perSecondBody, {
      ...perSecondHeaders(category, limit, 0),
      'retry-after': String(retryAfterSeconds),
    }),
  );
}

/**
 * Fixed one-second windows per account and category (Zoom counts per account, shared by all apps).
 * Returns the headers for the answer, or throws the 429.
 */
export function takeRequest(
  state: SandboxState,
  accountId: string,
  category: RateCategory,
): Record<string, string> {
  const limits = state.settings.rateLimits;
  if (!limits) return {};
  const limit = limits[category.toLowerCase() as 'light' | 'medium' | 'heavy'];
  const second = Math.floor(state.now() / 1000);
  const key = `${accountId}:${category}:${second}`;
  const used = state.windows.get(key) ?? 0;
  if (used >= limit) {
    state.stats.rateLimited++;
    const retry = Math.max(1, Math.ceil(((second + 1) * 1000 - state.now()) / 1000));
    throw rateLimited(category, limit, retry);
  }
  state.windows.set(key, used + 1);
  if (state.windows.size > 1000) pruneWindows(state, second);
  return perSecondHeaders(category, limit, limit - used - 1);
}

function pruneWindows(state: SandboxState, second: number): void {
  for (const key of state.windows.keys()) {
    if (Number(key.split(':').pop()) < second) state.windows.delete(key);
  }
}

const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function nextUtcMidnight(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

export function dailyLimitError(state: SandboxState, limit: number): HttpError {
  return new HttpError(
    jsonReply(429, dailyBody(limit), {
      'x-ratelimit-category': 'Medium',
      'x-ratelimit-type': 'Daily-limit',
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': '0',
      // An HTTP-date (RFC 9110 §10.2.3): the limit resets at 00:00 UTC.
      'retry-after': new Date(nextUtcMidnight(state.now())).toUTCString(),
    }),
  );
}

/** Meeting create + update per host user per UTC day. Counts only requests that get through. */
export function checkDaily(state: SandboxState, hostUserId: string): () => void {
  const key = `${hostUserId}:${utcDay(state.now())}`;
  const used = state.daily.get(key) ?? 0;
  const limit = state.settings.dailyCreateUpdateLimit;
  if (used >= limit) {
    state.stats.rateLimited++;
    throw dailyLimitError(state, limit);
  }
  return () => state.daily.set(key, (state.daily.get(key) ?? 0) + 1);
}
