import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthorizePageError, startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';
import { authorizeUrl, LOOPBACK, manualClock, PUBLIC_CLIENT, pkce, tokenRequest } from './helpers';

let sb: ZoomSandbox;
const clock = manualClock();
beforeEach(async () => {
  sb = await startZoomSandbox({ now: clock.now });
});
afterEach(() => sb.close());

async function codeFor(challenge: string, extra: Record<string, string | undefined> = {}) {
  const url = authorizeUrl(sb, { code_challenge: challenge, code_challenge_method: 'S256', ...extra });
  return new URL(await sb.approve(url, 'dr.lee@sandbox.test'));
}

const exchange = (code: string, verifier: string, redirect = LOOPBACK) =>
  tokenRequest(sb, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirect,
    code_verifier: verifier,
    client_id: PUBLIC_CLIENT,
  });

describe('authorization code with PKCE (public client)', () => {
  it('exchanges an approved code for bearer tokens with scope and api_url', async () => {
    const { verifier, challenge } = pkce();
    const back = await codeFor(challenge);
    expect(back.origin + back.pathname).toBe(LOOPBACK);
    expect(back.searchParams.get('state')).toBe('st-1');
    const res = await exchange(back.searchParams.get('code')!, verifier);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'bearer', expires_in: 3599, api_url: sb.origin });
    expect(res.body.access_token).toEqual(expect.any(String));
    expect(res.body.refresh_token).toEqual(expect.any(String));
    expect(res.body.scope.split(' ')).toContain('meeting:write:meeting');
  });

  it('accepts any loopback port for the same path, as RFC 8252 asks', async () => {
    const { verifier, challenge } = pkce();
    const redirect = 'http://127.0.0.1:61999/oauth/callback';
    const back = await codeFor(challenge, { redirect_uri: redirect });
    expect((await exchange(back.searchParams.get('code')!, verifier, redirect)).status).toBe(200);
  });

  it('rejects a wrong code_verifier with invalid_grant', async () => {
    const { challenge } = pkce();
    const back = await codeFor(challenge);
    const res = await exchange(back.searchParams.get('code')!, pkce().verifier);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('treats a challenge without method as plain, so an S256 verifier fails', async () => {
    const { verifier, challenge } = pkce();
    const back = await codeFor(challenge, { code_challenge_method: undefined });
    expect((await exchange(back.searchParams.get('code')!, verifier)).body.error).toBe('invalid_grant');
  });

  it('uses a code once only', async () => {
    const { verifier, challenge } = pkce();
    const code = (await codeFor(challenge)).searchParams.get('code')!;
    expect((await exchange(code, verifier)).status).toBe(200);
    const again = await exchange(code, verifier);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
  });

  it('expires a code after five minutes (4733)', async () => {
    const { verifier, challenge } = pkce();
    const code = (await codeFor(challenge)).searchParams.get('code')!;
    clock.add(5 * 60 * 1000 + 1);
    const res = await exchange(code, verifier);
    expect(res.body).toMatchObject({ error: 'invalid_grant', code: 4733 });
  });

  it('requires the same redirect_uri at the token endpoint', async () => {
    const { verifier, challenge } = pkce();
    const code = (await codeFor(challenge)).searchParams.get('code')!;
    const res = await exchange(code, verifier, 'http://127.0.0.1:1/other');
    expect(res.body.error).toBe('invalid_grant');
  });

  it('refuses a public client that sends a secret or Basic auth', async () => {
    const { verifier, challenge } = pkce();
    const code = (await codeFor(challenge)).searchParams.get('code')!;
    const form = { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK, code_verifier: verifier };
    expect((await tokenRequest(sb, form, [PUBLIC_CLIENT, 'x'])).body.error).toBe('invalid_client');
    expect((await tokenRequest(sb, { ...form, client_id: PUBLIC_CLIENT, client_secret: 'x' })).status).toBe(
      401,
    );
  });

  it('answers invalid_request for a JSON body and unsupported_grant_type for unknown grants', async () => {
    const res = await fetch(`${sb.oauthBaseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code' }),
    });
    expect((await res.json()).error).toBe('invalid_request');
    expect((await tokenRequest(sb, { grant_type: 'password', client_id: PUBLIC_CLIENT })).body.error).toBe(
      'unsupported_grant_type',
    );
  });

  it('lets a confidential client authenticate with Basic and no PKCE', async () => {
    const url = authorizeUrl(sb, { client_id: 'sandbox-confidential-client' });
    const code = new URL(await sb.approve(url, 'dr.patel@sandbox.test')).searchParams.get('code')!;
    const form = { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK };
    const res = await tokenRequest(sb, form, ['sandbox-confidential-client', 'sandbox-secret']);
    expect(res.status).toBe(200);
  });
});

describe('authorize request checks', () => {
  it('shows an error page, never a redirect, for an unknown client or a redirect off the allow list', async () => {
    await expect(
      sb.approve(authorizeUrl(sb, { client_id: 'nope', code_challenge: 'x' }), 'dr.lee@sandbox.test'),
    ).rejects.toThrow(AuthorizePageError);
    const bad = authorizeUrl(sb, { redirect_uri: 'https://evil.example/cb', code_challenge: 'x' });
    await expect(sb.approve(bad, 'dr.lee@sandbox.test')).rejects.toMatchObject({ code: 4709 });
    const page = await fetch(bad, { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('4709');
  });

  it('refuses localhost and custom schemes as redirect URLs', async () => {
    for (const redirect_uri of ['http://localhost:5000/cb', 'com.clinic.companion:/oauth']) {
      await expect(
        sb.approve(authorizeUrl(sb, { redirect_uri, code_challenge: 'x' }), 'dr.lee@sandbox.test'),
      ).rejects.toThrow();
    }
  });

  it('redirects with invalid_request when the public client sends no code_challenge', async () => {
    const back = new URL(await sb.approve(authorizeUrl(sb, {}), 'dr.lee@sandbox.test'));
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('state')).toBe('st-1');
  });

  it('redirects with unsupported_response_type for response_type other than code', async () => {
    const back = new URL(
      await sb.approve(
        authorizeUrl(sb, { response_type: 'token', code_challenge: 'x' }),
        'dr.lee@sandbox.test',
      ),
    );
    expect(back.searchParams.get('error')).toBe('unsupported_response_type');
  });

  it('redirects with access_denied when the doctor declines', async () => {
    const back = new URL(await sb.deny(authorizeUrl(sb, { code_challenge: 'x' })));
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st-1');
  });

  it('serves a self-contained consent page whose form approves with a 302 to the app', async () => {
    const { challenge } = pkce();
    const url = authorizeUrl(sb, { code_challenge: challenge, code_challenge_method: 'S256' });
    const html = await (await fetch(url)).text();
    expect(html).toContain('action="/oauth/authorize/approve"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);
    const res = await fetch(`${sb.origin}/oauth/authorize/approve`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ authorize_url: url, user: 'dr.patel@sandbox.test', action: 'approve' }),
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(location.searchParams.get('state')).toBe('st-1');
  });
});
