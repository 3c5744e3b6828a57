import { afterEach, describe, expect, it } from 'vitest';
import { startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';
import { api, connectDoctor, manualClock, visit } from './helpers';

let sb: ZoomSandbox;
afterEach(() => sb.close());

describe('daily create/update limit', () => {
  it('answers 429 with the daily-limit body after the limit, per host, until 00:00 UTC', async () => {
    const clock = manualClock(Date.UTC(2030, 0, 10, 23, 30, 0));
    sb = await startZoomSandbox({ now: clock.now, dailyCreateUpdateLimit: 3, rateLimits: false });
    const lee = (await connectDoctor(sb)).access_token;
    const patel = (await connectDoctor(sb, 'dr.patel@sandbox.test')).access_token;
    const id = (await api(sb, lee, 'POST', '/users/me/meetings', visit)).body.id;
    await api(sb, lee, 'PATCH', `/meetings/${id}`, { duration: 40 });
    await api(sb, lee, 'POST', '/users/me/meetings', visit);
    const over = await api(sb, lee, 'POST', '/users/me/meetings', visit);
    expect(over.status).toBe(429);
    expect(over.body.code).toBe(429);
    expect(over.body.message).toMatch(
      /^You have exceeded the daily rate limit \(3\) of Meeting Create\/Update API requests/,
    );
    expect(over.headers.get('x-ratelimit-type')).toBe('Daily-limit');
    expect(new Date(over.headers.get('retry-after')!).getTime()).toBe(Date.UTC(2030, 0, 11));
    expect((await api(sb, lee, 'PATCH', `/meetings/${id}`, { duration: 50 })).status).toBe(429);
    expect((await api(sb, patel, 'POST', '/users/me/meetings', visit)).status).toBe(201);
    expect(sb.meetings()).toHaveLength(3);
    clock.set(Date.UTC(2030, 0, 11, 0, 0, 1));
    expect((await api(sb, lee, 'POST', '/users/me/meetings', visit)).status).toBe(201);
  });
});

describe('per-second rate limits', () => {
  it('answers 429 with Retry-After and X-RateLimit headers past the Medium limit, then recovers', async () => {
    const clock = manualClock(Date.UTC(2030, 0, 10, 9, 0, 0, 250));
    sb = await startZoomSandbox({ now: clock.now });
    const t = (await connectDoctor(sb)).access_token;
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push(await api(sb, t, 'GET', '/users/me/meetings'));
    expect(answers[0]!.headers.get('x-ratelimit-category')).toBe('Medium');
    expect(answers[0]!.headers.get('x-ratelimit-limit')).toBe('20');
    expect(answers[19]!.headers.get('x-ratelimit-remaining')).toBe('0');
    const limited = answers[20]!;
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      code: 429,
      message: 'You have reached the maximum per-second rate limit for this API. Try again later.',
    });
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('x-ratelimit-type')).toBe('QPS');
    // Light is a separate bucket.
    expect((await api(sb, t, 'GET', '/users/me')).status).toBe(200);
    clock.add(1000);
    expect((await api(sb, t, 'GET', '/users/me/meetings')).status).toBe(200);
    expect(sb.stats().rateLimited).toBe(1);
  });

  it('shares the bucket across every token of the account', async () => {
    const clock = manualClock();
    sb = await startZoomSandbox({ now: clock.now, rateLimits: { light: 2, medium: 2, heavy: 1 } });
    const lee = (await connectDoctor(sb)).access_token;
    const patel = (await connectDoctor(sb, 'dr.patel@sandbox.test')).access_token;
    expect((await api(sb, lee, 'GET', '/users/me')).status).toBe(200);
    expect((await api(sb, patel, 'GET', '/users/me')).status).toBe(200);
    expect((await api(sb, lee, 'GET', '/users/me')).status).toBe(429);
  });
});

describe('request bodies', () => {
  it('answers 413 for a body over the size limit', async () => {
    sb = await startZoomSandbox({ maxBodyBytes: 1024 });
    const t = (await connectDoctor(sb)).access_token;
    const res = await api(sb, t, 'POST', '/users/me/meetings', { ...visit, agenda: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(sb.meetings()).toHaveLength(0);
  });

  it('answers 404 for an unknown path', async () => {
    sb = await startZoomSandbox();
    const t = (await connectDoctor(sb)).access_token;
    expect((await api(sb, t, 'GET', '/webinars/1')).status).toBe(404);
  });
});
