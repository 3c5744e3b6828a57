// Which Zoom the companion talks to. IT policy wins, then the environment, then settings, then
// Zoom itself. Sandbox mode points everything at the built-in server and says so.
import type { Policy } from '../settings/policy';

export const DEFAULT_ZOOM_OAUTH_BASE_URL = 'https://zoom.us';
export const DEFAULT_ZOOM_API_BASE_URL = 'https://api.zoom.us/v2';
export const SANDBOX_CLIENT_ID = 'sandbox-public-client';

export interface ZoomEndpoints {
  oauthBaseUrl: string;
  apiBaseUrl: string;
  clientId: string | undefined;
  schemeBridgeUrl: string | undefined;
  sandbox: boolean;
  /** What the banner says, e.g. "Zoom" or "Zoom sandbox at 127.0.0.1:4455". */
  serverName: string;
}

export function resolveZoomEndpoints(input: {
  env: Record<string, string | undefined>;
  policy: Policy;
  settingsClientId: string | undefined;
  sandbox?: { oauthBaseUrl: string; apiBaseUrl: string };
}): ZoomEndpoints {
  const { env, policy } = input;
  if (input.sandbox) {
    return {
      ...input.sandbox,
      clientId: SANDBOX_CLIENT_ID,
      schemeBridgeUrl: undefined,
      sandbox: true,
      serverName: `Zoom sandbox at ${new URL(input.sandbox.apiBaseUrl).host}`,
    };
  }
  const oauthBaseUrl = policy.zoomOAuthBaseUrl ?? env.ZOOM_OAUTH_BASE_URL ?? DEFAULT_ZOOM_OAUTH_BASE_URL;
  const apiBaseUrl = policy.zoomApiBaseUrl ?? env.ZOOM_API_BASE_URL ?? DEFAULT_ZOOM_API_BASE_URL;
  // Every host that is not Zoom's own is named, the sign-in one too (the README promises it).
  const hosts = [
    ...new Set(
      [
        [oauthBaseUrl, DEFAULT_ZOOM_OAUTH_BASE_URL],
        [apiBaseUrl, DEFAULT_ZOOM_API_BASE_URL],
      ]
        .filter(([url, zoom]) => url !== zoom)
        .map(([url]) => new URL(url!).host),
    ),
  ];
  return {
    oauthBaseUrl,
    apiBaseUrl,
    clientId: policy.zoomClientId ?? env.ZOOM_CLIENT_ID ?? input.settingsClientId,
    schemeBridgeUrl: policy.bridgeUrl ?? env.ZOOM_BRIDGE_URL,
    sandbox: false,
    serverName: hosts.length ? `Zoom-compatible server at ${hosts.join(' and ')}` : 'Zoom',
  };
}
