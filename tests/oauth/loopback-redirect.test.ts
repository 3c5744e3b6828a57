import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { callbackRefused, refusalReason, startLoopbackRedirect } from '../../main/core/oauth';

function send(url: string, method = 'GET', host?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(url, { method, headers: host ? { host } : {} }, (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

const acceptState = (good: string) => (p: { state: string | undefined }) => {
  if (p.state !== good) throw callbackRefused('unknown-state');
};

describe('loopback redirect listener', () => {
  it('listens on 127.0.0.1 with an ephemeral port and the callback path', async () => {
    const lb = await startLoopbackRedirect({ timeoutMs: 5000, accept: () => {} });
    expect(lb.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    await lb.close();
  });

  it('ignores other paths, methods, hosts and wrong states, then takes the one valid reply and closes', async () => {
    const lb = await startLoopbackRedirect({ timeoutMs: 5000, accept: acceptState('good') });
    const origin = new URL(lb.redirectUri).origin;
    expect((await send(`${origin}/favicon.ico`)).status).toBe(404);
    expect((await send(`${lb.redirectUri}?code=a&state=good`, 'POST')).status).toBe(405);
    expect((await send(`${lb.redirectUri}?code=a&state=good`, 'GET', 'evil.test')).status).toBe(400);
    const wrong = await send(`${lb.redirectUri}?code=a&state=bad`);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatch(/ignored/);
    const ok = await send(`${lb.redirectUri}?code=the-code&state=good`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatch(/close this tab/);
    expect(ok.body).not.toMatch(/<script|<link|<img|src=|href=/i);
    expect(ok.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(ok.headers['referrer-policy']).toBe('no-referrer');
    expect(ok.headers['cache-control']).toBe('no-store');
    await expect(lb.result).resolves.toEqual({ type: 'code', code: 'the-code', state: 'good' });
    await new Promise((r) => setTimeout(r, 50));
    await expect(send(`${lb.redirectUri}?code=again&state=good`)).rejects.toThrow();
  });

  it('delivers an access_denied reply as the outcome', async () => {
    const lb = await startLoopbackRedirect({ timeoutMs: 5000, accept: acceptState('s') });
    const r = await send(`${lb.redirectUri}?error=access_denied&state=s`);
    expect(r.body).toMatch(/Nothing was connected/);
    await expect(lb.result).resolves.toEqual({ type: 'error', error: 'access_denied', state: 's' });
  });

  it('closes itself when nobody answers in time', async () => {
    const lb = await startLoopbackRedirect({ timeoutMs: 100, accept: () => {} });
    const err = await lb.result.catch((e) => e);
    expect(refusalReason(err)).toBe('state-expired');
    await expect(send(lb.redirectUri)).rejects.toThrow();
  });
});
