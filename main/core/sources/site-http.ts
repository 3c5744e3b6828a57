// One request to a KiviCare site: time-out, client id, cookies, and the answers that are not data
// (an encrypted body, an HTML error page) turned into clear errors before any adapter sees them.
import { siteError } from './site-errors';

export interface SiteHttpOptions {
  baseUrl: string;
  /** Sent as X-KC-Client-Id on every call: KiviCare 4.3 refuses unauthenticated calls without it. */
  clientId: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface SiteRequest {
  method?: 'GET' | 'POST';
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  headers?: Record<string, string>;
}

export interface SiteResponse {
  status: number;
  body: unknown;
  setCookies: string[];
}

export const errorCodeOf = (body: unknown): string | undefined =>
  body && typeof body === 'object' && typeof (body as { code?: unknown }).code === 'string'
    ? (body as { code: string }).code
    : undefined;

export async function siteRequest(
  options: SiteHttpOptions,
  path: string,
  req: SiteRequest = {},
): Promise<SiteResponse> {
  const url = new URL(`${options.baseUrl}${path}`);
  for (const [k, v] of Object.entries(req.query ?? {}))
    if (v !== undefined) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-kc-client-id': options.clientId,
    ...req.headers,
  };
  if (req.json !== undefined) headers['content-type'] = 'application/json';
  const doFetch = options.fetch ?? fetch;
  let res: Response;
  let text: string;
  try {
    res = await doFetch(url, {
      method: req.method ?? 'GET',
      headers,
      body: req.json === undefined ? undefined : JSON.stringify(req.json),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
    text = await res.text();
  } catch (e) {
    const name = (e as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') throw siteError('timeout', { path });
    throw siteError('unreachable', { path });
  }
  if (res.headers.get('x-kivicare-encrypted')?.toLowerCase() === 'true')
    throw siteError('encrypted', { path });
  const setCookies = res.headers.getSetCookie();
  const type = res.headers.get('content-type') ?? '';
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // WordPress answers errors as JSON; a web page here is maintenance mode, a PHP fatal or a proxy.
    if (/html/i.test(type) || /^\s*</.test(text)) throw siteError('html-page', { path, status: res.status });
    throw siteError(res.status >= 500 ? 'server-error' : 'unreadable-answer', { path, status: res.status });
  }
  if (res.status >= 500)
    throw siteError('server-error', { path, status: res.status, code: errorCodeOf(body) });
  if (res.status >= 300 && res.status < 400)
    throw siteError('unreadable-answer', { path, status: res.status });
  return { status: res.status, body, setCookies };
}
