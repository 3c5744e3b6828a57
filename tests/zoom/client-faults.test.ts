import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZoomApiError } from '../../main/core/zoom/errors';
import { apiCount, meetingInput, type Setup, setup } from './client-setup';
import { startRawServer } from './raw-server';

const GET_MEETING = 'GET /v2/meetings/{meetingId}';
const CREATE = 'POST /v2/users/{userId}/meetings';

let s: Setup;
beforeEach(async () => {
  s = await setup();
});
afterEach(() => s.close());

const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('expected a failure'),
    (e: unknown) => e as ZoomApiError,
  );

describe('Zoom client when Zoom misbehaves', () => {
  it('retries a GET through 5xx answers until it succeeds, with backoff', async () => {
    const { id } = await s.client.createMeeting('me', meetingInput());
    s.sandbox.faults.add({
      method: 'GET',
      path: '/v2/meetings/*',
      count: 2,
      effect: { kind: 'status', status: 503 },
    });
    expect((await s.client.getMeeting(id)).id).toBe(id);
    expect(apiCount(s.sandbox, GET_MEETING)).toBe(3);
    expect(s.sleeps).toHaveLength(2);
  });

  it('gives up after the configured retries with zoom-unavailable', async () => {
    const { id } = await s.client.createMeeting('me', meetingInput());
    s.sandbox.faults.add({
      method: 'GET',
      path: '/v2/meetings/*',
      effect: { kind: 'status', status: 502, body: 'html' },
    });
    const e = await failure(s.client.getMeeting(id));
    expect([e.kind, e.reason, e.httpStatus]).toEqual(['zoom-unavailable', 'server-error', 502]);
    expect(apiCount(s.sandbox, GET_MEETING)).toBe(4);
  });

  it('retries a GET whose connection was dropped', async () => {
    const { id } = await s.client.createMeeting('me', meetingInput());
    s.sandbox.faults.add({ method: 'GET', path: '/v2/meetings/*', count: 1, effect: { kind: 'drop' } });
    expect((await s.client.getMeeting(id)).id).toBe(id);
    expect(apiCount(s.sandbox, GET_MEETING)).toBe(2);
  });

  it('retries a PATCH and a DELETE whose connection dropped after Zoom applied them', async () => {
    const { id } = await s.client.createMeeting('me', meetingInput());
    s.sandbox.faults.add({
      method: 'PATCH',
      path: '/v2/meetings/*',
      count: 1,
      effect: { kind: 'apply-then-drop' },
    });
    await s.client.updateMeeting(id, { duration: 50 });
    expect(s.sandbox.meetings()[0]?.duration).toBe(50);
    s.sandbox.faults.add({
      method: 'DELETE',
      path: '/v2/meetings/*',
      count: 1,
      effect: { kind: 'apply-then-drop' },
    });
    // The retry finds the meeting gone: ifExists is how the engine deletes.
    expect(await s.client.deleteMeeting(id, { ifExists: true })).toEqual({ deleted: false });
    expect(s.sandbox.meetings()).toHaveLength(0);
  });

  it('does not resend a create that Zoom applied before the connection dropped: outcome-unknown', async () => {
    s.sandbox.faults.add({
      method: 'POST',
      path: '/v2/users/*/meetings',
      count: 1,
      effect: { kind: 'apply-then-drop' },
    });
    const e = await failure(s.client.createMeeting('me', meetingInput()));
    expect([e.kind, e.reason]).toEqual(['zoom-unavailable', 'outcome-unknown']);
    expect(e.message).toMatch(/did not confirm/);
    expect(s.sandbox.meetings()).toHaveLength(1);
    expect(apiCount(s.sandbox, CREATE)).toBe(1);
  });

  it('does not resend a create that timed out', async () => {
    const client = s.makeClient({ timeoutMs: 150 });
    // Zoom makes the meeting, then the answer is too slow to arrive.
    s.sandbox.faults.add({
      method: 'POST',
      path: '/v2/users/*/meetings',
      count: 1,
      effect: { kind: 'apply-then-drop', delayMs: 400 },
    });
    const e = await failure(client.createMeeting('me', meetingInput()));
    expect(e.reason).toBe('outcome-unknown');
    expect(apiCount(s.sandbox, CREATE)).toBe(1);
    expect(s.sandbox.meetings()).toHaveLength(1);
  });

  it('does not resend a create answered with 5xx, since Zoom may have made it', async () => {
    s.sandbox.faults.add({
      method: 'POST',
      path: '/v2/users/*/meetings',
      count: 1,
      effect: { kind: 'status', status: 500 },
    });
    expect((await failure(s.client.createMeeting('me', meetingInput()))).reason).toBe('outcome-unknown');
    expect(apiCount(s.sandbox, CREATE)).toBe(1);
  });

  it('resends a create that could not connect at all', async () => {
    const dead = await startRawServer(() => ({ status: 200, body: '{}' }));
    await dead.close();
    const client = s.makeClient({ apiBaseUrl: dead.apiBaseUrl });
    const e = await failure(client.createMeeting('me', meetingInput()));
    expect([e.reason, e.notSent]).toEqual(['network', true]);
    expect(s.sleeps).toHaveLength(3);
  });

  it('times out a GET that Zoom does not answer, and retries it', async () => {
    const { id } = await s.client.createMeeting('me', meetingInput());
    const client = s.makeClient({ timeoutMs: 100, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    s.sandbox.faults.add({ method: 'GET', path: '/v2/meetings/*', effect: { kind: 'latency', ms: 300 } });
    const e = await failure(client.getMeeting(id));
    expect([e.kind, e.reason]).toEqual(['zoom-unavailable', 'timeout']);
    expect(apiCount(s.sandbox, GET_MEETING)).toBe(2);
  });

  it.each([
    ['an HTML page with status 200', 'html'],
    ['truncated JSON', 'truncated-json'],
    ['numbers and booleans as strings', 'wrong-types'],
  ] as const)('reports %s as an unreadable answer, not a crash', async (_name, variant) => {
    const { id } = await s.client.createMeeting('me', meetingInput());
    s.sandbox.faults.add({
      method: 'GET',
      path: '/v2/meetings/*',
      count: 1,
      effect: { kind: 'malformed', variant },
    });
    const e = await failure(s.client.getMeeting(id));
    expect(e).toBeInstanceOf(ZoomApiError);
    expect([e.kind, e.reason]).toEqual(['zoom-unavailable', 'malformed-response']);
    expect(apiCount(s.sandbox, GET_MEETING)).toBe(1);
  });

  it('reports a create whose answer cannot be read as outcome-unknown (the meeting exists)', async () => {
    s.sandbox.faults.add({
      method: 'POST',
      path: '/v2/users/*/meetings',
      count: 1,
      effect: { kind: 'malformed', variant: 'wrong-types' },
    });
    expect((await failure(s.client.createMeeting('me', meetingInput()))).reason).toBe('outcome-unknown');
    expect(s.sandbox.meetings()).toHaveLength(1);
  });
});

describe('Zoom client reading raw answers', () => {
  it('keeps a meeting id above 2^53 exact end to end', async () => {
    const id = '98765432109876543210'.slice(0, 19);
    const raw = await startRawServer(() => ({
      status: 200,
      body: `{"id":${id},"topic":"t","join_url":"https://zoom.us/j/${id}","start_url":"https://zoom.us/s/${id}","start_time":"2030-01-01T10:00:00Z"}`,
    }));
    try {
      const got = await s.makeClient({ apiBaseUrl: raw.apiBaseUrl }).getMeeting(id);
      expect(got.id).toBe(id);
      expect(BigInt(got.id)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
      expect(raw.seen[0]?.path).toBe(`/v2/meetings/${id}`);
    } finally {
      await raw.close();
    }
  });

  it('stops reading a huge body and reports it', async () => {
    const raw = await startRawServer(() => ({
      status: 200,
      body: `{"meetings":[${'{"id":1},'.repeat(40_000)}{"id":2}]}`,
    }));
    try {
      const client = s.makeClient({ apiBaseUrl: raw.apiBaseUrl, maxBodyBytes: 64 * 1024 });
      const e = await failure(client.listMeetings('me'));
      expect([e.kind, e.reason]).toEqual(['zoom-unavailable', 'response-too-large']);
      expect(raw.seen).toHaveLength(1);
    } finally {
      await raw.close();
    }
  });

  it('stops reading a huge streamed body that declares no length', async () => {
    const raw = await startRawServer(() => ({
      status: 200,
      body: `{"meetings":[${'{"id":1},'.repeat(40_000)}{"id":2}]}`,
      headers: { 'transfer-encoding': 'chunked' },
    }));
    try {
      const client = s.makeClient({ apiBaseUrl: raw.apiBaseUrl, maxBodyBytes: 64 * 1024 });
      expect((await failure(client.listMeetings('me'))).reason).toBe('response-too-large');
    } finally {
      await raw.close();
    }
  });
});
