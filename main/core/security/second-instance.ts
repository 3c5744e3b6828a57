// Which existing window takes over when the OS starts the app a second time (usually with a callback URL).

export interface WindowState {
  id: number;
  destroyed: boolean;
  /** The primary companion window (the one created at launch). */
  primary: boolean;
  focused: boolean;
}

export type SecondInstanceTarget = { action: 'focus'; windowId: number } | { action: 'create' };

/** Prefers the primary window, then the focused one, then any live one; creates a window when none is left. */
export function pickSecondInstanceWindow(windows: readonly WindowState[]): SecondInstanceTarget {
  const live = windows.filter((w) => !w.destroyed);
  const chosen = live.find((w) => w.primary) ?? live.find((w) => w.focused) ?? live[0];
  return chosen ? { action: 'focus', windowId: chosen.id } : { action: 'create' };
}
