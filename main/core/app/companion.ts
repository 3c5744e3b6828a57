// Composition root of the core: builds every service from its ports and returns the handler
// table that the shell (ipcMain) and the browser demo both serve. The shell supplies only what
// needs Electron (the safeStorage cipher, opening URLs, the clipboard, notifications).
import { channelNames } from '../../../preload/contract';
import { AppError } from '../errors';
import type { HandlerTable } from '../ipc/dispatch';

export interface ShellPorts {
  /** Opens a URL outside the app (system browser, Zoom client, mail client) after policy checks. */
  openExternal(url: string): Promise<void>;
  /** Writes text to the system clipboard. */
  writeClipboard(text: string): Promise<void>;
}

export interface CompanionOptions {
  appName: string;
  version: string;
  platform: string;
  /** Folder for the database, settings and encrypted credentials. */
  dataDir: string;
  env: Record<string, string | undefined>;
  shell: ShellPorts;
}

export interface Companion {
  handlers: HandlerTable;
  /** A URL that reached the app through its custom scheme (argv, second-instance, open-url). */
  handleProtocolUrl(url: string): Promise<void>;
  dispose(): Promise<void>;
}

export const DEFAULT_ZOOM_OAUTH_BASE_URL = 'https://zoom.us';
export const DEFAULT_ZOOM_API_BASE_URL = 'https://api.zoom.us/v2';

export async function createCompanion(options: CompanionOptions): Promise<Companion> {
  const zoomOAuthBaseUrl = options.env.ZOOM_OAUTH_BASE_URL ?? DEFAULT_ZOOM_OAUTH_BASE_URL;
  const zoomApiBaseUrl = options.env.ZOOM_API_BASE_URL ?? DEFAULT_ZOOM_API_BASE_URL;
  // Integration in progress: channels whose service has not been wired yet answer with a clear error.
  const pending = Object.fromEntries(
    channelNames.map((c) => [
      c,
      async () => {
        throw new AppError('internal', 'This part of the companion is not available yet.');
      },
    ]),
  ) as unknown as HandlerTable;
  const handlers: HandlerTable = {
    ...pending,
    'app:getInfo': async () => ({
      name: options.appName,
      version: options.version,
      platform: options.platform,
      sandbox: false,
      zoomOAuthBaseUrl,
      zoomApiBaseUrl,
    }),
  };
  return {
    handlers,
    async handleProtocolUrl() {},
    async dispose() {},
  };
}
