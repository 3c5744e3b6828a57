import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../main/core/connections';
import { refusalReason } from '../../main/core/oauth';
import {
  approveViaLoopback,
  BRIDGE,
  bridgeToScheme,
  connectLoopback,
  type Harness,
  startHarness,
} from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('connecting doctors', () => {
  it('connects two doctors on one desktop, one by loopback and one by the app link', async () => {
    const seen: ConnectionStatus[] = [];
    h.manager.onChange((s) => seen.push(s));
    const lee = await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    expect(lee).toMatchObject({
      doctorId: 'lee',
      state: 'connected',
      email: 'dr.lee@sandbox.test',
      lastError: null,
    });
    expect(lee.accessTokenExpiresAt).toBe(h.clock.t + 3599_000);

    const { authorizeUrl, completion } = await h.manager.beginConnect('patel', { redirectMode: 'scheme' });
    const q = new URL(authorizeUrl).searchParams;
    expect(q.get('redirect_uri')).toBe(BRIDGE);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('scope')).toBe(
      'meeting:write:meeting meeting:read:meeting meeting:update:meeting meeting:delete:meeting meeting:read:list_meetings user:read:user',
    );
    expect((await h.manager.status('patel')).state).toBe('connecting');
    const redirect = await h.sandbox.approve(authorizeUrl, 'dr.patel@sandbox.test');
    const patel = await h.manager.handleProtocolUrl(bridgeToScheme(redirect));
    expect(patel).toMatchObject({ state: 'connected', email: 'dr.patel@sandbox.test' });
    await expect(completion).resolves.toMatchObject({ state: 'connected' });

    const a = await h.manager.tokenProvider('lee').getAccessToken();
    const b = await h.manager.tokenProvider('patel').getAccessToken();
    expect(a).not.toBe(b);
    const me = await fetch(`${h.sandbox.apiBaseUrl}/users/me`, { headers: { authorization: `Bearer ${b}` } });
    expect((await me.json()).email).toBe('dr.patel@sandbox.test');
    expect((await h.manager.list()).map((s) => [s.doctorId, s.state])).toEqual([
      ['lee', 'connected'],
      ['patel', 'connected'],
    ]);
    expect(seen.some((s) => s.doctorId === 'patel' && s.state === 'connected')).toBe(true);
  });

  it('keeps connections across a restart of the app', async () => {
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    const before = await h.manager.tokenProvider('lee').getAccessToken();
    const restarted = h.makeManager();
    expect((await restarted.status('lee')).state).toBe('connected');
    expect(await restarted.tokenProvider('lee').getAccessToken()).toBe(before);
  });

  it('works as a confidential client when IT supplies a secret', async () => {
    const m = h.makeManager({
      config: {
        oauthBaseUrl: h.sandbox.oauthBaseUrl,
        apiBaseUrl: h.sandbox.apiBaseUrl,
        clientId: 'sandbox-confidential-client',
        clientSecret: 'sandbox-secret',
      },
    });
    const s = await connectLoopback(h, 'garcia', 'dr.garcia@sandbox.test', m);
    expect(s.state).toBe('connected');
    h.clock.advance(3600_000);
    expect(await m.tokenProvider('garcia').getAccessToken()).toBeTruthy();
    expect(h.sandbox.stats().refreshes).toBe(1);
    await m.dispose();
  });
});

