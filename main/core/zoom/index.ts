// The Zoom client's public surface, for the composition root and the provisioning engine.
export {
  createZoomClient,
  type ListMeetingsOptions,
  type ZoomClient,
  type ZoomClientOptions,
} from './client';
export { isZoomApiError, ZoomApiError, type ZoomErrorReason, type ZoomFieldError } from './errors';
export type { ZoomLogger } from './logger';
export { MeetingInput, MeetingPasscode, MeetingPatch, MeetingSettingsInput } from './meeting-input';
export {
  createSharedZoomRateLimiter,
  createZoomRateLimiter,
  ZOOM_PRO_RATE_LIMITS,
  type ZoomRateLimiter,
  type ZoomRateLimits,
} from './rate-limiter';
export { DEFAULT_RETRY, type ZoomRetryOptions } from './retry-policy';
export type { ZoomCreatedMeeting, ZoomMeeting, ZoomMeetingListItem, ZoomUser } from './schemas';
export type { AccessTokenProvider } from './token-provider';
