// Turns a Zoom error response into a ZoomApiError. Pure: the same inputs give the same error.
// Messages are built from fixed words only, so nothing from the body (which may echo a token,
// passcode or start URL) reaches the UI.
import { fieldWord, listWords, scopesIn, scopeWord } from './error-words';
import { ZoomApiError, type ZoomFieldError } from './errors';
import { parseZoomJson } from './json';
import type { ZoomOperation } from './operations';
import { nextUtcMidnight, parseRetryAfter } from './retry-after';
import { ZoomErrorBody } from './schemas';

export interface ZoomErrorResponse {
  status: number;
  /** Header lookup, case-insensitive like `Headers.get`. */
  header(name: string): string | null;
  bodyText: string;
}

const SUBJECT: Record<ZoomOperation, string> = {
  'get-user': 'the Zoom account',
  'create-meeting': 'the Zoom meeting',
  'get-meeting': 'this Zoom meeting',
  'update-meeting': 'this Zoom meeting',
  'delete-meeting': 'this Zoom meeting',
  'list-meetings': 'the Zoom meeting list',
};

function readBody(text: string): ZoomErrorBody | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  try {
    const parsed = ZoomErrorBody.safeParse(parseZoomJson(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function fieldErrorsOf(body: ZoomErrorBody | undefined): ZoomFieldError[] {
  return (body?.errors ?? []).map((e) => ({
    field: e.field.slice(0, 100),
    message: (e.message ?? '').slice(0, 300),
  }));
}

export function mapZoomErrorResponse(
  res: ZoomErrorResponse,
  operation: ZoomOperation,
  now: number,
): ZoomApiError {
  const body = readBody(res.bodyText);
  const code = body?.code;
  const text = body?.message ?? '';
  const base = { httpStatus: res.status, zoomCode: code };
  const subject = SUBJECT[operation];

  if (res.status === 429 || code === 429) {
    const type = res.header('x-ratelimit-type') ?? '';
    if (/daily/i.test(type) || /daily rate limit/i.test(text)) {
      const reset = nextUtcMidnight(now);
      return new ZoomApiError({
        ...base,
        kind: 'zoom-daily-limit',
        reason: 'daily-limit',
        retryAfterMs: reset - now,
        resetAt: new Date(reset).toISOString(),
        message:
          "This Zoom account has reached Zoom's daily limit for creating and changing meetings. " +
          'Zoom allows more after midnight UTC.',
      });
    }
    return new ZoomApiError({
      ...base,
      kind: 'zoom-rate-limited',
      reason: 'rate-limited',
      retryAfterMs: parseRetryAfter(res.header('retry-after'), now),
      message:
        'Zoom is busy with too many requests from this clinic right now. Please try again in a moment.',
    });
  }

  if (code === 4711) {
    const scopes = scopesIn(text);
    const words = scopes.map(scopeWord).filter((w): w is string => w !== undefined);
    const what = words.length > 0 ? `to ${listWords(words)}` : 'it needs';
    return new ZoomApiError({
      ...base,
      kind: 'reconnect-needed',
      reason: 'missing-scopes',
      missingScopes: scopes,
      message: `Zoom did not give the companion permission ${what}. Please reconnect Zoom and allow it.`,
    });
  }

  if (res.status === 401) {
    return new ZoomApiError({
      ...base,
      kind: 'reconnect-needed',
      reason: 'token-invalid',
      message: 'The Zoom connection is no longer valid. Please reconnect Zoom.',
    });
  }

  if (code === 3001) {
    return new ZoomApiError({
      ...base,
      kind: 'not-found',
      reason: 'meeting-not-found',
      message: 'This Zoom meeting no longer exists on Zoom (it was deleted or has expired).',
    });
  }
  if (code === 1001) {
    return new ZoomApiError({
      ...base,
      kind: 'not-found',
      reason: 'user-not-found',
      message: 'This Zoom user does not exist on the Zoom account.',
    });
  }
  if (code === 3002) {
    return new ZoomApiError({
      ...base,
      kind: 'zoom-rejected',
      reason: 'meeting-in-progress',
      message: 'This Zoom meeting is in progress right now, so Zoom does not allow that change.',
    });
  }
  if (code === 3007) {
    return new ZoomApiError({
      ...base,
      kind: 'zoom-rejected',
      reason: 'meeting-ended',
      message: 'This Zoom meeting has already ended, so Zoom does not allow that change.',
    });
  }
  if (code === 300) {
    const fieldErrors = fieldErrorsOf(body);
    const words = listWords(fieldErrors.map((e) => fieldWord(e.field)));
    return new ZoomApiError({
      ...base,
      kind: 'zoom-rejected',
      reason: 'validation',
      fieldErrors,
      message: words
        ? `Zoom did not accept the meeting details (${words}).`
        : 'Zoom did not accept the meeting details.',
    });
  }
  if (code === 3000 || code === 3161) {
    return new ZoomApiError({
      ...base,
      kind: 'zoom-rejected',
      reason: 'meeting-rules',
      message: `Zoom's account settings do not allow this for ${subject}. Ask the clinic's Zoom administrator.`,
    });
  }

  if (res.status >= 500) {
    return new ZoomApiError({
      ...base,
      kind: 'zoom-unavailable',
      reason: 'server-error',
      message: 'Zoom is having trouble right now. Please try again in a few minutes.',
    });
  }
  if (body === undefined || res.status < 400) {
    // Not a Zoom answer at all: a proxy's page, a redirect, a captive portal.
    return new ZoomApiError({
      ...base,
      kind: 'zoom-unavailable',
      reason: 'malformed-response',
      message: 'Zoom gave an answer the companion could not read. Please try again in a few minutes.',
    });
  }
  if (res.status === 404) {
    const user = operation === 'get-user' || operation === 'list-meetings' || operation === 'create-meeting';
    return new ZoomApiError({
      ...base,
      kind: 'not-found',
      reason: user ? 'user-not-found' : 'meeting-not-found',
      message: user
        ? 'This Zoom user does not exist on the Zoom account.'
        : 'This Zoom meeting no longer exists on Zoom (it was deleted or has expired).',
    });
  }
  if (res.status === 403) {
    return new ZoomApiError({
      ...base,
      kind: 'zoom-rejected',
      reason: 'forbidden',
      message: `Zoom does not allow this Zoom account to access ${subject}.`,
    });
  }
  return new ZoomApiError({
    ...base,
    kind: 'zoom-rejected',
    reason: 'rejected',
    message: `Zoom refused the request for ${subject}.`,
  });
}
