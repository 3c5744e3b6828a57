import { createHash, randomBytes } from 'node:crypto';
import type { ZoomSandbox } from '../../main/core/zoom-sandbox';

export const PUBLIC_CLIENT = 'sandbox-public-client';
export const LOOPBACK = 'http://127.0.0.1:53682/oauth/callback';

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(sb: ZoomSandbox, params: Record<string, string | undefined>): string {
  const url = new URL(`${sb.oauthBaseUrl}/oauth/authorize`);
  const all = {
    response_type: 'code',
    client_id: PUBLIC_CLIENT,
    redirect_uri: LOOPBACK,
    state: 'st-1',
    ...params,
  };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read Zoom bodies ad hoc and assert on them
  body: any;
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {}
  return { status: res.status, headers: res.headers, body };
}

export async function tokenRequest(
  sb: ZoomSandbox,
  form: Record<string, string>,
  basic?: [string, string],
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) headers.authorization = `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString('base64')}`;
  const res = await fetch(`${sb.oauthBaseUrl}/oauth/token`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(form),
  });
  return answer(res);
}

/** Runs the whole public-client flow the app runs: authorize, approve, exchange. */
export async function connectDoctor(sb: ZoomSandbox, email = 'dr.lee@sandbox.test') {
  const { verifier, challenge } = pkce();
  const url = authorizeUrl(sb, { code_challenge: challenge, code_challenge_method: 'S256' });
  const code = new URL(await sb.approve(url, email)).searchParams.get('code')!;
  const res = await tokenRequest(sb, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: LOOPBACK,
    code_verifier: verifier,
    client_id: PUBLIC_CLIENT,
  });
  if (res.status !== 200) throw new Error(`token exchange failed: ${JSON.stringify(res.body)}`);
  return res.body as { access_token: string; refresh_token: string; expires_in: number; scope: string };
}

export async function s2sToken(sb: ZoomSandbox): Promise<string> {
  const res = await tokenRequest(sb, { grant_type: 'account_credentials', account_id: 'sbxAcct_Clinic01' }, [
    'sandbox-s2s-client',
    'sandbox-s2s-secret',
  ]);
  return res.body.access_token;
}

export async function api(
  sb: ZoomSandbox,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${sb.apiBaseUrl}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return answer(res);
}

export const visit = {
  topic: 'Telemedical Consultation',
  type: 2,
  start_time: '2030-03-04T15:00:00Z',
  duration: 30,
  timezone: 'America/New_York',
  agenda: 'Ref 7F3K',
  settings: { waiting_room: true, join_before_host: false },
};

/** A clock tests move by hand. */
export function manualClock(start = Date.UTC(2030, 2, 1, 12, 0, 0)) {
  let t = start;
  return { now: () => t, set: (ms: number) => (t = ms), add: (ms: number) => (t += ms) };
}
