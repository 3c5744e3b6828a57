import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createS2STokenProvider } from '../../main/core/connections';
import { CONNECTION_SERVICE } from '../../main/core/connections/connection-record';
import { createCredentialVault, createDevFileCipher } from '../../main/core/vault';
import { connectLoopback, type Harness, startHarness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const persistedRecord = async (dir: string, doctorId: string) => {
  const vault = createCredentialVault({ dataDir: dir, cipher: createDevFileCipher(dir) });
  const raw = await vault.getPassword(CONNECTION_SERVICE, doctorId);
  return raw ? JSON.parse(raw) : null;
};

describe('token lifecycle', () => {
  it('returns the cached access token while it is fresh, refreshes 5 minutes before expiry', async () => {
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    const p = h.manager.tokenProvider('lee');
    const first = await p.getAccessToken();
    h.clock.advance(50 * 60_000);
    expect(await p.getAccessToken()).toBe(first);
    expect(h.sandbox.stats().refreshes).toBe(0);
    h.clock.advance(5 * 60_000);
    const second = await p.getAccessToken();
    expect(second).not.toBe(first);
    expect(h.sandbox.stats().refreshes).toBe(1);
  });

  it('refresh is single-flight when ten calls race, and no rotated token is lost', async () => {
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    h.clock.advance(3600_000);
    const p = h.manager.tokenProvider('lee');
    const tokens = await Promise.all(Array.from({ length: 10 }, () => p.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(h.sandbox.stats().refreshes).toBe(1);
    // The rotated refresh token is the one on disk: the next refresh works too.
    h.clock.advance(3600_000);
    const again = await Promise.all(Array.from({ length: 10 }, () => p.getAccessToken()));
    expect(new Set(again).size).toBe(1);
    expect(h.sandbox.stats().refreshes).toBe(2);
    expect((await h.manager.status('lee')).state).toBe('connected');
  });

  it('persists the rotated refresh token before handing out the new access token', async () => {
    const order: string[] = [];
    const m = h.makeManager({
      hooks: {
        refreshStep: async (step, doctorId) => {
          if (step === 'after-persist') {
            const rec = await persistedRecord(h.dataDir, doctorId);
            order.push(`persisted:${rec.tokens.accessToken}`);
          }
        },
      },
    });
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test', m);
    h.clock.advance(3600_000);
    const token = await m.tokenProvider('lee').getAccessToken();
    order.push(`returned:${token}`);
    expect(order).toEqual([`persisted:${token}`, `returned:${token}`]);
    const rec = await persistedRecord(h.dataDir, 'lee');
    expect(rec.refreshStartedAt).toBeUndefined();
    await m.dispose();
  });

  it('after a 401 refreshes once, and concurrent 401s for the same token share that refresh', async () => {
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    const p = h.manager.tokenProvider('lee');
    const rejected = await p.getAccessToken();
    const fresh = await Promise.all(Array.from({ length: 5 }, () => p.refreshAfterUnauthorized(rejected)));
    expect(new Set(fresh).size).toBe(1);
    expect(fresh[0]).not.toBe(rejected);
    expect(h.sandbox.stats().refreshes).toBe(1);
    // A late 401 for the old token does not refresh again.
    expect(await p.refreshAfterUnauthorized(rejected)).toBe(fresh[0]);
    expect(h.sandbox.stats().refreshes).toBe(1);
  });

  it('marks the connection "reconnect needed" when Zoom revoked it, and does not loop', async () => {
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    await connectLoopback(h, 'patel', 'dr.patel@sandbox.test');
    h.sandbox.revokeUserTokens('dr.lee@sandbox.test');
    h.clock.advance(3600_000);
    const err = await h.manager
      .tokenProvider('lee')
      .getAccessToken()
      .catch((e) => e);
    expect(err.kind).toBe('reconnect-needed');
    expect(err.message).toBe('Dr. lee must reconnect Zoom: Zoom no longer accepts the connection.');
    const s = await h.manager.status('lee');
    expect(s).toMatchObject({
      state: 'reconnect-needed',
      email: 'dr.lee@sandbox.test',
      accessTokenExpiresAt: null,
    });
    expect(s.lastError?.reason).toBe('invalid-grant');
    const before = h.sandbox.stats().requests;
    await expect(h.manager.tokenProvider('lee').getAccessToken()).rejects.toMatchObject({
      kind: 'reconnect-needed',
    });
    expect(h.sandbox.stats().requests).toBe(before);
    const rec = await persistedRecord(h.dataDir, 'lee');
    expect(rec.tokens).toBeUndefined();
    expect((await h.makeManager().status('lee')).state).toBe('reconnect-needed');
    // The other doctor is untouched.
    expect(await h.manager.tokenProvider('patel').getAccessToken()).toBeTruthy();
    // Reconnecting recovers.
    expect((await connectLoopback(h, 'lee', 'dr.lee@sandbox.test')).state).toBe('connected');
  });

  it('keeps the connection when Zoom is briefly unavailable during a refresh', async () => {
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    h.clock.advance(3600_000);
    h.sandbox.faults.add({ path: '/oauth/token', count: 1, effect: { kind: 'status', status: 503 } });
    await expect(h.manager.tokenProvider('lee').getAccessToken()).rejects.toMatchObject({
      kind: 'zoom-unavailable',
    });
    expect((await h.manager.status('lee')).state).toBe('connected');
    expect(await h.manager.tokenProvider('lee').getAccessToken()).toBeTruthy();
  });

  it('turns a lost refresh answer (Zoom rotated, reply dropped) into a clean reconnect-needed', async () => {
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    h.clock.advance(3600_000);
    h.sandbox.faults.add({ path: '/oauth/token', count: 1, effect: { kind: 'apply-then-drop' } });
    await expect(h.manager.tokenProvider('lee').getAccessToken()).rejects.toMatchObject({
      kind: 'zoom-unavailable',
    });
    const err = await h.manager
      .tokenProvider('lee')
      .getAccessToken()
      .catch((e) => e);
    expect(err.kind).toBe('reconnect-needed');
    expect((await h.manager.status('lee')).lastError?.reason).toBe('interrupted-refresh');
  });
});

describe('disconnect', () => {
  it('revokes at Zoom and purges the tokens', async () => {
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    const token = await h.manager.tokenProvider('lee').getAccessToken();
    const s = await h.manager.disconnect('lee');
    expect(s.state).toBe('disconnected');
    expect(await persistedRecord(h.dataDir, 'lee')).toBeNull();
    const me = await fetch(`${h.sandbox.apiBaseUrl}/users/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(401);
    await expect(h.manager.tokenProvider('lee').getAccessToken()).rejects.toMatchObject({
      kind: 'reconnect-needed',
    });
  });

  it('purges the tokens locally even when Zoom cannot be reached', async () => {
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    await h.sandbox.close();
    const s = await h.manager.disconnect('lee');
    expect(s.state).toBe('disconnected');
    expect(await persistedRecord(h.dataDir, 'lee')).toBeNull();
    expect(h.logs.some((l) => l.includes('zoom revoke failed'))).toBe(true);
  });

  it('waits for a running refresh and purges what it stored', async () => {
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    h.clock.advance(3600_000);
    const refreshing = h.manager.tokenProvider('lee').getAccessToken();
    const s = await h.manager.disconnect('lee');
    await refreshing;
    expect(s.state).toBe('disconnected');
    expect(await persistedRecord(h.dataDir, 'lee')).toBeNull();
  });
});

describe('server-to-server token', () => {
  it('is fetched once for ten racing calls and cached until shortly before expiry', async () => {
    const p = createS2STokenProvider({
      config: {
        oauthBaseUrl: h.sandbox.oauthBaseUrl,
        apiBaseUrl: h.sandbox.apiBaseUrl,
        clientId: 'sandbox-s2s-client',
        clientSecret: 'sandbox-s2s-secret',
      },
      accountId: 'sbxAcct_Clinic01',
      now: h.clock.now,
    });
    const issued = h.sandbox.stats().tokensIssued;
    const tokens = await Promise.all(Array.from({ length: 10 }, () => p.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(h.sandbox.stats().tokensIssued).toBe(issued + 1);
    h.clock.advance(50 * 60_000);
    expect(await p.getAccessToken()).toBe(tokens[0]);
    h.clock.advance(6 * 60_000);
    expect(await p.getAccessToken()).not.toBe(tokens[0]);
    expect(h.sandbox.stats().tokensIssued).toBe(issued + 2);
  });

  it('refuses wrong clinic credentials with a message for IT', async () => {
    const p = createS2STokenProvider({
      config: {
        oauthBaseUrl: h.sandbox.oauthBaseUrl,
        apiBaseUrl: h.sandbox.apiBaseUrl,
        clientId: 'sandbox-s2s-client',
        clientSecret: 'wrong',
      },
      accountId: 'sbxAcct_Clinic01',
      now: h.clock.now,
    });
    const err = await p.getAccessToken().catch((e) => e);
    expect(err.kind).toBe('oauth-refused');
    expect(err.details.reason).toBe('invalid-client');
  });
});
