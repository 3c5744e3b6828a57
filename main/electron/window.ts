// The companion window: created only with the secure webPreferences from core, loading app://companion.
import { BrowserWindow } from 'electron';
import {
  APP_ENTRY_URL,
  type SecureWebPreferences,
  secureWebPreferences,
  webPreferencesProblems,
} from '../core/security';

export function createCompanionWindow(options: {
  preloadPath: string;
  devTools: boolean;
  title: string;
}): BrowserWindow {
  const webPreferences = secureWebPreferences(options.preloadPath, { devTools: options.devTools });
  const problems = webPreferencesProblems({ ...webPreferences });
  // A refactor that weakens the preferences must stop the app, not ship quietly.
  if (problems.length > 0) throw new Error(`Refusing insecure webPreferences: ${problems.join('; ')}`);
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: options.title,
    webPreferences: {
      ...webPreferences,
      // Restated as literals so Electronegativity's static scan can read them; the literal types of
      // SecureWebPreferences make them identical to core's values.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    } satisfies SecureWebPreferences,
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
