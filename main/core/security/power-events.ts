// What the OS's power and session events do to the app: a doctor's profile (Start buttons, their
// Zoom connection) must not stay open on a desk whose screen was locked or that went to sleep.

/** The Electron powerMonitor events the app listens to. */
export const POWER_EVENTS = [
  'lock-screen',
  'suspend',
  'user-did-resign-active',
  'unlock-screen',
  'resume',
] as const;
export type PowerEvent = (typeof POWER_EVENTS)[number];

export type PowerAction = 'lock-profile' | 'none';

/**
 * Screen lock, suspend and (macOS) switching to another user lock the profile; coming back
 * unlocks nothing: the doctor types their PIN again.
 */
export function powerEventAction(event: string): PowerAction {
  return event === 'lock-screen' || event === 'suspend' || event === 'user-did-resign-active'
    ? 'lock-profile'
    : 'none';
}

/** The shell hands in powerMonitor; core decides. Returns a function that unsubscribes. */
export function lockOnPowerEvents(
  monitor: {
    on(event: PowerEvent, listener: () => void): unknown;
    off(event: PowerEvent, listener: () => void): unknown;
  },
  lock: () => void,
): () => void {
  const listeners = POWER_EVENTS.map((event) => {
    const listener = () => {
      if (powerEventAction(event) === 'lock-profile') lock();
    };
    monitor.on(event, listener);
    return [event, listener] as const;
  });
  return () => {
    for (const [event, listener] of listeners) monitor.off(event, listener);
  };
}
