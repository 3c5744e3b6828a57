// Electron's userData and logs folders for this app, for tools that run without Electron
// (`npm run check`). The app itself asks Electron (app.getPath), which gives the same folders.
import path from 'node:path';
import { APP_DISPLAY_NAME } from '../settings/policy';

export function electronAppPaths(
  platform: NodeJS.Platform,
  home: string,
  env: Record<string, string | undefined>,
): { dataDir: string; logDir: string } {
  if (platform === 'win32') {
    const dataDir = path.win32.join(
      env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'),
      APP_DISPLAY_NAME,
    );
    return { dataDir, logDir: path.win32.join(dataDir, 'logs') };
  }
  if (platform === 'darwin') {
    return {
      dataDir: path.join(home, 'Library', 'Application Support', APP_DISPLAY_NAME),
      logDir: path.join(home, 'Library', 'Logs', APP_DISPLAY_NAME),
    };
  }
  const dataDir = path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DISPLAY_NAME);
  return { dataDir, logDir: path.join(dataDir, 'logs') };
}
