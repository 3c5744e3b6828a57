import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors';
import type { LogFields } from '../../main/core/logging/logger';
import type { ZoomApiError } from '../../main/core/zoom/errors';
import type { AccessTokenProvider } from '../../main/core/zoom/token-provider';
import { USER_SCOPES } from '../../main/core/zoom-sandbox';
import { apiCount, DOCTOR, meetingInput, type Setup, setup } from './client-setup';

const GET_USER = 'GET /v2/users/{userId}';
const TOKEN = 'POST /oauth/token';

let s: Setup | undefined;
afterEach(() => s?.close());

const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('expected a failure'),
    (e: unknown) => e as ZoomApiError,
  );

describe('Zoom client and the doctor’s tokens', () => {
  it('refreshes once on 401 (code 124) and retries the request with the new token', async () => {
    s = await setup({ accessTokenTtlSeconds: 60 });
    const before = s.tokens.access;
    s.sandbox.advance(61_000);
    expect((await s.client.getMe()).email).toBe(DOCTOR);
    expect(s.tokens.refreshes).toBe(1);
    expect(s.tokens.access).not.toBe(before);
    expect(s.sandbox.stats().refreshes).toBe(1);
    expect(apiCount(s.sandbox, GET_USER)).toBe(2);
  });

  it('asks to reconnect when the tokens were revoked, without looping', async () => {
    s = await setup();
    s.sandbox.revokeUserTokens(DOCTOR);
    const tokenCalls = apiCount(s.sandbox, TOKEN);
    const e = await failure(s.client.getMe());
    expect([e.kind, e.reason]).toEqual(['reconnect-needed', 'token-refresh-failed']);
    expect(e.message).toMatch(/reconnect Zoom/);
    expect(apiCount(s.sandbox, GET_USER)).toBe(1);
    expect(apiCount(s.sandbox, TOKEN) - tokenCalls).toBe(1);
  });

  it('asks to reconnect when the refreshed token is refused too, after exactly two requests', async () => {
    s = await setup();
    const dead: AccessTokenProvider = {
      getAccessToken: async () => 'dead-token-1',
      refreshAfterUnauthorized: async () => 'dead-token-2',
    };
    const e = await failure(s.makeClient({ tokens: dead }).getMe());
    expect([e.kind, e.reason, e.httpStatus, e.zoomCode]).toEqual([
      'reconnect-needed',
      'token-invalid',
      401,
      124,
    ]);
    expect(apiCount(s.sandbox, GET_USER)).toBe(2);
  });

  it('keeps a passing outage of the token provider apart from a lost connection', async () => {
    s = await setup();
    const offline: AccessTokenProvider = {
      getAccessToken: async () => {
        throw new AppError('zoom-unavailable', 'The companion could not reach Zoom.');
      },
      refreshAfterUnauthorized: async () => 'unused',
    };
    const e = await failure(s.makeClient({ tokens: offline }).getMe());
    expect(e.kind).toBe('zoom-unavailable');
    expect(apiCount(s.sandbox, GET_USER)).toBe(0);
  });

  it('asks to reconnect with the missing permission named when a scope was not granted', async () => {
    s = await setup({ publicClientScopes: USER_SCOPES.filter((x) => x !== 'meeting:write:meeting') });
    const e = await failure(s.client.createMeeting('me', meetingInput()));
    expect([e.kind, e.reason, e.zoomCode]).toEqual(['reconnect-needed', 'missing-scopes', 4711]);
    expect(e.message).toContain('create meetings');
    expect(s.tokens.refreshes).toBe(0);
  });

  it('logs method, path template, status and duration, never the token, the email or the start URL', async () => {
    const lines: { event: string; fields: LogFields }[] = [];
    s = await setup({ accessTokenTtlSeconds: 60 });
    const client = s.makeClient({
      logger: {
        info: (event, fields) => lines.push({ event, fields: fields ?? {} }),
        warn: (event, fields) => lines.push({ event, fields: fields ?? {} }),
      },
    });
    const created = await client.createMeeting(DOCTOR, meetingInput({ password: 'Secret9' }));
    s.sandbox.advance(61_000);
    await client.getMeeting(created.id);
    const text = JSON.stringify(lines);
    for (const secret of [s.tokens.access, DOCTOR, created.start_url, 'Secret9', created.join_url]) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      event: 'zoom.request',
      fields: { method: 'POST', path: '/users/{userId}/meetings', status: 201 },
    });
    expect(lines).toContainEqual(
      expect.objectContaining({
        event: 'zoom.request.failed',
        fields: expect.objectContaining({ status: 401, zoomCode: 124 }),
      }),
    );
    expect(lines.every((l) => typeof l.fields.durationMs === 'number')).toBe(true);
  });
});
