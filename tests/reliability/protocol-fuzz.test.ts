// Hostile OAuth callbacks while a doctor's sign-in is pending: fuzzed custom-scheme URLs and raw
// requests to the live loopback listener. None may connect, throw out of the app's handler, or
// spoil the genuine sign-in; the genuine callback still connects afterwards, and only once.
import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTION_SERVICE } from '../../main/core/connections/connection-record';
import { isAppError } from '../../main/core/errors';
import { startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';
import { type Fixture, openCompanion } from './companion-fixture';

const BRIDGE = 'https://bridge.sandbox.test/zoom/callback';
const SCHEME = 'com.cliniccompanion.app://oauth/callback';
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

let sandbox: ZoomSandbox;
let f: Fixture;
const unhandled: unknown[] = [];
/** Authorization codes the sandbox issued during the run (to look for in logs). */
const codes: string[] = [];
const onUnhandled = (e: unknown) => void unhandled.push(e);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  sandbox = await startZoomSandbox({ rateLimits: false });
  f = await openCompanion({
    sandbox: false,
    env: {
      ZOOM_OAUTH_BASE_URL: sandbox.oauthBaseUrl,
      ZOOM_API_BASE_URL: sandbox.apiBaseUrl,
      ZOOM_CLIENT_ID: 'sandbox-public-client',
      ZOOM_BRIDGE_URL: BRIDGE,
    },
  });
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await f?.close();
  await sandbox?.close();
});

async function pendingSignIn(name: string, email: string, mode: 'scheme' | 'loopback') {
  await f.actAs('admin');
  const d = await f.call('doctors:create', { displayName: name, email });
  if (!d.ok) throw new Error(d.error.message);
  const doctorId = (d.value as { id: string }).id;
  const { authorizeUrl, completion } = await f.companion.services.connections.beginConnect(doctorId, {
    redirectMode: mode,
  });
  const redirect = new URL(await sandbox.approve(authorizeUrl, email));
  codes.push(redirect.searchParams.get('code')!);
  return { doctorId, redirect, completion };
}

const state = (doctorId: string) => f.companion.services.connections.status(doctorId).then((s) => s.state);

