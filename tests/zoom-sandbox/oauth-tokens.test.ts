import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';
import { api, connectDoctor, manualClock, PUBLIC_CLIENT, s2sToken, tokenRequest } from './helpers';

let sb: ZoomSandbox;
const clock = manualClock();
beforeEach(async () => {
  sb = await startZoomSandbox({ now: clock.now });
});
afterEach(() => sb.close());

const refresh = (refresh_token: string) =>
  tokenRequest(sb, { grant_type: 'refresh_token', refresh_token, client_id: PUBLIC_CLIENT });

describe('refresh tokens rotate', () => {
  it('returns a new refresh token each time and rejects the previous one with Invalid Token!', async () => {
    const first = await connectDoctor(sb);
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    const reused = await refresh(first.refresh_token);
    expect(reused.status).toBe(400);
    expect(reused.body).toEqual({ reason: 'Invalid Token!', error: 'invalid_grant' });
    expect(sb.stats().refreshes).toBe(1);
  });

  it('keeps the new chain alive after an old token is replayed (no reuse detection)', async () => {
    const first = await connectDoctor(sb);
    const second = await refresh(first.refresh_token);
    await refresh(first.refresh_token);
    const third = await refresh(second.body.refresh_token);
    expect(third.status).toBe(200);
    expect((await api(sb, third.body.access_token, 'GET', '/users/me')).status).toBe(200);
  });

  it('lets only one of two concurrent refreshes with the same token win', async () => {
    const first = await connectDoctor(sb);
    const results = await Promise.all([refresh(first.refresh_token), refresh(first.refresh_token)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it('refuses a refresh token presented by another client', async () => {
    const first = await connectDoctor(sb);
    const res = await tokenRequest(sb, { grant_type: 'refresh_token', refresh_token: first.refresh_token }, [
      'sandbox-confidential-client',
      'sandbox-secret',
    ]);
    expect(res.body.error).toBe('invalid_grant');
  });
});

describe('access tokens', () => {
  it('answers 401 code 124 for a missing, unknown or expired bearer token', async () => {
    const { access_token } = await connectDoctor(sb);
    expect((await api(sb, undefined, 'GET', '/users/me')).body).toEqual({
      code: 124,
      message: 'Invalid access token.',
    });
    expect((await api(sb, 'garbage', 'GET', '/users/me')).status).toBe(401);
    clock.add(3599 * 1000);
    const expired = await api(sb, access_token, 'GET', '/users/me');
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe(124);
  });

  it('honours a custom access token lifetime', async () => {
    await sb.close();
    sb = await startZoomSandbox({ now: clock.now, accessTokenTtlSeconds: 60 });
    const t = await connectDoctor(sb);
    expect(t.expires_in).toBe(60);
    clock.add(61_000);
    expect((await api(sb, t.access_token, 'GET', '/users/me')).status).toBe(401);
  });
});

describe('revocation', () => {
  it('revokes the access token and its refresh chain through /oauth/revoke', async () => {
    const t = await connectDoctor(sb);
    const res = await fetch(`${sb.oauthBaseUrl}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: t.access_token, client_id: PUBLIC_CLIENT }),
    });
    expect(await res.json()).toEqual({ status: 'success' });
    expect((await api(sb, t.access_token, 'GET', '/users/me')).body.code).toBe(124);
    expect((await refresh(t.refresh_token)).body.error).toBe('invalid_grant');
  });

  it('simulates deauthorization: refresh gives invalid_grant and access gives 124, other doctors unaffected', async () => {
    const lee = await connectDoctor(sb, 'dr.lee@sandbox.test');
    const patel = await connectDoctor(sb, 'dr.patel@sandbox.test');
    sb.revokeUserTokens('dr.lee@sandbox.test');
    expect((await refresh(lee.refresh_token)).body).toEqual({
      reason: 'Invalid Token!',
      error: 'invalid_grant',
    });
    expect((await api(sb, lee.access_token, 'GET', '/users/me')).status).toBe(401);
    expect((await api(sb, patel.access_token, 'GET', '/users/me')).status).toBe(200);
  });
});

describe('server-to-server OAuth', () => {
  it('issues one-hour tokens without refresh token, several valid at once', async () => {
    const res = await tokenRequest(
      sb,
      { grant_type: 'account_credentials', account_id: 'sbxAcct_Clinic01' },
      ['sandbox-s2s-client', 'sandbox-s2s-secret'],
    );
    expect(res.status).toBe(200);
    expect(res.body.refresh_token).toBeUndefined();
    expect(res.body.expires_in).toBe(3599);
    expect(res.body.scope).toContain('meeting:write:meeting:admin');
    const other = await s2sToken(sb);
    for (const t of [res.body.access_token, other]) {
      expect((await api(sb, t, 'GET', '/users/dr.patel@sandbox.test')).body.email).toBe(
        'dr.patel@sandbox.test',
      );
    }
  });

  it('accepts grant_type and account_id in the query string, as Zoom documents', async () => {
    const res = await fetch(
      `${sb.oauthBaseUrl}/oauth/token?grant_type=account_credentials&account_id=sbxAcct_Clinic01`,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('sandbox-s2s-client:sandbox-s2s-secret').toString('base64')}`,
        },
      },
    );
    expect(res.status).toBe(200);
  });

  it('refuses a wrong secret with 401 invalid_client and a wrong account with invalid_request', async () => {
    const bad = await tokenRequest(
      sb,
      { grant_type: 'account_credentials', account_id: 'sbxAcct_Clinic01' },
      ['sandbox-s2s-client', 'wrong'],
    );
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe('invalid_client');
    const acct = await tokenRequest(sb, { grant_type: 'account_credentials', account_id: 'other' }, [
      'sandbox-s2s-client',
      'sandbox-s2s-secret',
    ]);
    expect(acct.body.error).toBe('invalid_request');
  });

  it('answers 404 code 1001 for a user outside the account', async () => {
    const res = await api(sb, await s2sToken(sb), 'GET', '/users/nobody@sandbox.test');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe(1001);
  });
});
