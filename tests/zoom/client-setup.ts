// Test helper: a sandbox, a connected doctor and a Zoom client pointed at it.
import { createZoomClient, type ZoomClient, type ZoomClientOptions } from '../../main/core/zoom/client';
import type { MeetingInput } from '../../main/core/zoom/meeting-input';
import { createZoomRateLimiter, type ZoomRateLimiter } from '../../main/core/zoom/rate-limiter';
import { type SandboxOptions, startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';
import { connectDoctor, type SandboxTokens } from './sandbox-connection';

export const DOCTOR = 'dr.lee@sandbox.test';

export interface Setup {
  sandbox: ZoomSandbox;
  tokens: SandboxTokens;
  limiter: ZoomRateLimiter;
  client: ZoomClient;
  sleeps: number[];
  makeClient(overrides?: Partial<ZoomClientOptions>): ZoomClient;
  close(): Promise<void>;
}

export async function setup(
  sandboxOptions: SandboxOptions = {},
  clientOptions: Partial<ZoomClientOptions> = {},
): Promise<Setup> {
  const sandbox = await startZoomSandbox({ rateLimits: false, ...sandboxOptions });
  const tokens = await connectDoctor(sandbox, DOCTOR);
  const limiter = createZoomRateLimiter();
  const sleeps: number[] = [];
  const makeClient = (overrides: Partial<ZoomClientOptions> = {}) =>
    createZoomClient({
      apiBaseUrl: sandbox.apiBaseUrl,
      tokens,
      accountKey: 'sbxAcct_Clinic01',
      limiter,
      timeoutMs: 2_000,
      retry: { retries: 3, baseDelayMs: 10, maxDelayMs: 50 },
      // Waits are recorded and shortened, so tests assert on what the client asked for.
      sleep: async (ms) => {
        sleeps.push(ms);
        await new Promise((r) => setTimeout(r, Math.min(ms, 20)));
      },
      ...clientOptions,
      ...overrides,
    });
  return {
    sandbox,
    tokens,
    limiter,
    client: makeClient(),
    sleeps,
    makeClient,
    close: async () => {
      limiter.close();
      await sandbox.close();
    },
  };
}

let n = 0;
export const meetingInput = (overrides: Partial<MeetingInput> = {}): MeetingInput => ({
  topic: `Telemedical Consultation CC-${++n}`,
  agenda: 'Video visit',
  start_time: `2030-03-04T1${n % 10}:30:00Z`,
  timezone: 'America/New_York',
  duration: 30,
  password: `Pw${n}x@`,
  settings: { waiting_room: true, join_before_host: false },
  ...overrides,
});

export const apiCount = (sandbox: ZoomSandbox, route: string): number => sandbox.stats().byRoute[route] ?? 0;
