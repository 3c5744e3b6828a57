// The only webPreferences a companion window is created with, and a check that a set is still safe.

/** The subset of Electron's WebPreferences the shell sets; core cannot import Electron's type. */
export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
  spellcheck: false;
  disableBlinkFeatures: string;
  devTools: boolean;
}

/** The settings every window must have, whatever else it sets. */
const required = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
} as const;

export function secureWebPreferences(
  preloadPath: string,
  options: { devTools: boolean },
): SecureWebPreferences {
  return {
    preload: preloadPath,
    ...required,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Linux spellcheck fetches dictionaries from a Google CDN; clinic desktops may forbid that.
    spellcheck: false,
    // Middle-click opens links in new windows without passing our window-open handler's intent.
    disableBlinkFeatures: 'Auxclick',
    devTools: options.devTools,
  };
}

// Options that widen what a page can do; any value at all is refused.
const forbiddenKeys = ['enableBlinkFeatures', 'additionalArguments', 'enableRemoteModule'];

/** Returns what is unsafe about a webPreferences object; an empty list means it may be used. */
export function webPreferencesProblems(prefs: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(required)) {
    if (prefs[key] !== value) problems.push(`${key} must be ${String(value)}`);
  }
  for (const key of forbiddenKeys) {
    if (prefs[key] !== undefined) problems.push(`${key} must not be set`);
  }
  if (typeof prefs.preload !== 'string' || !prefs.preload.endsWith('.cjs')) {
    problems.push('preload must be the bundled CommonJS preload (a sandboxed preload cannot load ESM)');
  }
  return problems;
}
