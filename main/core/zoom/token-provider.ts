/**
 * Where the Zoom client gets a doctor's (or the clinic's) access token. The OAuth module
 * implements it; the client never sees a refresh token.
 */
export interface AccessTokenProvider {
  /** A currently valid access token (refreshing ahead of expiry is the provider's business). */
  getAccessToken(): Promise<string>;
  /**
   * Zoom answered 401 to `rejectedToken`: return a fresh token. Single-flight is the provider's
   * job, so ten requests that fail together cause one refresh. Throws when the doctor must reconnect.
   */
  refreshAfterUnauthorized(rejectedToken: string): Promise<string>;
}
