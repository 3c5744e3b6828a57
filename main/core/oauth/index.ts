export { type ZoomOAuthContext, zoomAuthorizationServer, zoomOAuthContext } from './authorization-server';
export { type CallbackParams, parseCallbackParams } from './callback-params';
export { type CallbackRefusalReason, callbackRefused, refusalReason } from './callback-refusal';
export { parseZoomOAuthConfig, ZOOM_USER_SCOPES, ZoomOAuthConfig } from './config';
export { allowsInsecureRequests, isAcceptableBaseUrl } from './insecure-policy';
export { LOOPBACK_CALLBACK_PATH, type LoopbackRedirect, startLoopbackRedirect } from './loopback-redirect';
export { type PendingAuthorization, PendingAuthorizations } from './pending-authorizations';
export {
  APP_SCHEME,
  looksLikeProtocolCallback,
  PROTOCOL_REDIRECT_URI,
  parseProtocolCallbackUrl,
} from './protocol-callback';
export { exchangeCode, refreshTokens, requestAccountToken, revokeToken, type TokenSet } from './token-client';
export { classifyTokenFailure, type TokenFailureReason, toTokenError } from './token-errors';
