// What to do with work that failed: a pure decision from the error, so every Zoom error kind has
// one tested answer. Nothing here loops: every retry has a time, every stop has words for people.
import { isAppError } from '../errors';
import { isZoomApiError } from '../zoom';

export type FailureOutcome =
  | { action: 'retry'; at: number; message: string; offline: boolean }
  | { action: 'park'; mappingState: 'needs-reconnect' | 'failed'; message: string }
  | { action: 'done' };

export interface FailureContext {
  attempts: number;
  nowMs: number;
  doctorName: string;
  random?: () => number;
  /** 'create' | 'update' | 'delete' | 'lookup': what the engine was doing. */
  operation: string;
}

const BASE_MS = 5_000;
/** The longest back-off: anything waiting longer waits for a reason Zoom gave (daily limit, a meeting in progress). */
export const MAX_BACKOFF_MS = 2 * 60_000;
const CAP_MS = MAX_BACKOFF_MS;

/** Exponential backoff with full jitter, capped so work drains soon after Zoom answers again. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(BASE_MS / 2 + random() * (ceiling - BASE_MS / 2));
}

export function decideFailure(error: unknown, ctx: FailureContext): FailureOutcome {
  const later = (ms: number, message: string, offline = false): FailureOutcome => ({
    action: 'retry',
    at: ctx.nowMs + ms,
    message,
    offline,
  });
  const backoff = () => backoffMs(ctx.attempts, ctx.random);
  if (!isAppError(error))
    return later(backoff(), 'Something went wrong while talking to Zoom; trying again.');
  const reason = isZoomApiError(error) ? error.reason : undefined;
  switch (error.kind) {
    case 'reconnect-needed':
      return {
        action: 'park',
        mappingState: 'needs-reconnect',
        // In clinic-wide mode it is the clinic account, not the doctor, that needs IT.
        message:
          error.details.scope === 'clinic'
            ? error.message
            : `${ctx.doctorName} must reconnect Zoom before this meeting can be ${verb(ctx.operation)}.`,
      };
    case 'zoom-daily-limit': {
      const reset =
        isZoomApiError(error) && error.resetAt ? Date.parse(error.resetAt) : ctx.nowMs + 3_600_000;
      return later(
        Math.max(1_000, reset - ctx.nowMs),
        `Zoom's daily limit for ${ctx.doctorName}'s meetings is reached; it continues automatically after midnight UTC.`,
      );
    }
    case 'zoom-rate-limited': {
      const wait = isZoomApiError(error) && error.retryAfterMs ? error.retryAfterMs : backoff();
      return later(wait, 'Zoom asked the companion to slow down; continuing shortly.');
    }
    case 'zoom-unavailable':
      return later(
        backoff(),
        'Zoom cannot be reached right now. The meeting will be set up as soon as Zoom answers.',
        reason === 'network' || reason === 'timeout' || reason === 'outcome-unknown',
      );
    case 'not-found':
      // Zoom does not know the host: no retry helps, and the visit must not silently go without.
      if (reason === 'user-not-found') {
        return {
          action: 'park',
          mappingState: 'failed',
          message: `Zoom does not know ${ctx.doctorName}'s account; check the doctor's Zoom user, then reconnect.`,
        };
      }
      // A meeting gone while deleting is what was wanted. Gone while creating or updating (found
      // by reference, then removed on Zoom before it was adopted): the next attempt looks again.
      if (ctx.operation === 'delete') return { action: 'done' };
      return later(backoff(), 'The meeting changed on Zoom while it was being set up; trying again.');
    default:
      if (reason === 'meeting-in-progress') {
        return later(15 * 60_000, 'The meeting is in progress; it will be removed after it ends.');
      }
      if (reason === 'meeting-ended') return { action: 'done' };
      return {
        action: 'park',
        mappingState: 'failed',
        message: `Zoom refused to ${ctx.operation} this meeting: ${error.message}`,
      };
  }
}

function verb(operation: string): string {
  if (operation === 'delete') return 'removed';
  if (operation === 'update') return 'updated';
  return 'created';
}