describe('fuzzed custom-scheme callbacks while a sign-in is pending', () => {
  let doctorId: string;
  let code: string;
  let realState: string;
  let genuine: string;

  beforeAll(async () => {
    const p = await pendingSignIn('Dr. Lee', 'dr.lee@sandbox.test', 'scheme');
    doctorId = p.doctorId;
    expect(p.redirect.origin + p.redirect.pathname).toBe(BRIDGE);
    code = p.redirect.searchParams.get('code')!;
    realState = p.redirect.searchParams.get('state')!;
    genuine = `${SCHEME}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(realState)}`;
  });

  /** Structurally wrong URLs that still carry the real code and state: refused before the state is used. */
  const nearMisses = () => {
    const q = `code=${encodeURIComponent(code)}&state=${encodeURIComponent(realState)}`;
    return fc.oneof(
      fc.constantFrom(
        `com.cliniccompanion.ap://oauth/callback?${q}`,
        `com.cliniccompanion.app.evil://oauth/callback?${q}`,
        `https://oauth/callback?${q}`,
        `com.cliniccompanion.app://evil/callback?${q}`,
        `com.cliniccompanion.app://oauth.evil/callback?${q}`,
        `com.cliniccompanion.app://oauth:443/callback?${q}`,
        `com.cliniccompanion.app://user:pw@oauth/callback?${q}`,
        `com.cliniccompanion.app://oauth/callback/?${q}`,
        `com.cliniccompanion.app://oauth/callbacks?${q}`,
        `com.cliniccompanion.app://oauth/Callback?${q}`,
        `com.cliniccompanion.app://oauth/?${q}`,
        `com.cliniccompanion.app:oauth/callback?${q}`,
        `${SCHEME}?${q}#frag`,
        `${SCHEME}?${q}&state=${encodeURIComponent(realState)}`,
        `${SCHEME}?${q}&code=${encodeURIComponent(code)}`,
        `${SCHEME}?${q}&state=other`,
        `${SCHEME}?${q}&error=access_denied`,
        `${SCHEME}?${q}&redirect_uri=https://evil.test/`,
        `${SCHEME}?${q}&pad=${'a'.repeat(5000)}`,
        `${SCHEME}?code=${encodeURIComponent(code)}`,
        `${SCHEME}?code=${encodeURIComponent(`${code}é`)}&state=${encodeURIComponent(realState)}`,
        `${SCHEME}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(`${realState}\u202e`)}`,
        `${SCHEME}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(` ${realState}`)}`,
        '',
        SCHEME,
        `${SCHEME}?${q}`.repeat(3),
      ),
      // Any extra parameter name, with any value.
      fc
        .tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ maxLength: 50 }))
        .filter(([k]) => !['code', 'state'].includes(k))
        .map(([k, v]) => `${SCHEME}?${q}&${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
    );
  };
  /** Well-formed callbacks with the real code and a state that is not the pending one. */
  const wrongStates = () =>
    fc
      .oneof(
        fc.string({ minLength: 1, maxLength: 300 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        fc.constant(realState.slice(0, -1)),
        fc.constant(realState.toUpperCase()),
        fc.constant(`${realState}x`),
      )
      .filter((s) => s !== realState)
      .map((s) => `${SCHEME}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(s)}`);
  const anyString = () =>
    fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }));

  it('refuses every hostile URL with a clear error and keeps the sign-in pending and the data untouched', async () => {
    const before = await f.snapshot();
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(nearMisses(), wrongStates(), anyString()), async (url) => {
        const err = await f.companion.services.connections.handleProtocolUrl(url).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isAppError(err), `accepted: ${url.slice(0, 200)}`).toBe(true);
        expect((err as Error).message.length).toBeGreaterThan(0);
        // The app's entry point (argv, second-instance, open-url) never throws.
        await expect(f.companion.handleProtocolUrl(url)).resolves.toBeUndefined();
        expect(await state(doctorId)).toBe('connecting');
        refused++;
      }),
      { numRuns: RUNS, seed: 8 },
    );
    expect(refused).toBeGreaterThanOrEqual(RUNS);
    expect(await f.snapshot()).toBe(before);
    expect(sandbox.stats().byRoute['POST /oauth/token'] ?? 0).toBe(0);
  });

  it('still connects with the genuine callback afterwards, and a replay of it changes nothing', async () => {
    await f.companion.handleProtocolUrl(genuine);
    expect(await state(doctorId)).toBe('connected');
    const after = await f.snapshot();
    const replay = await f.companion.services.connections.handleProtocolUrl(genuine).catch((e) => e);
    expect(isAppError(replay)).toBe(true);
    expect(await state(doctorId)).toBe('connected');
    expect(await f.snapshot()).toBe(after);
  });
});

interface RawAnswer {
  status: number | 'connection-error';
  body: string;
}

/** A raw HTTP exchange, so method, Host and header sizes are the test's to choose. */
function raw(port: number, o: { method?: string; path: string; headers?: Record<string, string> }) {
  return new Promise<RawAnswer>((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: o.method ?? 'GET',
        path: o.path,
        headers: o.headers,
        timeout: 5_000,
      },
      (res) => {
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', () => resolve({ status: 'connection-error', body }));
      },
    );
    req.on('error', () => resolve({ status: 'connection-error', body: '' }));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

describe('hostile requests to the live loopback listener', () => {
  let doctorId: string;
  let redirect: URL;
  let completion: Promise<unknown>;
  let port: number;

  beforeAll(async () => {
    const p = await pendingSignIn('Dr. Patel', 'dr.patel@sandbox.test', 'loopback');
    ({ doctorId, redirect, completion } = p);
    port = Number(redirect.port);
  });

  const q = () => redirect.search.slice(1);
  const cases = (): [string, Parameters<typeof raw>[1]][] => [
    ['wrong state', { path: `/oauth/callback?code=abc&state=forged` }],
    ['state only', { path: `/oauth/callback?state=${redirect.searchParams.get('state')}` }],
    ['duplicated state', { path: `/oauth/callback?${q()}&state=${redirect.searchParams.get('state')}` }],
    ['extra parameter', { path: `/oauth/callback?${q()}&admin=1` }],
    ['error and code', { path: `/oauth/callback?${q()}&error=access_denied` }],
    ['other path', { path: `/oauth/callback/?${q()}` }],
    ['root', { path: `/?${q()}` }],
    ['traversal', { path: `/oauth/../oauth/callback%2f?${q()}` }],
    ['POST', { method: 'POST', path: `/oauth/callback?${q()}` }],
    ['PUT', { method: 'PUT', path: `/oauth/callback?${q()}` }],
    ['DELETE', { method: 'DELETE', path: `/oauth/callback?${q()}` }],
    ['OPTIONS', { method: 'OPTIONS', path: `/oauth/callback?${q()}` }],
    ['foreign Host (DNS rebinding)', { path: `/oauth/callback?${q()}`, headers: { host: 'evil.test' } }],
    ['localhost Host', { path: `/oauth/callback?${q()}`, headers: { host: `localhost:${port}` } }],
    ['oversized URL', { path: `/oauth/callback?${q()}&pad=${'a'.repeat(20_000)}` }],
    ['oversized header', { path: `/oauth/callback?${q()}`, headers: { 'x-pad': 'b'.repeat(20_000) } }],
    [
      'code too long',
      { path: `/oauth/callback?code=${'c'.repeat(3000)}&state=${redirect.searchParams.get('state')}` },
    ],
  ];

  it('answers each with a refusal page, leaving the sign-in pending and nothing written', async () => {
    const before = await f.snapshot();
    for (const [name, c] of cases()) {
      const a = await raw(port, c);
      if (a.status !== 'connection-error') expect(a.status, name).toBeGreaterThanOrEqual(400);
      // The refusal page never echoes what was sent (no reflected code or state).
      expect(a.body, name).not.toContain(redirect.searchParams.get('code')!);
      expect(await state(doctorId), name).toBe('connecting');
    }
    expect(await f.snapshot()).toBe(before);
  });

  it('fuzzed paths and queries are refused the same way', async () => {
    const before = await f.snapshot();
    await fc.assert(
      fc.asyncProperty(fc.webPath(), fc.webQueryParameters(), async (path, query) => {
        fc.pre(!(path === '/oauth/callback' && query === q()));
        const a = await raw(port, { path: `${path || '/'}?${query}` });
        if (a.status !== 'connection-error') expect(a.status).toBeGreaterThanOrEqual(400);
        expect(await state(doctorId)).toBe('connecting');
      }),
      { numRuns: Math.min(RUNS, 60), seed: 8 },
    );
    expect(await f.snapshot()).toBe(before);
  });

  it('the genuine redirect still connects; the replayed code finds the listener gone', async () => {
    const ok = await raw(port, { path: `/oauth/callback?${q()}` });
    expect(ok.status).toBe(200);
    await completion;
    expect(await state(doctorId)).toBe('connected');
    const after = await f.snapshot();
    const replay = await raw(port, { path: `/oauth/callback?${q()}` });
    expect(replay.status === 'connection-error' || replay.status === 410).toBe(true);
    expect(await state(doctorId)).toBe('connected');
    expect(await f.snapshot()).toBe(after);
    expect(unhandled).toEqual([]);
  });
});

it('no authorization code, token or refresh token in any log line or IPC answer of the whole run', async () => {
  const secrets: string[] = [];
  for (const c of await f.companion.services.vault.findCredentials(CONNECTION_SERVICE)) {
    const t = JSON.parse(c.password).tokens;
    if (t) secrets.push(t.accessToken, t.refreshToken);
  }
  expect(secrets.length).toBe(4);
  const everything = [...f.logger.lines, ...f.wire].join('\n');
  for (const s of [...secrets, ...codes]) expect(everything).not.toContain(s);
});
