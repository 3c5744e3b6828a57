// The packaged app in real Electron, for machines that have the binary. Here (no Electron download
// allowed) the suite reports itself as skipped, with the reason.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './renderer-build';

const require = createRequire(import.meta.url);

/**
 * The binary's path, found the way the electron package finds it (path.txt + dist/), but without
 * calling it: since Electron 3x, require('electron') starts a download when the binary is missing.
 */
function electronBinary(): string | null {
  const pkgDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist');
  const full = join(distDir, readFileSync(pathFile, 'utf8').trim());
  return existsSync(full) ? full : null;
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
    const app = await _electron.launch({ executablePath: binary!, args: ['.'], cwd: REPO_ROOT });
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