describe('refused callbacks change nothing', () => {
  it('refuses a loopback reply with a forged state and still accepts the genuine one', async () => {
    const { authorizeUrl, completion } = await h.manager.beginConnect('lee', { redirectMode: 'loopback' });
    const redirect = new URL(await h.sandbox.approve(authorizeUrl, 'dr.lee@sandbox.test'));
    const forged = new URL(redirect);
    forged.searchParams.set('state', 'forged-state');
    expect((await fetch(forged)).status).toBe(400);
    expect((await h.manager.status('lee')).state).toBe('connecting');
    expect((await fetch(redirect)).status).toBe(200);
    await expect(completion).resolves.toMatchObject({ state: 'connected' });
  });

  it('refuses another doctor\u2019s state at a doctor\u2019s loopback listener', async () => {
    const lee = await h.manager.beginConnect('lee', { redirectMode: 'loopback' });
    const patel = await h.manager.beginConnect('patel', { redirectMode: 'loopback' });
    const leeRedirect = new URL(await h.sandbox.approve(lee.authorizeUrl, 'dr.lee@sandbox.test'));
    const patelState = new URL(patel.authorizeUrl).searchParams.get('state')!;
    const crossed = new URL(leeRedirect);
    crossed.searchParams.set('state', patelState);
    const r = await fetch(crossed);
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/different doctor/);
    expect((await h.manager.status('lee')).state).toBe('connecting');
    expect((await h.manager.status('patel')).state).toBe('connecting');
    await fetch(leeRedirect);
    await expect(lee.completion).resolves.toMatchObject({ state: 'connected' });
  });

  it('refuses unknown, reused, expired and wrong-route app-link replies', async () => {
    const reason = (p: Promise<unknown>) => p.then(() => 'accepted', refusalReason);
    expect(
      await reason(h.manager.handleProtocolUrl('com.cliniccompanion.app://oauth/callback?code=a&state=nope')),
    ).toBe('unknown-state');
    expect(
      await reason(h.manager.handleProtocolUrl('com.cliniccompanion.app://evil/callback?code=a&state=b')),
    ).toBe('malformed');

    const first = await h.manager.beginConnect('lee', { redirectMode: 'scheme' });
    const url = bridgeToScheme(await h.sandbox.approve(first.authorizeUrl, 'dr.lee@sandbox.test'));
    await h.manager.handleProtocolUrl(url);
    expect(await reason(h.manager.handleProtocolUrl(url))).toBe('state-reused');
    expect((await h.manager.status('lee')).state).toBe('connected');

    const late = await h.manager.beginConnect('patel', { redirectMode: 'scheme' });
    const lateUrl = bridgeToScheme(await h.sandbox.approve(late.authorizeUrl, 'dr.patel@sandbox.test'));
    h.clock.advance(11 * 60_000);
    expect(await reason(h.manager.handleProtocolUrl(lateUrl))).toBe('state-expired');
    expect((await h.manager.status('patel')).state).toBe('disconnected');

    const loop = await h.manager.beginConnect('garcia', { redirectMode: 'loopback' });
    const loopRedirect = await h.sandbox.approve(loop.authorizeUrl, 'dr.garcia@sandbox.test');
    expect(await reason(h.manager.handleProtocolUrl(bridgeToScheme(loopRedirect)))).toBe('wrong-redirect');
    expect((await h.manager.status('garcia')).state).toBe('connecting');
    expect(h.sandbox.stats().tokensIssued).toBe(1);
  });

  it('reports a cancelled sign-in (access_denied) and connects nothing', async () => {
    const { authorizeUrl, completion } = await h.manager.beginConnect('lee', { redirectMode: 'loopback' });
    await fetch(await h.sandbox.deny(authorizeUrl));
    const err = await completion.catch((e) => e);
    expect(refusalReason(err)).toBe('access-denied');
    expect(err.message).toMatch(/cancelled/);
    expect((await h.manager.status('lee')).state).toBe('disconnected');

    const scheme = await h.manager.beginConnect('patel', { redirectMode: 'scheme' });
    const denied = bridgeToScheme(await h.sandbox.deny(scheme.authorizeUrl));
    expect(await h.manager.handleProtocolUrl(denied).catch(refusalReason)).toBe('access-denied');
  });

  it('reports an authorization code that expired before the exchange as oauth-refused', async () => {
    const { authorizeUrl, completion } = await h.manager.beginConnect('lee', { redirectMode: 'scheme' });
    const url = bridgeToScheme(await h.sandbox.approve(authorizeUrl, 'dr.lee@sandbox.test'));
    h.clock.advance(6 * 60_000);
    const err = await h.manager.handleProtocolUrl(url).catch((e) => e);
    expect(err.kind).toBe('oauth-refused');
    expect(err.details.reason).toBe('code-expired');
    await expect(completion).rejects.toBe(err);
    expect((await h.manager.status('lee')).state).toBe('disconnected');
  });

  it('closes the loopback listener when the doctor never comes back', async () => {
    const m = h.makeManager({ loopbackTimeoutMs: 100 });
    const { completion } = await m.beginConnect('lee', { redirectMode: 'loopback' });
    expect(refusalReason(await completion.catch((e) => e))).toBe('state-expired');
    expect((await m.status('lee')).state).toBe('disconnected');
    await m.dispose();
  });

  it('answers the browser before a second reply to the same listener can be used', async () => {
    const { authorizeUrl, completion } = await h.manager.beginConnect('lee', { redirectMode: 'loopback' });
    const r = await approveViaLoopback(h, authorizeUrl, 'dr.lee@sandbox.test');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    await completion;
    expect(h.sandbox.stats().tokensIssued).toBe(1);
  });
});
