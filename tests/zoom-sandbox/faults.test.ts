import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';
import { api, connectDoctor, visit } from './helpers';

let sb: ZoomSandbox;
let token: string;
beforeEach(async () => {
  sb = await startZoomSandbox({ rateLimits: false });
  token = (await connectDoctor(sb)).access_token;
});
afterEach(() => sb.close());

const CREATE = '/v2/users/*/meetings';
const create = (t = token) => api(sb, t, 'POST', '/users/me/meetings', visit);

describe('fault injection', () => {
  it('adds latency and then answers normally', async () => {
    sb.faults.add({ method: 'GET', path: '/v2/users/me', effect: { kind: 'latency', ms: 150 } });
    const started = Date.now();
    expect((await api(sb, token, 'GET', '/users/me')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers 5xx with a Zoom-like JSON body or an HTML page, without applying the request', async () => {
    sb.faults.add({ path: CREATE, count: 1, effect: { kind: 'status', status: 500 } });
    sb.faults.add({ path: CREATE, count: 1, effect: { kind: 'status', status: 502, body: 'html' } });
    const a = await create();
    expect(a.status).toBe(500);
    expect(a.body.code).toBe(500);
    const b = await create();
    expect(b.status).toBe(502);
    expect(b.headers.get('content-type')).toContain('text/html');
    expect(sb.meetings()).toHaveLength(0);
    expect((await create()).status).toBe(201);
  });

  it('answers a per-second 429 with Retry-After and X-RateLimit headers', async () => {
    sb.faults.add({ path: CREATE, count: 1, effect: { kind: 'rate-limit', retryAfterSeconds: 2 } });
    const res = await create();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.headers.get('x-ratelimit-category')).toBe('Medium');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('answers the daily-limit 429 body', async () => {
    sb.faults.add({ path: CREATE, count: 1, effect: { kind: 'daily-limit' } });
    const res = await create();
    expect(res.body.message).toMatch(/daily rate limit \(100\) of Meeting Create\/Update API requests/);
  });

  it('drops the connection without an answer and without applying the request', async () => {
    sb.faults.add({ path: CREATE, count: 1, effect: { kind: 'drop' } });
    await expect(create()).rejects.toThrow();
    expect(sb.meetings()).toHaveLength(0);
  });

  it('applies a create and then drops the answer, so the client cannot know it succeeded', async () => {
    sb.faults.add({ path: CREATE, count: 1, effect: { kind: 'apply-then-drop' } });
    await expect(create()).rejects.toThrow();
    expect(sb.meetings()).toHaveLength(1);
    expect(sb.stats().creates).toBe(1);
  });

  it('applies and then stalls past a client time-out', async () => {
    sb.faults.add({ path: CREATE, count: 1, effect: { kind: 'apply-then-drop', delayMs: 2000 } });
    const res = fetch(`${sb.apiBaseUrl}/users/me/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(visit),
      signal: AbortSignal.timeout(300),
    });
    await expect(res).rejects.toThrow(/aborted|timeout/i);
    expect(sb.meetings()).toHaveLength(1);
  });

  it('answers malformed bodies: HTML with 200, truncated JSON, and wrong JSON types after applying', async () => {
    sb.faults.add({ path: CREATE, count: 1, effect: { kind: 'malformed', variant: 'html' } });
    sb.faults.add({ path: CREATE, count: 1, effect: { kind: 'malformed', variant: 'truncated-json' } });
    sb.faults.add({ path: CREATE, count: 1, effect: { kind: 'malformed', variant: 'wrong-types' } });
    const html = await create();
    expect(html.status).toBe(200);
    expect(typeof html.body).toBe('string');
    const truncated = await create();
    expect(typeof truncated.body).toBe('string');
    const wrong = await create();
    expect(wrong.status).toBe(201);
    expect(typeof wrong.body.id).toBe('string');
    expect(sb.meetings()).toHaveLength(1);
  });

  it('fires for the next N requests only', async () => {
    sb.faults.add({ method: 'GET', path: '/v2/users/me', count: 2, effect: { kind: 'status', status: 503 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await api(sb, token, 'GET', '/users/me')).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(sb.faults.list()).toHaveLength(0);
  });

  it('repeats the same probabilistic pattern for the same seed', async () => {
    const pattern = async () => {
      sb.faults.clear();
      sb.faults.seed(42);
      sb.faults.add({ path: '/v2/users/me', probability: 0.5, effect: { kind: 'status', status: 500 } });
      const out = [];
      for (let i = 0; i < 12; i++) out.push((await api(sb, token, 'GET', '/users/me')).status);
      return out;
    };
    const first = await pattern();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
  });

  it('targets one doctor and matches OAuth paths too', async () => {
    const patel = (await connectDoctor(sb, 'dr.patel@sandbox.test')).access_token;
    const id = sb.faults.add({
      path: '/v2/**',
      user: 'dr.patel@sandbox.test',
      effect: { kind: 'status', status: 500 },
    });
    expect((await api(sb, token, 'GET', '/users/me')).status).toBe(200);
    expect((await api(sb, patel, 'GET', '/users/me')).status).toBe(500);
    sb.faults.remove(id);
    expect((await api(sb, patel, 'GET', '/users/me')).status).toBe(200);
    sb.faults.add({
      method: 'POST',
      path: /^\/oauth\/token$/,
      count: 1,
      effect: { kind: 'status', status: 503 },
    });
    await expect(connectDoctor(sb)).rejects.toThrow(/token exchange failed/);
    expect(sb.stats().faultsInjected).toBeGreaterThanOrEqual(2);
  });
});
