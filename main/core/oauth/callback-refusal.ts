import { AppError } from '../errors';

export type CallbackRefusalReason =
  | 'malformed'
  | 'unknown-state'
  | 'state-reused'
  | 'state-expired'
  | 'wrong-doctor'
  | 'wrong-redirect'
  | 'access-denied'
  | 'authorization-error';

const MESSAGES: Record<CallbackRefusalReason, string> = {
  malformed:
    'The Zoom sign-in reply was not in the expected form, so it was ignored. Please connect Zoom again.',
  'unknown-state':
    'This Zoom sign-in reply does not belong to a sign-in started on this computer, so it was ignored.',
  'state-reused': 'This Zoom sign-in reply was already used. Please connect Zoom again if needed.',
  'state-expired': 'The Zoom sign-in took too long and has expired. Please connect Zoom again.',
  'wrong-doctor': 'This Zoom sign-in reply belongs to a different doctor\u2019s sign-in, so it was ignored.',
  'wrong-redirect': 'This Zoom sign-in reply came back by an unexpected route, so it was ignored.',
  'access-denied': 'The Zoom sign-in was cancelled or access was not allowed. Nothing was connected.',
  'authorization-error': 'Zoom could not complete the sign-in. Please connect Zoom again.',
};

/** A refused OAuth callback: kind 'oauth-refused', with the reason in details for the UI and tests. */
export const callbackRefused = (reason: CallbackRefusalReason, detail?: string): AppError =>
  new AppError('oauth-refused', MESSAGES[reason], { reason, detail });

export const refusalReason = (e: unknown): CallbackRefusalReason | undefined =>
  e instanceof AppError && e.kind === 'oauth-refused'
    ? (e.details.reason as CallbackRefusalReason)
    : undefined;
