// Shared set-up for tests against the real Zoom sandbox on 127.0.0.1 (not a test file itself).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConnectionManager, createConnectionManager, type Logger } from '../../main/core/connections';
import type { ConnectionManagerOptions } from '../../main/core/connections/connection-manager';
import { CONNECTION_SERVICE } from '../../main/core/connections/connection-record';
import { createCredentialVault, createDevFileCipher } from '../../main/core/vault';
import { type SandboxOptions, startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';

export const BRIDGE = 'https://bridge.sandbox.test/zoom/callback';

export class TestClock {
  t = Date.parse('2030-01-01T12:00:00Z');
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

export interface Harness {
  sandbox: ZoomSandbox;
  clock: TestClock;
  dataDir: string;
  logs: string[];
  logger: Logger;
  manager: ConnectionManager;
  makeManager(extra?: Partial<ConnectionManagerOptions>): ConnectionManager;
  /** Every token and refresh token currently in the vault (to scan logs and results for). */
  vaultTokens(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startHarness(sandboxOptions: SandboxOptions = {}, dataDir?: string): Promise<Harness> {
  const clock = new TestClock();
  const sandbox = await startZoomSandbox({ now: clock.now, rateLimits: false, ...sandboxOptions });
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'cc-conn-'));
  const logs: string[] = [];
  const logger: Logger = {
    info: (m, f) => logs.push(JSON.stringify({ level: 'info', m, f })),
    warn: (m, f) => logs.push(JSON.stringify({ level: 'warn', m, f })),
  };
  const cipher = createDevFileCipher(dir);
  const makeManager = (extra: Partial<ConnectionManagerOptions> = {}) =>
    createConnectionManager({
      config: {
        oauthBaseUrl: sandbox.oauthBaseUrl,
        apiBaseUrl: sandbox.apiBaseUrl,
        clientId: 'sandbox-public-client',
        schemeBridgeUrl: BRIDGE,
      },
      vault: createCredentialVault({ dataDir: dir, cipher }),
      now: clock.now,
      logger,
      describeDoctor: (id) => `Dr. ${id}`,
      ...extra,
    });
  const manager = makeManager();
  return {
    sandbox,
    clock,
    dataDir: dir,
    logs,
    logger,
    manager,
    makeManager,
    async vaultTokens() {
      const vault = createCredentialVault({ dataDir: dir, cipher });
      const out: string[] = [];
      for (const c of await vault.findCredentials(CONNECTION_SERVICE)) {
        const r = JSON.parse(c.password);
        if (r.tokens) out.push(r.tokens.accessToken, r.tokens.refreshToken);
      }
      return out;
    },
    async close() {
      await manager.dispose();
      await sandbox.close();
    },
  };
}

/** Plays the browser: the doctor approves at the sandbox, the redirect lands on our listener. */
export async function approveViaLoopback(h: Harness, authorizeUrl: string, email: string): Promise<Response> {
  const redirect = await h.sandbox.approve(authorizeUrl, email);
  return fetch(redirect, { redirect: 'manual' });
}

/** Plays the https bridge page: forwards code and state to the app's scheme. */
export function bridgeToScheme(redirect: string): string {
  const url = new URL(redirect);
  return `com.cliniccompanion.app://oauth/callback${url.search}`;
}

export async function connectLoopback(h: Harness, doctorId: string, email: string, m = h.manager) {
  const { authorizeUrl, completion } = await m.beginConnect(doctorId, { redirectMode: 'loopback' });
  await approveViaLoopback(h, authorizeUrl, email);
  return completion;
}
