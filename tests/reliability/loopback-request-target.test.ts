// Regression: a request target the URL parser rejects ("//x", "//?a") once threw inside the
// loopback listener's request handler: an uncaught exception in main, and no answer at all.
import { request } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { type LoopbackRedirect, startLoopbackRedirect } from '../../main/core/oauth/loopback-redirect';

let loopback: LoopbackRedirect | undefined;
afterEach(async () => {
  await loopback?.close();
});

const uncaught: unknown[] = [];
process.on('uncaughtException', (e) => void uncaught.push(e));

function get(port: number, path: string) {
  return new Promise<number | 'no-answer'>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve('no-answer'));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

it.each(['//?D', '/////?kM8Z!k', '//%F3%A7%B5%91/!/?mI+1', '//evil.test/oauth/callback?code=a&state=b'])(
  'answers the request target %s with a refusal and throws nothing',
  async (path) => {
    loopback = await startLoopbackRedirect({ timeoutMs: 10_000, accept: () => {} });
    const port = Number(new URL(loopback.redirectUri).port);
    expect(await get(port, path)).toBeGreaterThanOrEqual(400);
    expect(uncaught).toEqual([]);
  },
);
