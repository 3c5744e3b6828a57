/** What the Zoom API client asks for a bearer token (one per doctor, or one for the S2S account). */
export interface AccessTokenProvider {
  /** `destination` is the origin the token is about to be sent to; a provider refuses a foreign one. */
  getAccessToken(destination?: string): Promise<string>;
  /** After a 401 (code 124) with `rejectedToken`: one forced refresh, unless someone already did it. */
  refreshAfterUnauthorized(rejectedToken: string, destination?: string): Promise<string>;
}
