// The real core, as the demo and the end-to-end tests run it: createCompanion with the built-in
// Zoom sandbox (unless real Zoom URLs are given), shell ports that hand URLs and copied text to the page, and an
// event hub the page's transport listens to.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Companion, type CompanionOptions, createCompanion } from '../app/companion';
import type { Policy } from '../settings/policy';
import type { PostgresConfig } from '../store/postgres';
import { createDevFileCipher } from '../vault/dev-file-cipher';
import type { ZoomSandbox } from '../zoom-sandbox';
import { EventHub } from './event-hub';

export interface DemoCoreOptions {
  env?: Record<string, string | undefined>;
  /** Folder for the core's data; a fresh temporary folder when omitted (removed on dispose). */
  dataDir?: string;
  version?: string;
  /** The managed policy; the machine's own when omitted (tests pass one to stay hermetic). */
  policy?: Policy;
  /** Extra composition-root options for tests (e.g. reconcileEveryMs: 0). */
  extra?: Partial<
    Pick<CompanionOptions, 'reconcileEveryMs' | 'syncKiviCare' | 'now' | 'watchNowEveryMs' | 'nowPlan'>
  >;
  /**
   * Stands in for the native folder dialog (diagnostics export). The demo has none, so by default
   * it answers with `<dataDir>/diagnostics`; tests pass one that returns null to act as "Cancel".
   */
  chooseFolder?: (title: string) => Promise<string | null>;
  /** The clinic's shared PostgreSQL server (`npm run demo:clinic`); the embedded database when omitted. */
  database?: PostgresConfig;
  /** What the other desktops of the clinic call this one. */
  desktopName?: string;
}

export interface DemoCore {
  companion: Companion;
  /** Null when real Zoom URLs were given in the environment. */
  sandbox: ZoomSandbox | null;
  hub: EventHub;
  /** Every URL the core asked the "system shell" to open, in order (start URLs included). */
  opened: string[];
  /** Every text the core put on the clipboard, in order. */
  clipboard: string[];
  dispose(): Promise<void>;
}

/**
 * The demo's Zoom: the built-in sandbox unless both Zoom URLs are given in the environment
 * (`npm run demo` and `npm run demo:clinic` decide alike).
 */
export function usesRealZoom(env: Record<string, string | undefined>): boolean {
  return Boolean(env.ZOOM_OAUTH_BASE_URL && env.ZOOM_API_BASE_URL);
}

export async function startDemoCore(options: DemoCoreOptions = {}): Promise<DemoCore> {
  const env = { ...(options.env ?? process.env) };
  // Never enabled silently: the page shows a banner.
  const useRealZoom = usesRealZoom(env);
  const ownDir = options.dataDir ? null : await mkdtemp(join(tmpdir(), 'companion-demo-'));
  const dataDir = options.dataDir ?? ownDir!;
  const hub = new EventHub();
  const opened: string[] = [];
  const clipboard: string[] = [];
  const companion = await createCompanion({
    appName: 'Clinic Companion',
    version: options.version ?? '0.0.0-demo',
    platform: `${process.platform} (browser demo)`,
    dataDir,
    env,
    cipher: createDevFileCipher(dataDir),
    sandbox: !useRealZoom,
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.database ? { database: options.database } : {}),
    ...(options.desktopName ? { desktopName: options.desktopName } : {}),
    ...options.extra,
    shell: {
      async openOutside(url) {
        const scheme = new URL(url).protocol;
        if (scheme !== 'https:' && scheme !== 'http:' && scheme !== 'mailto:') {
          throw new Error(`The demo does not open ${scheme} links.`);
        }
        opened.push(url);
        hub.emit('demo:open', { url });
      },
      async writeClipboard(text) {
        clipboard.push(text);
        // The page writes it to the browser's clipboard (the demo's "system clipboard").
        hub.emit('demo:clipboard', { text });
      },
      chooseFolder:
        options.chooseFolder ??
        (async () => {
          const folder = join(dataDir, 'diagnostics');
          await mkdir(folder, { recursive: true });
          return folder;
        }),
    },
  });
  const unsubscribe = companion.onEvent((e, p) => hub.emit(e, p));
  return {
    companion,
    sandbox: companion.services.sandbox,
    hub,
    opened,
    clipboard,
    async dispose() {
      unsubscribe();
      await companion.dispose();
      if (ownDir) await rm(ownDir, { recursive: true, force: true });
    },
  };
}
