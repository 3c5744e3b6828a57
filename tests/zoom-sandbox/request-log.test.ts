// The sandbox's request log and strict report: tests judge clients by what they sent, and the
// report flags what real Zoom lets through but the companion must never do.
import { afterEach, describe, expect, it } from 'vitest';
import { startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';
import { api, connectDoctor, manualClock, visit } from './helpers';

let sb: ZoomSandbox;
afterEach(() => sb.close());

describe('request log', () => {
  it('keeps the body the client sent, not the meeting the sandbox made of it', async () => {
    sb = await startZoomSandbox({ rateLimits: false });
    const t = (await connectDoctor(sb)).access_token;
    const made = await api(sb, t, 'POST', '/users/me/meetings', visit);
    expect(made.body.password).toMatch(/^\w{6}$/); // invented by the sandbox, as Zoom does
    const [create] = sb.requests().filter((r) => r.route === 'POST /v2/users/{userId}/meetings');
    expect(create).toMatchObject({ method: 'POST', status: 201, accountId: 'sbxAcct_Clinic01', body: visit });
    expect(create!.body).not.toHaveProperty('password');
    expect(sb.strictReport()).toMatchObject({ ok: false, counts: { 'create-without-passcode': 1 } });
    await api(sb, t, 'POST', '/users/me/meetings', { ...visit, password: 'Ab3xYz9Q' });
    expect(sb.strictReport().counts['create-without-passcode']).toBe(1);
    sb.clearRequests();
    expect(sb.requests()).toEqual([]);
    expect(sb.strictReport().ok).toBe(true);
  });
});

describe('strict report', () => {
  it('flags a request of the same account inside a per-second Retry-After window, after a grace', async () => {
    const clock = manualClock(Date.UTC(2030, 0, 10, 9, 0, 0, 0));
    sb = await startZoomSandbox({ now: clock.now, rateLimits: false });
    const lee = (await connectDoctor(sb)).access_token;
    const patel = (await connectDoctor(sb, 'dr.patel@sandbox.test')).access_token;
    sb.faults.add({ path: '/v2/users/me', count: 1, effect: { kind: 'rate-limit', retryAfterSeconds: 2 } });
    expect((await api(sb, lee, 'GET', '/users/me')).status).toBe(429);
    clock.add(100); // in flight when the 429 left: tolerated
    await api(sb, patel, 'GET', '/users/me/meetings');
    expect(sb.strictReport().ok).toBe(true);
    clock.add(500); // another doctor, same account: the pause is account-wide
    await api(sb, patel, 'GET', '/users/me/meetings');
    clock.add(1500); // 2.1 s after the 429: allowed again
    await api(sb, lee, 'GET', '/users/me');
    const r = sb.strictReport();
    expect(r.counts['inside-retry-after']).toBe(1);
    expect(r.violations[0]).toMatchObject({
      kind: 'inside-retry-after',
      route: 'GET /v2/users/{userId}/meetings',
    });
  });

  it('flags more requests in a second than Zoom publishes, even where the server lets them through', async () => {
    const clock = manualClock(Date.UTC(2030, 0, 10, 9, 0, 0, 0));
    sb = await startZoomSandbox({ now: clock.now, rateLimits: false });
    const t = (await connectDoctor(sb)).access_token;
    for (let i = 0; i < 20; i++) {
      await api(sb, t, 'GET', '/users/me/meetings');
      clock.add(45); // 20 Medium requests within 900 ms: at the limit, not above it
    }
    expect(sb.strictReport().ok).toBe(true);
    await api(sb, t, 'GET', '/users/me/meetings');
    expect(sb.strictReport().counts['above-rate-limit']).toBe(0); // the first left the window
    clock.add(-100);
    await api(sb, t, 'GET', '/users/me/meetings');
    expect(sb.strictReport().counts['above-rate-limit']).toBe(1);
  });

  it('does not treat the daily limit (a per-host HTTP-date) as an account pause', async () => {
    sb = await startZoomSandbox({ dailyCreateUpdateLimit: 1, rateLimits: false });
    const lee = (await connectDoctor(sb)).access_token;
    const pw = { ...visit, password: 'Ab3xYz9Q' };
    await api(sb, lee, 'POST', '/users/me/meetings', pw);
    expect((await api(sb, lee, 'POST', '/users/me/meetings', pw)).status).toBe(429);
    await new Promise((r) => setTimeout(r, 300));
    await api(sb, lee, 'GET', '/users/me');
    expect(sb.strictReport()).toMatchObject({ ok: true });
  });
});
