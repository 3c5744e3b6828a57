// Test helper: connects a sandbox doctor through the real OAuth flow (PKCE, approve, token
// exchange) and provides tokens that really refresh against the sandbox's token endpoint.
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../main/core/errors';
import type { AccessTokenProvider } from '../../main/core/zoom/token-provider';
import type { ZoomSandbox } from '../../main/core/zoom-sandbox';

const CLIENT_ID = 'sandbox-public-client';
const REDIRECT_URI = 'http://127.0.0.1:53682/oauth/callback';

interface TokenBody {
  access_token: string;
  refresh_token: string;
}

async function tokenRequest(sandbox: ZoomSandbox, form: Record<string, string>): Promise<TokenBody> {
  const res = await fetch(`${sandbox.oauthBaseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form, client_id: CLIENT_ID }),
  });
  if (!res.ok) throw new AppError('reconnect-needed', 'Dr. must reconnect Zoom.', { status: res.status });
  return (await res.json()) as TokenBody;
}

export class SandboxTokens implements AccessTokenProvider {
  refreshes = 0;
  constructor(
    private readonly sandbox: ZoomSandbox,
    public access: string,
    private refresh: string,
  ) {}

  async getAccessToken(): Promise<string> {
    return this.access;
  }

  async refreshAfterUnauthorized(rejected: string): Promise<string> {
    if (rejected !== this.access) return this.access;
    this.refreshes++;
    const body = await tokenRequest(this.sandbox, {
      grant_type: 'refresh_token',
      refresh_token: this.refresh,
    });
    this.access = body.access_token;
    this.refresh = body.refresh_token;
    return this.access;
  }
}

/** Runs authorize (S256) → sandbox.approve → POST /oauth/token for `email`. */
export async function connectDoctor(sandbox: ZoomSandbox, email: string): Promise<SandboxTokens> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorize = new URL(`${sandbox.oauthBaseUrl}/oauth/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    state: randomBytes(8).toString('hex'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const redirect = new URL(await sandbox.approve(authorize.toString(), email));
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`approve gave no code: ${redirect.search}`);
  const body = await tokenRequest(sandbox, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  });
  return new SandboxTokens(sandbox, body.access_token, body.refresh_token);
}
