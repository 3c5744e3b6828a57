// Every way talking to a KiviCare site can fail, as an AppError a receptionist can read.
// Messages never carry the password, cookie, nonce, token or any body the site sent.
import type { ErrorKind } from '../../../preload/contract';
import { AppError } from '../errors';

export type SiteFailure =
  | 'wrong-credentials'
  | 'no-kivicare-role'
  | 'session-refused'
  | 'client-id-refused'
  | 'encrypted'
  | 'html-page'
  | 'timeout'
  | 'unreachable'
  | 'server-error'
  | 'unreadable-answer'
  | 'not-kivicare'
  | 'no-credentials';

const KIND: Record<SiteFailure, ErrorKind> = {
  'wrong-credentials': 'reconnect-needed',
  'no-kivicare-role': 'reconnect-needed',
  'session-refused': 'reconnect-needed',
  'no-credentials': 'reconnect-needed',
  'client-id-refused': 'internal',
  encrypted: 'internal',
  'html-page': 'internal',
  timeout: 'internal',
  unreachable: 'internal',
  'server-error': 'internal',
  'unreadable-answer': 'internal',
  'not-kivicare': 'not-found',
};

const MESSAGE: Record<SiteFailure, string> = {
  'wrong-credentials':
    'The KiviCare site did not accept the user name or password. Enter them again in Settings.',
  'no-kivicare-role':
    'This WordPress user has no KiviCare role (a plain administrator cannot sign in to KiviCare). Use a KiviCare receptionist, doctor or clinic admin account.',
  'session-refused':
    'The KiviCare site ended the companion’s session and refused a fresh sign-in. Sign in again in Settings.',
  'no-credentials': 'The companion has no saved sign-in for the KiviCare site. Connect the site in Settings.',
  'client-id-refused':
    'The KiviCare site refused the companion’s client ID. Ask IT to check the site’s API settings.',
  encrypted:
    'This KiviCare site encrypts its API answers; the companion cannot read them yet. Ask IT to turn off API encryption for the companion, or use the mobile-app API.',
  'html-page':
    'The KiviCare site answered with a web page instead of data (it may be in maintenance mode or have a PHP error). Nothing was changed; the companion will try again.',
  timeout: 'The KiviCare site took too long to answer. Nothing was changed; the companion will try again.',
  unreachable:
    'The KiviCare site could not be reached. Check the internet connection; the companion will try again.',
  'server-error': 'The KiviCare site had an error. Nothing was changed; the companion will try again.',
  'unreadable-answer': 'The KiviCare site sent an answer the companion could not read. Nothing was changed.',
  'not-kivicare': 'No KiviCare API was found at this address. Check the site address.',
};

export function siteError(
  failure: SiteFailure,
  details: Record<string, string | number | boolean | undefined> = {},
): AppError {
  return new AppError(KIND[failure], MESSAGE[failure], { ...details, reason: failure });
}

export const siteFailureOf = (e: unknown): SiteFailure | undefined =>
  e instanceof AppError && typeof e.details.reason === 'string' && e.details.reason in KIND
    ? (e.details.reason as SiteFailure)
    : undefined;
