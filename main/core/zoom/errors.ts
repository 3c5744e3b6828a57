import type { ErrorKind } from '../../../preload/contract';
import { AppError } from '../errors';

/** Why a Zoom call failed, finer than the UI's `kind`; the provisioning engine branches on it. */
export type ZoomErrorReason =
  | 'outcome-unknown'
  | 'timeout'
  | 'network'
  | 'server-error'
  | 'malformed-response'
  | 'response-too-large'
  | 'rate-limited'
  | 'daily-limit'
  | 'token-invalid'
  | 'token-refresh-failed'
  | 'missing-scopes'
  | 'meeting-not-found'
  | 'user-not-found'
  | 'meeting-in-progress'
  | 'meeting-ended'
  | 'validation'
  | 'meeting-rules'
  | 'forbidden'
  | 'invalid-input'
  | 'rejected';

export interface ZoomFieldError {
  field: string;
  message: string;
}

export interface ZoomApiErrorInit {
  kind: ErrorKind;
  reason: ZoomErrorReason;
  message: string;
  httpStatus?: number;
  zoomCode?: number;
  retryAfterMs?: number;
  /** Daily limit: when Zoom lets this host create/update again (ISO, UTC). */
  resetAt?: string;
  fieldErrors?: ZoomFieldError[];
  missingScopes?: string[];
  /** A connection-level failure that happened before the request reached Zoom (safe to resend). */
  notSent?: boolean;
}

/** Every failure of a Zoom call, as a value the UI can explain and the engine can branch on. */
export class ZoomApiError extends AppError {
  readonly reason: ZoomErrorReason;
  readonly httpStatus: number | undefined;
  readonly zoomCode: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly resetAt: string | undefined;
  readonly fieldErrors: ZoomFieldError[];
  readonly missingScopes: string[];
  readonly notSent: boolean;

  constructor(init: ZoomApiErrorInit) {
    super(init.kind, init.message, {
      reason: init.reason,
      httpStatus: init.httpStatus,
      zoomCode: init.zoomCode,
      retryAfterMs: init.retryAfterMs,
      resetAt: init.resetAt,
    });
    this.name = 'ZoomApiError';
    this.reason = init.reason;
    this.httpStatus = init.httpStatus;
    this.zoomCode = init.zoomCode;
    this.retryAfterMs = init.retryAfterMs;
    this.resetAt = init.resetAt;
    this.fieldErrors = init.fieldErrors ?? [];
    this.missingScopes = init.missingScopes ?? [];
    this.notSent = init.notSent ?? false;
  }
}

export const isZoomApiError = (e: unknown): e is ZoomApiError => e instanceof ZoomApiError;
