import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapZoomErrorResponse, type ZoomErrorResponse } from '../../main/core/zoom/error-mapper';
import { ZoomApiError } from '../../main/core/zoom/errors';
import type { ZoomOperation } from '../../main/core/zoom/operations';

const NOW = Date.parse('2030-05-06T17:45:00Z');

const answer = (status: number, body: unknown, headers: Record<string, string> = {}): ZoomErrorResponse => ({
  status,
  bodyText: typeof body === 'string' ? body : JSON.stringify(body),
  header: (n) => headers[n.toLowerCase()] ?? null,
});

const map = (status: number, body: unknown, op: ZoomOperation = 'get-meeting', headers = {}) =>
  mapZoomErrorResponse(answer(status, body, headers), op, NOW);

describe('Zoom error mapping', () => {
  it('reports a meeting Zoom no longer has as not-found', () => {
    const e = map(404, { code: 3001, message: 'Meeting does not exist: 123.' });
    expect([e.kind, e.reason, e.httpStatus, e.zoomCode]).toEqual([
      'not-found',
      'meeting-not-found',
      404,
      3001,
    ]);
  });

  it('tells a user that does not exist apart from a meeting', () => {
    expect(map(404, { code: 1001, message: 'User does not exist: a@b.c.' }, 'get-user').reason).toBe(
      'user-not-found',
    );
  });

  it('names meetings that are in progress or ended', () => {
    expect(map(400, { code: 3002, message: 'x' }, 'delete-meeting').reason).toBe('meeting-in-progress');
    expect(map(400, { code: 3007, message: 'x' }, 'delete-meeting').reason).toBe('meeting-ended');
  });

  it('keeps validation field errors and names the fields in plain words', () => {
    const e = map(400, {
      code: 300,
      message: 'Validation Failed.',
      errors: [{ field: 'password', message: 'bad' }],
    });
    expect(e.reason).toBe('validation');
    expect(e.fieldErrors).toEqual([{ field: 'password', message: 'bad' }]);
    expect(e.message).toContain('passcode');
  });

  it('asks to reconnect with the missing permission named on 4711', () => {
    const e = map(
      400,
      {
        code: 4711,
        message:
          'Invalid access token, does not contain scopes:[meeting:write:meeting,meeting:write:meeting:admin].',
      },
      'create-meeting',
    );
    expect(e.kind).toBe('reconnect-needed');
    expect(e.missingScopes).toEqual(['meeting:write:meeting', 'meeting:write:meeting:admin']);
    expect(e.message).toContain('create meetings');
  });

  it('treats account meeting rules (3000, 3161) as a rejection', () => {
    expect(map(400, { code: 3161, message: 'x' }, 'create-meeting').reason).toBe('meeting-rules');
    expect(map(400, { code: 3000, message: 'x' }, 'create-meeting').kind).toBe('zoom-rejected');
  });

  it('separates the per-second 429 from the daily create/update limit', () => {
    const perSecond = map(
      429,
      { code: 429, message: 'You have reached the maximum per-second rate limit' },
      'create-meeting',
      {
        'retry-after': '2',
        'x-ratelimit-type': 'QPS',
      },
    );
    expect([perSecond.kind, perSecond.retryAfterMs]).toEqual(['zoom-rate-limited', 2000]);

    const daily = map(
      429,
      {
        code: 429,
        message: 'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests',
      },
      'create-meeting',
    );
    expect(daily.kind).toBe('zoom-daily-limit');
    expect(daily.resetAt).toBe('2030-05-07T00:00:00.000Z');
    expect(daily.retryAfterMs).toBe(Date.parse('2030-05-07T00:00:00Z') - NOW);

    expect(map(429, '', 'update-meeting', { 'x-ratelimit-type': 'Daily-limit' }).kind).toBe(
      'zoom-daily-limit',
    );
  });

  it('reports an HTML page as an unreadable answer, and 5xx as Zoom being unavailable', () => {
    expect(map(404, '<html><body>Not here</body></html>').reason).toBe('malformed-response');
    expect(map(200, '<html></html>').reason).toBe('malformed-response');
    const e = map(502, '<html>Bad gateway</html>');
    expect([e.kind, e.reason]).toEqual(['zoom-unavailable', 'server-error']);
  });

  it('asks to reconnect on 401', () => {
    expect(map(401, { code: 124, message: 'Invalid access token.' }).kind).toBe('reconnect-needed');
  });

  // Bearer tokens, passcodes and zak-like strings: no colon, so they cannot pass for a scope name.
  const secret = fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/);
  const operation = fc.constantFrom<ZoomOperation>(
    'get-user',
    'create-meeting',
    'get-meeting',
    'update-meeting',
    'delete-meeting',
    'list-meetings',
  );
  const body = (s: string) =>
    fc.oneof(
      fc.constant(`<html><body>token ${s}</body></html>`),
      fc.string(),
      fc
        .record({
          code: fc.oneof(
            fc.integer(),
            fc.constantFrom(124, 300, 429, 1001, 3000, 3001, 3002, 3007, 3161, 4711),
          ),
          message: fc.constantFrom(
            `Invalid access token ${s}`,
            `does not contain scopes:[${s}, meeting:read:meeting]`,
            `You have exceeded the daily rate limit (100) ${s}`,
            `https://zoom.us/s/1?zak=${s}`,
          ),
          errors: fc.array(
            fc.record({ field: fc.constantFrom(s, 'password', 'topic'), message: fc.constant(s) }),
          ),
        })
        .map((b) => JSON.stringify(b)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );

  it('turns any status and body into a ZoomApiError with a message and no secret in it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        secret.chain((s) => fc.tuple(fc.constant(s), body(s))),
        operation,
        fc.dictionary(fc.constantFrom('retry-after', 'x-ratelimit-type'), fc.string()),
        (status, [s, text], op, headers) => {
          const e = mapZoomErrorResponse(answer(status, text, headers), op, NOW);
          expect(e).toBeInstanceOf(ZoomApiError);
          expect(e.message.trim().length).toBeGreaterThan(0);
          expect(e.message).not.toContain(s);
          expect(JSON.stringify(e.details)).not.toContain(s);
          expect(e.missingScopes.join(' ')).not.toContain(s);
          if (e.retryAfterMs !== undefined) expect(e.retryAfterMs).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
