import { describe, expect, it } from 'vitest';
import { ZoomApiError, type ZoomApiErrorInit } from '../../main/core/zoom/errors';
import { fullJitterDelay, nextUtcMidnight, parseRetryAfter } from '../../main/core/zoom/retry-after';
import { createOutcomeUnknown, DEFAULT_RETRY, retryDelay } from '../../main/core/zoom/retry-policy';

const err = (init: Partial<ZoomApiErrorInit>) =>
  new ZoomApiError({ kind: 'zoom-unavailable', reason: 'server-error', message: 'm', ...init });

describe('retry policy', () => {
  it('backs off with full jitter, capped', () => {
    expect(fullJitterDelay(0, 500, 8000, () => 0.999)).toBe(499);
    expect(fullJitterDelay(10, 500, 8000, () => 0.5)).toBe(4000);
    expect(fullJitterDelay(3, 500, 8000, () => 0)).toBe(0);
  });

  it('waits what Retry-After asks on a per-second 429, but not beyond the bound', () => {
    const r = () => 0.5;
    expect(
      retryDelay(
        err({ kind: 'zoom-rate-limited', reason: 'rate-limited', retryAfterMs: 1000 }),
        0,
        DEFAULT_RETRY,
        r,
      ),
    ).toBe(1000);
    expect(
      retryDelay(
        err({ kind: 'zoom-rate-limited', reason: 'rate-limited', retryAfterMs: 3_600_000 }),
        0,
        DEFAULT_RETRY,
        r,
      ),
    ).toBeUndefined();
  });

  it('never retries the daily limit, a lost connection or a rejected request', () => {
    for (const reason of [
      'daily-limit',
      'token-invalid',
      'meeting-not-found',
      'validation',
      'outcome-unknown',
    ] as const) {
      expect(retryDelay(err({ reason }), 0, DEFAULT_RETRY, Math.random)).toBeUndefined();
    }
  });

  it('turns a create that timed out into outcome-unknown, but not one refused before sending', () => {
    expect(createOutcomeUnknown(err({ reason: 'timeout' }))?.reason).toBe('outcome-unknown');
    expect(createOutcomeUnknown(err({ reason: 'server-error', httpStatus: 502 }))?.reason).toBe(
      'outcome-unknown',
    );
    expect(createOutcomeUnknown(err({ reason: 'network', notSent: true }))).toBeUndefined();
    expect(createOutcomeUnknown(err({ reason: 'rate-limited' }))).toBeUndefined();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2030-01-01T12:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Tue, 01 Jan 2030 12:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon-ish 99', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('puts the daily reset at the next midnight UTC', () => {
    expect(new Date(nextUtcMidnight(Date.parse('2030-01-01T23:59:59Z'))).toISOString()).toBe(
      '2030-01-02T00:00:00.000Z',
    );
    expect(new Date(nextUtcMidnight(Date.parse('2030-01-01T00:00:00Z'))).toISOString()).toBe(
      '2030-01-02T00:00:00.000Z',
    );
  });
});
