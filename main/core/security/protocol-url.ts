// Finds the custom-scheme URL the OS passed to the app (cold-start argv on Windows/Linux, second instance).
import { APP_URL_SCHEME } from './app-identity';

const MAX_LENGTH = 4096;

/** Returns the one argument that is a URL of our scheme, or null; flags and paths are never mistaken for it. */
export function protocolUrlFromArgv(argv: readonly string[], scheme: string = APP_URL_SCHEME): string | null {
  const prefix = `${scheme.toLowerCase()}:`;
  for (const arg of argv) {
    if (typeof arg !== 'string' || arg.length > MAX_LENGTH) continue;
    if (!arg.toLowerCase().startsWith(prefix)) continue;
    try {
      const url = new URL(arg);
      if (url.protocol === prefix) return url.href;
    } catch {
      // An unparsable argument is ignored; the OS may pass odd strings through.
    }
  }
  return null;
}

/** True when a URL (macOS open-url, argv) belongs to this app's scheme. */
export function isAppSchemeUrl(url: string, scheme: string = APP_URL_SCHEME): boolean {
  return protocolUrlFromArgv([url], scheme) !== null;
}
