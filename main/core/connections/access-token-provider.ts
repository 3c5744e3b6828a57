/** What the Zoom API client asks for a bearer token (one per doctor, or one for the S2S account). */
export interface AccessTokenProvider {
  getAccessToken(): Promise<string>;
  /** After a 401 (code 124) with `rejectedToken`: one forced refresh, unless someone already did it. */
  refreshAfterUnauthorized(rejectedToken: string): Promise<string>;
}
