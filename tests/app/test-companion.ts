// The real composition root for a test (not a test file itself): a companion on a temporary data
// folder with the Zoom sandbox, a `call` that goes through the dispatcher as the page's requests do
// (roles included: the profile unlocked in the core answers), and what the shell was asked to open
// or copy. Extra createCompanion options pass through.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Companion, type CompanionOptions, createCompanion } from '../../main/core/app/companion';
import { dispatch } from '../../main/core/ipc/dispatch';
import { memoryLogger } from '../../main/core/logging/logger';
import { createDevFileCipher } from '../../main/core/vault';
import type { Channel, RequestOf, ResponseOf } from '../../preload/contract';

export const TEST_ORIGIN = 'app://companion';

export interface TestCompanion {
  companion: Companion;
  dataDir: string;
  logger: ReturnType<typeof memoryLogger>;
  opened: string[];
  clipboard: string[];
  /** Every answer as the renderer would have received it (JSON), for leak scans. */
  wire: string[];
  /** Sends as the page would; throws the refusal (with its `kind`) instead of returning it. */
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  dispose(): Promise<void>;
}

export async function startTestCompanion(
  o: Partial<Omit<CompanionOptions, 'shell' | 'cipher' | 'dataDir'>> & { dataDir?: string } = {},
): Promise<TestCompanion> {
  const dataDir = o.dataDir ?? mkdtempSync(path.join(tmpdir(), 'cc-test-'));
  const logger = memoryLogger();
  const opened: string[] = [];
  const clipboard: string[] = [];
  const wire: string[] = [];
  const companion = await createCompanion({
    appName: 'Clinic Companion',
    version: '0.0.0-test',
    platform: 'linux',
    env: {},
    policy: { clinicTimeZone: 'Europe/Berlin' },
    sandbox: true,
    logger,
    reconcileEveryMs: 0,
    syncKiviCare: false,
    watchNowEveryMs: 0,
    ...o,
    dataDir,
    cipher: createDevFileCipher(dataDir),
    shell: {
      openOutside: async (url) => void opened.push(url),
      writeClipboard: async (text) => void clipboard.push(text),
      chooseFolder: async () => null,
    },
  });
  return {
    companion,
    dataDir,
    logger,
    opened,
    clipboard,
    wire,
    async call(channel, request) {
      const r = await dispatch(companion.handlers, channel, request, {
        caller: companion.caller,
        senderOrigin: TEST_ORIGIN,
        trustedOrigins: [TEST_ORIGIN],
      });
      wire.push(JSON.stringify(r));
      if (!r.ok) throw Object.assign(new Error(r.error.message), { kind: r.error.kind });
      return r.value;
    },
    async dispose() {
      await companion.dispose();
      if (!o.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
