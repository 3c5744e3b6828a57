// A token goes only back to the Zoom that issued it: after IT points the companion at another
// server, no request carrying an old token (API call, refresh or revoke) reaches the new one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createS2STokenProvider } from '../../main/core/connections';
import { CONNECTION_SERVICE } from '../../main/core/connections/connection-record';
import { createCredentialVault, createDevFileCipher } from '../../main/core/vault';
import { createZoomClient, createZoomRateLimiter } from '../../main/core/zoom';
import { startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';
import { BRIDGE, connectLoopback, type Harness, startHarness } from './harness';

let h: Harness;
let other: ZoomSandbox;
beforeEach(async () => {
  h = await startHarness();
  other = await startZoomSandbox({ now: h.clock.now, rateLimits: false });
});
afterEach(async () => {
  await h.close();
  await other.close();
});

const vault = () => createCredentialVault({ dataDir: h.dataDir, cipher: createDevFileCipher(h.dataDir) });
const stored = async (doctorId: string) =>
  JSON.parse((await vault().getPassword(CONNECTION_SERVICE, doctorId)) as string);
const clientOn = (apiBaseUrl: string, tokens: ReturnType<Harness['manager']['tokenProvider']>) =>
  createZoomClient({
    apiBaseUrl,
    tokens,
    accountKey: 'clinic',
    limiter: createZoomRateLimiter(),
    now: h.clock.now,
    retry: { retries: 0 },
  });
const managerOn = (oauthBaseUrl: string, apiBaseUrl: string) =>
  h.makeManager({
    config: { oauthBaseUrl, apiBaseUrl, clientId: 'sandbox-public-client', schemeBridgeUrl: BRIDGE },
  });

describe('each token is bound to the issuer and API origin it came from', () => {
  it('is saved with the issuer and API origin that issued it', async () => {
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    expect((await stored('lee')).binding).toEqual({
      issuer: h.sandbox.oauthBaseUrl.replace(/\/+$/, ''),
      apiOrigin: new URL(h.sandbox.apiBaseUrl).origin,
    });
  });

  it('reconfigured to another Zoom: nothing carrying the token reaches it, and the doctor must reconnect', async () => {
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    const token = (await stored('lee')).tokens.accessToken as string;
    const refreshesBefore = h.sandbox.stats().refreshes;
    const moved = managerOn(other.oauthBaseUrl, other.apiBaseUrl);
    const client = clientOn(other.apiBaseUrl, moved.tokenProvider('lee'));

    await expect(client.getMe()).rejects.toMatchObject({ kind: 'reconnect-needed' });
    h.clock.advance(2 * 3600_000); // expired: a naive provider would now refresh at the new issuer
    await expect(client.getMe()).rejects.toMatchObject({ kind: 'reconnect-needed' });
    const status = await moved.status('lee');
    expect(status.state).toBe('reconnect-needed');
    expect(status.lastError?.message).toMatch(
      new RegExp(
        `Dr. lee must reconnect Zoom: the companion now uses a different Zoom server \\(${new URL(other.apiBaseUrl).host}\\)`,
      ),
    );
    await moved.disconnect('lee');

    expect(other.requests()).toEqual([]);
    expect(other.stats().requests).toBe(0);
    // Not refreshed at the old issuer either: the app no longer uses it.
    expect(h.sandbox.stats().refreshes).toBe(refreshesBefore);
    expect(JSON.stringify(await vault().findCredentials(CONNECTION_SERVICE))).not.toContain(token);
    await moved.dispose();
  });

  it('disconnecting right after the move revokes nothing at the new Zoom', async () => {
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    const moved = managerOn(other.oauthBaseUrl, other.apiBaseUrl);
    expect(await moved.disconnect('lee')).toMatchObject({ state: 'disconnected' });
    expect(other.requests()).toEqual([]);
    await moved.dispose();
  });

  it('an API server moved while the issuer stayed: the token is not sent to the new API', async () => {
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    const moved = managerOn(h.sandbox.oauthBaseUrl, other.apiBaseUrl);
    await expect(clientOn(other.apiBaseUrl, moved.tokenProvider('lee')).getMe()).rejects.toMatchObject({
      kind: 'reconnect-needed',
    });
    expect(other.requests()).toEqual([]);
    await moved.dispose();
  });

  it('a client aimed elsewhere than the connection is given no token for it', async () => {
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    const misdirected = clientOn(other.apiBaseUrl, h.manager.tokenProvider('lee'));
    await expect(misdirected.getMe()).rejects.toMatchObject({ kind: 'reconnect-needed' });
    expect(other.requests()).toEqual([]);
    // The connection itself is fine for its own Zoom.
    expect((await clientOn(h.sandbox.apiBaseUrl, h.manager.tokenProvider('lee')).getMe()).email).toBe(
      'dr.lee@sandbox.test',
    );
  });

  it('a record saved before bindings is read as bound to the configured Zoom and bound on its next refresh', async () => {
    await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
    const { binding: _dropped, ...legacy } = await stored('lee');
    await vault().setPassword(CONNECTION_SERVICE, 'lee', JSON.stringify(legacy));
    const reopened = h.makeManager();
    const client = clientOn(h.sandbox.apiBaseUrl, reopened.tokenProvider('lee'));
    expect((await client.getMe()).email).toBe('dr.lee@sandbox.test');
    expect((await stored('lee')).binding).toBeUndefined();
    h.clock.advance(2 * 3600_000);
    expect((await client.getMe()).email).toBe('dr.lee@sandbox.test');
    expect((await stored('lee')).binding).toEqual({
      issuer: h.sandbox.oauthBaseUrl.replace(/\/+$/, ''),
      apiOrigin: new URL(h.sandbox.apiBaseUrl).origin,
    });
    await reopened.dispose();
  });

  it('the clinic-wide (Server-to-Server) token is not sent to another API either', async () => {
    const clinic = createS2STokenProvider({
      config: {
        oauthBaseUrl: h.sandbox.oauthBaseUrl,
        apiBaseUrl: h.sandbox.apiBaseUrl,
        clientId: 'sandbox-s2s-client',
        clientSecret: 'sandbox-s2s-secret',
      },
      accountId: 'sbxAcct_Clinic01',
      now: h.clock.now,
    });
    await expect(clientOn(other.apiBaseUrl, clinic).getUser('dr.lee@sandbox.test')).rejects.toMatchObject({
      kind: 'reconnect-needed',
    });
    expect(other.requests()).toEqual([]);
    expect((await clientOn(h.sandbox.apiBaseUrl, clinic).getUser('dr.lee@sandbox.test')).email).toBe(
      'dr.lee@sandbox.test',
    );
  });
});
