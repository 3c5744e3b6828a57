// What a companion window may load or open: its own page only. Links leave only through main
// (openOutside), which builds them itself; a page asking for a window gets nothing.
import { APP_ORIGIN } from './app-identity';

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
  /** Always 'deny': the app never creates a window, nor opens a URL, on a page's request. */
  action: 'deny';
}

/**
 * setWindowOpenHandler: always deny, and hand nothing to the OS either. The renderer never calls
 * window.open; one that does is compromised, and its URL is not the app's to open.
 */
export function decideWindowOpen(_url: string): WindowOpenDecision {
  return { action: 'deny' };
}
