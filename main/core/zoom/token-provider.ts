/**
 * Where the Zoom client gets a doctor's (or the clinic's) access token. The OAuth module
 * implements it; the client never sees a refresh token.
 */
export interface AccessTokenProvider {
  /** A valid access token for sending to `destination` (an origin); a token bound elsewhere is refused. */
  getAccessToken(destination?: string): Promise<string>;
  /**
   * Zoom answered 401 to `rejectedToken`: return a fresh token. Single-flight is the provider's
   * job, so ten requests that fail together cause one refresh. Throws when the doctor must reconnect.
   */
  refreshAfterUnauthorized(rejectedToken: string, destination?: string): Promise<string>;
}
