// Pure parsing of a custom-scheme OAuth callback (argv, second-instance, open-url all land here).

import { type CallbackParams, parseCallbackParams } from './callback-params';
import { callbackRefused } from './callback-refusal';

export const APP_SCHEME = 'com.cliniccompanion.app';
export const PROTOCOL_REDIRECT_URI = `${APP_SCHEME}://oauth/callback`;
const MAX_URL_LENGTH = 4096;

/** True when the URL is meant as our OAuth callback (so the shell can route it), valid or not. */
export function looksLikeProtocolCallback(raw: string): boolean {
  return typeof raw === 'string' && raw.toLowerCase().startsWith(`${APP_SCHEME}://oauth/`);
}

export function parseProtocolCallbackUrl(raw: string): CallbackParams {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) {
    throw callbackRefused('malformed', 'length');
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw callbackRefused('malformed', 'not a URL');
  }
  if (url.protocol !== `${APP_SCHEME}:`) throw callbackRefused('malformed', 'scheme');
  if (url.host !== 'oauth' || url.username || url.password || url.port)
    throw callbackRefused('malformed', 'host');
  if (url.pathname !== '/callback') throw callbackRefused('malformed', 'path');
  if (url.hash !== '') throw callbackRefused('malformed', 'fragment');
  return parseCallbackParams(url.searchParams);
}
