// The packaged app in real Electron, for machines that have the binary. Here (no Electron download
// allowed) the suite reports itself as skipped, with the reason.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './renderer-build';

const require = createRequire(import.meta.url);

function electronBinary(): string | null {
  try {
    // The electron package exports the binary's path; it throws when the download was skipped.
    const path = require('electron') as unknown as string;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const mainEntry = resolve(REPO_ROOT, 'dist/main/index.js');
const reason = binary
  ? !existsSync(mainEntry)
    ? 'App not built: run `npm run build` first'
    : null
  : 'Electron binary not installed: ELECTRON_SKIP_BINARY_DOWNLOAD was set or the download is not possible here';
if (reason) console.info(`tests/e2e/electron.test.ts skipped: ${reason}`);

describe.skipIf(reason !== null)('the app in Electron', () => {
  it('opens one window with the secure web preferences', async () => {
    const { _electron } = await import('playwright-core');
    const app = await _electron.launch({ executablePath: binary!, args: [mainEntry], cwd: REPO_ROOT });
    try {
      const page = await app.firstWindow();
      await page.getByRole('heading', { level: 1, name: 'Clinic Companion' }).waitFor();
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const win = BrowserWindow.getAllWindows()[0]!;
        return {
          windows: BrowserWindow.getAllWindows().length,
          url: win.webContents.getURL(),
          devTools: win.webContents.isDevToolsOpened(),
        };
      });
      expect(prefs).toMatchObject({ windows: 1, devTools: false });
      expect(prefs.url.startsWith('app://')).toBe(true);
      // Secure prefs as the page sees them: context isolation and sandbox leave only the bridge.
      const globals = await page.evaluate(() => ({
        companion: typeof window.companion?.invoke,
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
      }));
      expect(globals).toEqual({ companion: 'function', require: 'undefined', process: 'undefined' });
    } finally {
      await app.close();
    }
  });
});
