// Zoom answering nonsense while the engine provisions: wrong types, missing fields, HTML pages
// instead of JSON, truncated JSON, bodies too large to read, HTML error pages. Each is a typed
// error on the visit ("Zoom gave an answer the companion could not read"), the work is retried,
// and the visit ends with exactly one meeting; a create Zoom applied is adopted, never repeated.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FaultEffect } from '../../main/core/zoom-sandbox';
import { type Harness, startHarness } from '../provisioning/harness';
import { startZoomProxy } from './zoom-proxy';

let h: Harness;
let proxy: Awaited<ReturnType<typeof startZoomProxy>>;
beforeEach(async () => {
  h = await startHarness({ rateLimits: false });
  proxy = await startZoomProxy(h.sandbox.origin);
  // The app's API calls go through the proxy; sign-in talks to the sandbox directly.
  h.env.ZOOM_API_BASE_URL = proxy.apiBaseUrl;
});
afterEach(async () => {
  h.assertNoPatientDataOnZoom();
  await proxy.close();
  await h.close();
});

const CREATE = /^\/v2\/users\/[^/]+\/meetings$/;

async function provisionThrough(setup: () => void, method = 'POST') {
  const s = await h.open();
  await h.connect(s, 'lee');
  setup();
  const a = await h.book(s);
  await s.engine.drain();
  const first = await h.mapping(s, a.id);
  await h.settle(s);
  const m = (await h.mapping(s, a.id))!;
  const live = h.meetingsFor(a.reference);
  return { s, a, first, m, live, method };
}

describe('malformed Zoom answers during provisioning', () => {
  it.each<[string, FaultEffect, number]>([
    ['HTML page with status 200 (not applied)', { kind: 'malformed', variant: 'html' }, 0],
    ['truncated JSON (not applied)', { kind: 'malformed', variant: 'truncated-json' }, 0],
    ['numbers and booleans as strings (applied)', { kind: 'malformed', variant: 'wrong-types' }, 1],
    ['HTML 502 error page (not applied)', { kind: 'status', status: 502, body: 'html' }, 0],
  ])('%s on the create: typed error, retried, exactly one meeting', async (_name, effect, appliedFirst) => {
    const { s, a, first, m, live } = await provisionThrough(() =>
      h.sandbox.faults.add({ method: 'POST', path: '/v2/users/*/meetings', count: 4, effect }),
    );
    expect(first?.state).toBe('creating');
    expect(first?.lastErrorKind).toBe('zoom-unavailable');
    expect(first?.lastErrorMessage).toMatch(/Zoom/);
    expect(m.state).toBe('ready');
    expect(live).toHaveLength(1);
    expect(m.zoomMeetingId).toBe(live[0]!.id);
    expect(h.sandbox.stats().creates).toBe(1);
    if (appliedFirst) expect(s.memory.join('\n')).toContain('zoom.response.malformed');
    expect((await s.book.get(a.id)).id).toBe(a.id);
  });

  it.each<[string, (status: number, body: string) => string]>([
    ['without join_url', (_s, b) => JSON.stringify({ ...JSON.parse(b), join_url: undefined })],
    ['without id', (_s, b) => JSON.stringify({ ...JSON.parse(b), id: undefined })],
    ['with id as an object', (_s, b) => JSON.stringify({ ...JSON.parse(b), id: { $gt: 1 } })],
    ['with start_url not a URL', (_s, b) => JSON.stringify({ ...JSON.parse(b), start_url: 'not a url' })],
    ['as a JSON array', () => '[]'],
    ['as null', () => 'null'],
    ['of 3 MB', (_s, b) => JSON.stringify({ ...JSON.parse(b), agenda: 'x'.repeat(3 * 1024 * 1024) })],
  ])(
    'a create Zoom applied but answered %s: adopted by reference, never created twice',
    async (_name, body) => {
      const { s, a, first, m, live } = await provisionThrough(() =>
        proxy.rewrite({
          method: 'POST',
          path: CREATE,
          count: 1,
          rewrite: (st, b) => ({ status: st, body: body(st, b) }),
        }),
      );
      expect(first?.lastErrorKind).toBe('zoom-unavailable');
      expect(m.state).toBe('ready');
      expect(live).toHaveLength(1);
      expect(m.zoomMeetingId).toBe(live[0]!.id);
      expect(m.joinUrl).toContain(`/j/${live[0]!.id}`);
      expect(h.sandbox.stats().creates).toBe(1);
      expect(await s.repos.appointments.get(a.id)).toBeDefined();
    },
  );

  it('a meeting list that cannot be read during the look-up is retried, not taken as "no meeting"', async () => {
    const s = await h.open();
    await h.connect(s, 'lee');
    // The create is applied but its answer lost; the look-up by reference then reads garbage twice.
    h.sandbox.faults.add({
      method: 'POST',
      path: '/v2/users/*/meetings',
      count: 1,
      effect: { kind: 'apply-then-drop' },
    });
    proxy.rewrite({
      method: 'GET',
      path: /^\/v2\/users\/[^/]+\/meetings\?/,
      count: 2,
      rewrite: () => ({ status: 200, body: '{"meetings":"none","next_page_token":5}' }),
    });
    const a = await h.book(s);
    await h.settle(s);
    expect(h.meetingsFor(a.reference)).toHaveLength(1);
    expect((await h.mapping(s, a.id))?.state).toBe('ready');
    expect(h.sandbox.stats().creates).toBe(1);
  });

  it('a reschedule answered with an HTML error page is retried until the meeting moves', async () => {
    const s = await h.open();
    await h.connect(s, 'lee');
    const a = await h.book(s);
    await h.settle(s);
    h.sandbox.faults.add({
      method: 'PATCH',
      path: '/v2/meetings/*',
      count: 5,
      effect: { kind: 'status', status: 503, body: 'html' },
    });
    const moved = (
      await s.book.reschedule(
        a.id,
        (
          await s.book.get(a.id)
        ).version,
        { startUtc: new Date(Date.parse(a.startUtc) + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z') },
        { actor: 'front-desk' },
      )
    ).appointment;
    await s.engine.drain();
    expect((await h.mapping(s, a.id))?.lastErrorKind).toBe('zoom-unavailable');
    await h.settle(s);
    expect(h.meetingsFor(a.reference)).toEqual([expect.objectContaining({ start_time: moved.startUtc })]);
    expect((await h.mapping(s, a.id))?.state).toBe('ready');
  });
});
