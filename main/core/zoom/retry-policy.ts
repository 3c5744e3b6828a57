// Which failed attempts are tried again, and after how long. Pure, so it is tested on its own.
import { ZoomApiError } from './errors';
import { fullJitterDelay } from './retry-after';

export interface ZoomRetryOptions {
  /** Further attempts after the first, for time-outs, network errors, 5xx and per-second 429. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A 429 asking for a longer wait than this is reported instead of waited out. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: ZoomRetryOptions = {
  retries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};

const TRANSIENT = new Set(['timeout', 'network', 'server-error']);

/**
 * A create whose request may have reached Zoom is not resent: Zoom may have made the meeting, and
 * resending would make a second one. The caller looks it up by its reference instead.
 */
export function createOutcomeUnknown(error: ZoomApiError): ZoomApiError | undefined {
  const ambiguous =
    (TRANSIENT.has(error.reason) && !error.notSent) ||
    error.reason === 'malformed-response' ||
    error.reason === 'response-too-large';
  if (!ambiguous) return undefined;
  return new ZoomApiError({
    kind: 'zoom-unavailable',
    reason: 'outcome-unknown',
    httpStatus: error.httpStatus,
    zoomCode: error.zoomCode,
    message:
      'Zoom did not confirm whether the meeting was created. The companion checks Zoom before trying again.',
  });
}

/** Milliseconds to wait before the next attempt, or undefined to give up with this error. */
export function retryDelay(
  error: unknown,
  retriesSoFar: number,
  options: ZoomRetryOptions,
  random: () => number,
): number | undefined {
  if (!(error instanceof ZoomApiError)) return undefined;
  if (error.reason === 'rate-limited') {
    const wait =
      error.retryAfterMs ?? fullJitterDelay(retriesSoFar, options.baseDelayMs, options.maxDelayMs, random);
    return wait <= options.maxRetryAfterMs ? wait : undefined;
  }
  if (TRANSIENT.has(error.reason)) {
    return fullJitterDelay(retriesSoFar, options.baseDelayMs, options.maxDelayMs, random);
  }
  return undefined;
}
