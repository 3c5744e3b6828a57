// Loads every store once and follows main's events; returns the teardown for React's effect.
// Everything a screen shows arrives by push from the core; nothing polls.
import { on } from './api';
import { serverAway } from './lib/server-away';
import { todayIn } from './lib/time';
import { useAttention } from './stores/attention';
import { useConnections } from './stores/connections';
import { useDay } from './stores/day';
import { useKiviCare } from './stores/kivicare';
import { useProfile } from './stores/profile';
import { useReminders } from './stores/reminders';
import { useSettings } from './stores/settings';
import { selectZone, useStatus } from './stores/status';

export function startApp(): () => void {
  const unsubscribe = [
    useStatus.getState().subscribe(),
    useProfile.getState().subscribe(),
    useDay.getState().subscribe(),
    useConnections.getState().subscribe(),
    useKiviCare.getState().subscribe(),
    useReminders.getState().subscribe(),
    useAttention.getState().subscribe(),
    useSettings.getState().subscribe(),
    // A doctor added, renamed, given a PIN or removed: the lists of doctors everywhere follow.
    on('doctors:changed', () => void useProfile.getState().load()),
    // The clinic server went away (the day is read again: the core answers the day as it last read
    // it, and when) or came back (read again now; the core pushes too).
    useStatus.subscribe((now, before) => {
      if (serverAway(now.status) !== serverAway(before.status)) void useDay.getState().reload();
    }),
  ];
  void (async () => {
    await Promise.all([useStatus.getState().load(), useProfile.getState().load()]);
    const day = useDay.getState();
    if (!day.date) await day.setDate(todayIn(selectZone(useStatus.getState())));
    await Promise.all([useConnections.getState().load(), useAttention.getState().load()]);
  })();
  // Any activity keeps an unlocked doctor's profile open; main decides when it locks.
  const touch = () => useProfile.getState().touch();
  const opts = { passive: true, capture: true } as const;
  window.addEventListener('pointerdown', touch, opts);
  window.addEventListener('keydown', touch, opts);
  // A safety net only: coming back to the window reads everything again, in case a push was lost.
  const refresh = () => {
    void useConnections.getState().load();
    void useStatus.getState().load();
    void useDay.getState().reload();
    void useAttention.getState().load();
  };
  window.addEventListener('focus', refresh);
  return () => {
    window.removeEventListener('focus', refresh);
    for (const u of unsubscribe) u();
    window.removeEventListener('pointerdown', touch, opts);
    window.removeEventListener('keydown', touch, opts);
  };
}
