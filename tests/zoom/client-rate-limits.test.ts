import { afterEach, describe, expect, it } from 'vitest';
import type { ZoomApiError } from '../../main/core/zoom/errors';
import { createZoomRateLimiter } from '../../main/core/zoom/rate-limiter';
import { apiCount, meetingInput, type Setup, setup } from './client-setup';
import { connectDoctor } from './sandbox-connection';

const GET_MEETING = 'GET /v2/meetings/{meetingId}';
const CREATE = 'POST /v2/users/{userId}/meetings';

let s: Setup | undefined;
afterEach(() => s?.close());

const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('expected a failure'),
    (e: unknown) => e as ZoomApiError,
  );

describe('Zoom client and Zoom’s rate limits', () => {
  it('waits what Retry-After asks on a per-second 429, then succeeds', async () => {
    s = await setup();
    const { id } = await s.client.createMeeting('me', meetingInput());
    s.sandbox.faults.add({
      method: 'GET',
      path: '/v2/meetings/*',
      count: 1,
      effect: { kind: 'rate-limit', retryAfterSeconds: 1 },
    });
    expect((await s.client.getMeeting(id)).id).toBe(id);
    expect(s.sleeps).toEqual([1000]);
    expect(apiCount(s.sandbox, GET_MEETING)).toBe(2);
  });

  it('resends a create refused with a per-second 429 (Zoom did not apply it)', async () => {
    s = await setup();
    s.sandbox.faults.add({
      method: 'POST',
      path: '/v2/users/*/meetings',
      count: 1,
      effect: { kind: 'rate-limit' },
    });
    await s.client.createMeeting('me', meetingInput());
    expect(apiCount(s.sandbox, CREATE)).toBe(2);
    expect(s.sandbox.meetings()).toHaveLength(1);
  });

  it('reports a 429 asking for a longer wait than allowed instead of waiting', async () => {
    s = await setup();
    const { id } = await s.client.createMeeting('me', meetingInput());
    s.sandbox.faults.add({
      method: 'GET',
      path: '/v2/meetings/*',
      effect: { kind: 'rate-limit', retryAfterSeconds: 120 },
    });
    const e = await failure(s.client.getMeeting(id));
    expect([e.kind, e.reason, e.retryAfterMs]).toEqual(['zoom-rate-limited', 'rate-limited', 120_000]);
    expect(apiCount(s.sandbox, GET_MEETING)).toBe(1);
    expect(s.sleeps).toEqual([]);
  });

  it('reports the daily create/update limit with its reset time and never retries it', async () => {
    const now = () => Date.parse('2029-05-06T17:45:00Z');
    s = await setup({ dailyCreateUpdateLimit: 2, now }, { now });
    const first = await s.client.createMeeting('me', meetingInput());
    await s.client.createMeeting('me', meetingInput());
    const e = await failure(s.client.createMeeting('me', meetingInput()));
    expect([e.kind, e.reason, e.httpStatus, e.zoomCode]).toEqual([
      'zoom-daily-limit',
      'daily-limit',
      429,
      429,
    ]);
    expect(e.resetAt).toBe('2029-05-07T00:00:00.000Z');
    expect(e.retryAfterMs).toBe(6 * 3600_000 + 15 * 60_000);
    expect(apiCount(s.sandbox, CREATE)).toBe(3);
    const u = await failure(s.client.updateMeeting(first.id, { duration: 20 }));
    expect(u.kind).toBe('zoom-daily-limit');
    expect(apiCount(s.sandbox, 'PATCH /v2/meetings/{meetingId}')).toBe(1);
    expect(s.sleeps).toEqual([]);
  });

  it('keeps a burst from two doctors of one account within the account’s rate', async () => {
    const rates = { light: 4, medium: 2, heavy: 1 };
    s = await setup({ rateLimits: rates });
    const patel = await connectDoctor(s.sandbox, 'dr.patel@sandbox.test');
    // A little over a second: the sandbox counts in whole seconds at its end of the wire.
    const shared = createZoomRateLimiter({ ...rates, intervalMs: 1_100 });
    const noRetry = { retries: 0 };
    const lee = s.makeClient({ limiter: shared, retry: noRetry });
    const patelClient = s.makeClient({ limiter: shared, retry: noRetry, tokens: patel });
    const { id } = await lee.createMeeting('me', meetingInput());
    const before = s.sandbox.stats();
    await Promise.all([
      ...Array.from({ length: 6 }, () => lee.getMeeting(id)),
      ...Array.from({ length: 6 }, () => patelClient.getMe()),
      ...Array.from({ length: 3 }, () => lee.listMeetings('me')),
    ]);
    const after = s.sandbox.stats();
    shared.close();
    expect(after.rateLimited).toBe(0);
    expect(after.requests - before.requests).toBe(15);
  });

  it('without a shared budget the same burst is refused by Zoom (the test above means something)', async () => {
    const rates = { light: 4, medium: 2, heavy: 1 };
    s = await setup({ rateLimits: rates });
    const patel = await connectDoctor(s.sandbox, 'dr.patel@sandbox.test');
    const { id } = await s.client.createMeeting('me', meetingInput());
    const loose = createZoomRateLimiter({ light: 100, medium: 100, heavy: 100, intervalMs: 1_000 });
    const lee = s.makeClient({ limiter: loose, retry: { retries: 0 } });
    const patelClient = s.makeClient({ limiter: loose, retry: { retries: 0 }, tokens: patel });
    const results = await Promise.allSettled([
      ...Array.from({ length: 6 }, () => lee.getMeeting(id)),
      ...Array.from({ length: 6 }, () => patelClient.getMe()),
    ]);
    loose.close();
    expect(results.some((r) => r.status === 'rejected')).toBe(true);
    expect(s.sandbox.stats().rateLimited).toBeGreaterThan(0);
  });
});
