// Maps what Zoom's token endpoint answers (or fails to) onto AppError kinds the UI can explain.
// Zoom's error bodies: {"reason":"Invalid Token!","error":"invalid_grant"}, {"code":4733,...}.
import * as oauth from 'oauth4webapi';
import { AppError } from '../errors';

export type TokenOperation = 'exchange' | 'refresh' | 'account-credentials' | 'revoke';

export type TokenFailureReason =
  | 'invalid-grant'
  | 'code-expired'
  | 'redirect-mismatch'
  | 'token-owner-gone'
  | 'token-revoked'
  | 'invalid-client'
  | 'unsupported-grant'
  | 'rate-limited'
  | 'server-error'
  | 'network'
  | 'malformed-response';

const ZOOM_CODE_REASONS: Record<number, TokenFailureReason> = {
  4709: 'redirect-mismatch',
  4733: 'code-expired',
  4735: 'token-owner-gone',
  4741: 'token-revoked',
};

/** Reasons that mean the grant itself is dead: the doctor has to connect again. */
export const GRANT_IS_DEAD: ReadonlySet<TokenFailureReason> = new Set([
  'invalid-grant',
  'code-expired',
  'token-owner-gone',
  'token-revoked',
]);

export interface ZoomTokenErrorBody {
  error?: string;
  reason?: string;
  code?: number;
}

/** Pure: classify an HTTP status and a (possibly partial) Zoom error body. */
export function classifyTokenFailure(status: number, body: ZoomTokenErrorBody): TokenFailureReason {
  if (body.code !== undefined && ZOOM_CODE_REASONS[body.code]) return ZOOM_CODE_REASONS[body.code]!;
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  switch (body.error) {
    case 'invalid_grant':
      return 'invalid-grant';
    case 'invalid_client':
    case 'unauthorized_client':
      return 'invalid-client';
    case 'unsupported_grant_type':
      return 'unsupported-grant';
  }
  return 'malformed-response';
}

function messageFor(
  reason: TokenFailureReason,
  op: TokenOperation,
): { kind: AppError['kind']; message: string } {
  switch (reason) {
    case 'network':
    case 'server-error':
      return {
        kind: 'zoom-unavailable',
        message: 'Zoom cannot be reached right now. Try again in a few minutes.',
      };
    case 'rate-limited':
      return { kind: 'zoom-rate-limited', message: 'Zoom is busy right now. Try again in a minute.' };
    case 'invalid-client':
    case 'unsupported-grant':
      return {
        kind: 'oauth-refused',
        message: 'Zoom refused this app\u2019s sign-in settings. Ask IT to check the Zoom app configuration.',
      };
    case 'redirect-mismatch':
      return {
        kind: 'oauth-refused',
        message:
          'Zoom refused the sign-in because the return address is not on the Zoom app\u2019s list. Ask IT.',
      };
    case 'malformed-response':
      return {
        kind: 'zoom-unavailable',
        message: 'Zoom gave an answer the app did not understand. Try again later.',
      };
  }
  if (op === 'exchange') {
    return reason === 'code-expired'
      ? { kind: 'oauth-refused', message: 'The Zoom sign-in took too long. Please connect Zoom again.' }
      : { kind: 'oauth-refused', message: 'Zoom did not accept the sign-in. Please connect Zoom again.' };
  }
  if (op === 'account-credentials') {
    return {
      kind: 'oauth-refused',
      message: 'Zoom refused the clinic account credentials. Ask IT to check them.',
    };
  }
  return {
    kind: 'reconnect-needed',
    message: 'Zoom no longer accepts this connection. The doctor must reconnect Zoom.',
  };
}

export function tokenError(
  reason: TokenFailureReason,
  op: TokenOperation,
  extra: { httpStatus?: number; zoomCode?: number; oauthError?: string } = {},
): AppError {
  const { kind, message } = messageFor(reason, op);
  return new AppError(kind, message, { reason, operation: op, ...extra });
}

function numericCode(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\d{1,6}$/.test(v)) return Number(v);
  return undefined;
}

function bodyFrom(json: unknown): ZoomTokenErrorBody {
  if (!json || typeof json !== 'object') return {};
  const o = json as Record<string, unknown>;
  return {
    error: typeof o.error === 'string' ? o.error : undefined,
    reason: typeof o.reason === 'string' ? o.reason : undefined,
    code: numericCode(o.code),
  };
}

async function readErrorResponse(response: Response): Promise<ZoomTokenErrorBody> {
  try {
    return bodyFrom(JSON.parse(await response.text()));
  } catch {
    return {};
  }
}

/** Turns anything a token request threw into an AppError; never copies server text or tokens. */
export async function toTokenError(e: unknown, op: TokenOperation): Promise<AppError> {
  if (e instanceof AppError) return e;
  if (e instanceof oauth.ResponseBodyError) {
    const body = bodyFrom(e.cause);
    const reason = classifyTokenFailure(e.status, body);
    return tokenError(reason, op, { httpStatus: e.status, zoomCode: body.code, oauthError: body.error });
  }
  if (e instanceof oauth.WWWAuthenticateChallengeError) {
    return tokenError(classifyTokenFailure(e.status, { error: e.cause[0]?.parameters.error }), op, {
      httpStatus: e.status,
    });
  }
  if (e instanceof oauth.OperationProcessingError) {
    const response = e.cause instanceof Response ? e.cause : undefined;
    if (response && !response.bodyUsed) {
      const body = await readErrorResponse(response);
      const reason = classifyTokenFailure(response.status, body);
      return tokenError(reason, op, {
        httpStatus: response.status,
        zoomCode: body.code,
        oauthError: body.error,
      });
    }
    if (response)
      return tokenError(classifyTokenFailure(response.status, {}), op, { httpStatus: response.status });
    return tokenError('malformed-response', op);
  }
  // fetch() failures (refused connection, DNS, timeout) are TypeErrors / AbortErrors.
  return tokenError('network', op);
}
