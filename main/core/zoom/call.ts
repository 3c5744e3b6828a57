// Runs one Zoom operation: rate limiter, bearer token (one refresh on 401), time-out, retries
// with full-jitter backoff (p-retry), Retry-After, response parsing and logging.
import pRetry from 'p-retry';
import type { z } from 'zod';
import { AppError } from '../errors';
import { mapZoomErrorResponse } from './error-mapper';
import { ZoomApiError } from './errors';
import { parseZoomJson } from './json';
import type { ZoomLogger } from './logger';
import { operations, type ZoomOperation } from './operations';
import type { ZoomRateLimiter } from './rate-limiter';
import { createOutcomeUnknown, retryDelay, type ZoomRetryOptions } from './retry-policy';
import type { AccessTokenProvider } from './token-provider';
import { exchange, type HttpAnswer } from './transport';

export interface CallContext {
  apiBaseUrl: string;
  tokens: AccessTokenProvider;
  accountKey: string;
  limiter: ZoomRateLimiter;
  timeoutMs: number;
  maxBodyBytes: number;
  retry: ZoomRetryOptions;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
  logger: ZoomLogger;
}

export interface CallRequest<S extends z.ZodType | undefined> {
  /** Concrete path under the API base, already encoded. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Schema of a 200/201 body; undefined for 204 answers. */
  schema: S;
}

export type CallResult<S> = S extends z.ZodType ? z.output<S> : undefined;

const malformed = (status: number) =>
  new ZoomApiError({
    kind: 'zoom-unavailable',
    reason: 'malformed-response',
    httpStatus: status,
    message: 'Zoom gave an answer the companion could not read. Please try again in a few minutes.',
  });

function tokenFailure(error: unknown, refreshing: boolean): ZoomApiError {
  if (error instanceof ZoomApiError) return error;
  // A provider that could not reach Zoom is a passing outage, not a lost connection.
  if (
    error instanceof AppError &&
    (error.kind === 'zoom-unavailable' || error.kind === 'zoom-rate-limited')
  ) {
    return new ZoomApiError({ kind: error.kind, reason: 'token-refresh-failed', message: error.message });
  }
  return new ZoomApiError({
    kind: 'reconnect-needed',
    reason: refreshing ? 'token-refresh-failed' : 'token-invalid',
    message: 'The Zoom connection is no longer valid. Please reconnect Zoom.',
  });
}

function buildUrl(base: string, path: string, query: CallRequest<undefined>['query']): string {
  const url = new URL(base.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  return url.toString();
}

export async function callZoom<S extends z.ZodType | undefined>(
  ctx: CallContext,
  operation: ZoomOperation,
  req: CallRequest<S>,
): Promise<CallResult<S>> {
  const spec = operations[operation];
  const url = buildUrl(ctx.apiBaseUrl, req.path, req.query);
  // The token provider is told where its token goes, so a token bound to another Zoom stays home.
  const destination = new URL(url).origin;
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  let token: string | undefined;
  let refreshed = false;

  const attempt = async (attemptNumber: number): Promise<CallResult<S>> => {
    const started = performance.now();
    const send = (bearer: string) =>
      ctx.limiter.schedule(ctx.accountKey, spec.category, () =>
        exchange({
          method: spec.method,
          url,
          token: bearer,
          body,
          timeoutMs: ctx.timeoutMs,
          maxBodyBytes: ctx.maxBodyBytes,
        }),
      );
    const log = (status: number | undefined, error?: ZoomApiError) => {
      const fields = {
        method: spec.method,
        path: spec.pathTemplate,
        status,
        durationMs: Math.round(performance.now() - started),
        zoomCode: error?.zoomCode,
        reason: error?.reason,
        attempt: attemptNumber,
      };
      if (error) ctx.logger.warn('zoom.request.failed', fields);
      else ctx.logger.info('zoom.request', fields);
    };

    const toError = (a: HttpAnswer) =>
      mapZoomErrorResponse(
        { status: a.status, header: (n) => a.headers.get(n), bodyText: a.bodyText },
        operation,
        ctx.now(),
      );

    try {
      if (token === undefined) {
        try {
          token = await ctx.tokens.getAccessToken(destination);
        } catch (e) {
          throw tokenFailure(e, false);
        }
      }
      let answer = await send(token);
      const first = answer.status === 401 ? toError(answer) : undefined;
      if (first?.reason === 'token-invalid' && !refreshed) {
        log(401, first);
        refreshed = true;
        const rejected = token;
        try {
          token = await ctx.tokens.refreshAfterUnauthorized(rejected, destination);
        } catch (e) {
          throw tokenFailure(e, true);
        }
        answer = await send(token);
      }
      if (answer.status >= 200 && answer.status < 300) {
        log(answer.status);
        return parseSuccess(answer.status, answer.bodyText, req.schema, ctx, operation);
      }
      const error = toError(answer);
      if (error.reason === 'rate-limited' && error.retryAfterMs !== undefined) {
        ctx.limiter.pause(ctx.accountKey, Math.min(error.retryAfterMs, ctx.retry.maxRetryAfterMs));
      }
      throw error;
    } catch (e) {
      if (!(e instanceof ZoomApiError)) throw e;
      const final = spec.method === 'POST' ? (createOutcomeUnknown(e) ?? e) : e;
      log(final.httpStatus, final);
      throw final;
    }
  };

  return pRetry(attempt, {
    retries: ctx.retry.retries,
    // p-retry counts attempts; the wait itself is ours (full jitter, Retry-After, injectable sleep).
    minTimeout: 0,
    maxTimeout: 0,
    shouldRetry: async ({ error, retriesConsumed }) => {
      const wait = retryDelay(error, retriesConsumed, ctx.retry, ctx.random);
      if (wait === undefined) return false;
      await ctx.sleep(wait);
      return true;
    },
  });
}

function parseSuccess<S extends z.ZodType | undefined>(
  status: number,
  text: string,
  schema: S,
  ctx: CallContext,
  operation: ZoomOperation,
): CallResult<S> {
  if (schema === undefined) return undefined as CallResult<S>;
  let json: unknown;
  try {
    json = parseZoomJson(text);
  } catch {
    throw malformed(status);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // Paths only: the values may be a start URL or a passcode.
    const paths = parsed.error.issues.map((i) => i.path.join('.') || '(body)').join(',');
    ctx.logger.warn('zoom.response.malformed', { operation, status, paths });
    throw malformed(status);
  }
  return parsed.data as CallResult<S>;
}
