// The real core, as the demo and the end-to-end tests run it: createCompanion with the built-in
// Zoom sandbox (unless real Zoom URLs are given), shell ports that hand URLs to the page, and an
// event hub the page's transport listens to.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName } from '../../../preload/contract';
import { type Companion, createCompanion } from '../app/companion';
import { startZoomSandbox, type ZoomSandbox } from '../zoom-sandbox';
import { EventHub } from './event-hub';

export interface DemoCoreOptions {
  env?: Record<string, string | undefined>;
  /** Folder for the core's data; a fresh temporary folder when omitted (removed on dispose). */
  dataDir?: string;
  version?: string;
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

/** Environment that points the core at the sandbox; the one place to adjust if names change. */
export function sandboxEnv(sandbox: ZoomSandbox): Record<string, string> {
  return {
    ZOOM_OAUTH_BASE_URL: sandbox.oauthBaseUrl,
    ZOOM_API_BASE_URL: sandbox.apiBaseUrl,
    ZOOM_CLIENT_ID: 'sandbox-public-client',
    CLINIC_COMPANION_SANDBOX: '1',
  };
}

type EventSource = { onEvent?: (listener: (event: EventName, payload: unknown) => void) => () => void };

export async function startDemoCore(options: DemoCoreOptions = {}): Promise<DemoCore> {
  const env = { ...(options.env ?? process.env) };
  const useRealZoom = Boolean(env.ZOOM_OAUTH_BASE_URL && env.ZOOM_API_BASE_URL);
  const sandbox = useRealZoom ? null : await startZoomSandbox();
  const ownDir = options.dataDir ? null : await mkdtemp(join(tmpdir(), 'companion-demo-'));
  const hub = new EventHub();
  const opened: string[] = [];
  const clipboard: string[] = [];
  const companion = await createCompanion({
    appName: 'Clinic Companion',
    version: options.version ?? '0.0.0-demo',
    platform: `${process.platform} (browser demo)`,
    dataDir: options.dataDir ?? ownDir!,
    env: sandbox ? { ...env, ...sandboxEnv(sandbox) } : env,
    shell: {
      async openExternal(url) {
        const scheme = new URL(url).protocol;
        if (scheme !== 'https:' && scheme !== 'http:' && scheme !== 'mailto:') {
          throw new Error(`The demo does not open ${scheme} links.`);
        }
        opened.push(url);
        hub.emit('demo:open', { url });
      },
      async writeClipboard(text) {
        clipboard.push(text);
      },
    },
  });
  // Until the composition root exposes events, the page still works; it just refreshes on its own actions.
  const unsubscribe = (companion as Companion & EventSource).onEvent?.((e, p) => hub.emit(e, p));
  return {
    companion,
    sandbox,
    hub,
    opened,
    clipboard,
    async dispose() {
      unsubscribe?.();
      await companion.dispose();
      await sandbox?.close();
      if (ownDir) await rm(ownDir, { recursive: true, force: true });
    },
  };
}
