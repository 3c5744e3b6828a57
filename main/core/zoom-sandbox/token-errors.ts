import { HttpError, jsonReply } from './http';

/** Zoom's token endpoint errors: `{"reason":"...","error":"..."}` (plus a numeric code where Zoom has one). */
export const tokenError = (status: 400 | 401, error: string, reason: string, code?: number): HttpError =>
  new HttpError(jsonReply(status, { reason, error, ...(code ? { code } : {}) }));

export const invalidClient = (): HttpError =>
  tokenError(401, 'invalid_client', 'Invalid client_id or client_secret');
export const invalidToken = (): HttpError => tokenError(400, 'invalid_grant', 'Invalid Token!');
