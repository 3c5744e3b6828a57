// What a companion window may load or open: its own page only; links leave through openExternal.
import { APP_ORIGIN } from './app-identity';
import { DEFAULT_ZOOM_HOSTS, decideExternalUrl } from './external-url';

// URL.origin is 'null' for custom schemes in Node, so compare scheme and host explicitly.
const originOf = (url: URL): string => `${url.protocol}//${url.host}`;
const withoutHash = (url: URL): string => `${originOf(url)}${url.pathname}${url.search}`;

/** will-navigate: allowed only when the app's own page reloads itself. */
export function mayNavigate(targetUrl: string, currentUrl: string): boolean {
  let target: URL;
  let current: URL;
  try {
    target = new URL(targetUrl);
    current = new URL(currentUrl);
  } catch {
    return false;
  }
  if (originOf(target) !== APP_ORIGIN || originOf(current) !== APP_ORIGIN) return false;
  if (target.username || target.password) return false;
  return withoutHash(target) === withoutHash(current);
}

export interface WindowOpenDecision {
  /** Always 'deny': the app never creates a window on a page's request. */
  action: 'deny';
  /** The normalised URL to hand to openExternal, when policy allows it. */
  openExternally: string | null;
}

/** setWindowOpenHandler: deny the window; a Zoom or mail link goes to the OS instead. */
export function decideWindowOpen(
  url: string,
  allowedZoomHosts: readonly string[] = DEFAULT_ZOOM_HOSTS,
): WindowOpenDecision {
  const decision = decideExternalUrl(url, allowedZoomHosts);
  return { action: 'deny', openExternally: decision.allowed ? decision.url : null };
}
