import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectLoopback, type Harness, startHarness } from './harness';

const CHILD = join(import.meta.dirname, 'fixtures', 'refresh-child.ts');

function runChild(h: Harness, killAt: string): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    // The Node that runs vitest (Node 24 from the pinned devDependency), with tsx as the loader.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: {
        ...process.env,
        OAUTH_BASE: h.sandbox.oauthBaseUrl,
        API_BASE: h.sandbox.apiBaseUrl,
        DATA_DIR: h.dataDir,
        NOW: String(h.clock.t),
        DOCTOR: 'lee',
        KILL_AT: killAt,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await connectLoopback(h, 'lee', 'dr.lee@sandbox.test');
  h.clock.advance(3600_000);
});
afterEach(async () => {
  await h.close();
});

async function assertWorking() {
  const m = h.makeManager();
  const token = await m.tokenProvider('lee').getAccessToken();
  const me = await fetch(`${h.sandbox.apiBaseUrl}/users/me`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(me.status).toBe(200);
  expect((await m.status('lee')).state).toBe('connected');
  await m.dispose();
}

async function assertCleanReconnectNeeded() {
  const m = h.makeManager();
  const err = await m
    .tokenProvider('lee')
    .getAccessToken()
    .catch((e) => e);
  expect(err.kind).toBe('reconnect-needed');
  const s = await m.status('lee');
  expect(s.state).toBe('reconnect-needed');
  expect(s.lastError?.reason).toBe('interrupted-refresh');
  expect(s.lastError?.message).toMatch(/must reconnect Zoom/);
  // Clean: the doctor can reconnect from here.
  expect((await connectLoopback(h, 'lee', 'dr.lee@sandbox.test', m)).state).toBe('connected');
  await m.dispose();
}

describe('a process killed during a refresh', () => {
  it.each(['before-journal', 'journal-written', 'before-request'])(
    'killed at %s: the connection still works after restart',
    async (point) => {
      const r = await runChild(h, point);
      expect(r.signal).toBe('SIGKILL');
      expect(h.sandbox.stats().refreshes).toBe(0);
      await assertWorking();
      expect(h.sandbox.stats().refreshes).toBe(1);
    },
  );

  it('killed after Zoom answered but before the vault write: clean reconnect-needed after restart', async () => {
    const r = await runChild(h, 'after-response');
    expect(r.signal).toBe('SIGKILL');
    expect(h.sandbox.stats().refreshes).toBe(1);
    await assertCleanReconnectNeeded();
  });

  it('killed during the atomic vault write: old file intact, clean reconnect-needed after restart', async () => {
    const r = await runChild(h, 'vault-rename');
    expect(r.signal).toBe('SIGKILL');
    // The new content reached only the temp file; the vault itself is the previous, whole file.
    expect(
      readdirSync(h.dataDir).some((f) => f.startsWith('credentials.json') && f !== 'credentials.json'),
    ).toBe(true);
    await assertCleanReconnectNeeded();
  });

  it('killed right after the vault write: the rotated tokens are used without another refresh', async () => {
    const r = await runChild(h, 'after-persist');
    expect(r.signal).toBe('SIGKILL');
    await assertWorking();
    expect(h.sandbox.stats().refreshes).toBe(1);
  });

  it('not killed: the child refreshes and exits normally', async () => {
    const r = await runChild(h, 'none');
    expect(r.code).toBe(0);
    await assertWorking();
    expect(h.sandbox.stats().refreshes).toBe(1);
  });
});
