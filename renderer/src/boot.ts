// Loads every store once and follows main's events; returns the teardown for React's effect.
import { todayIn } from './lib/time';
import { useConnections } from './stores/connections';
import { useDay } from './stores/day';
import { useKiviCare } from './stores/kivicare';
import { useProfile } from './stores/profile';
import { useReminders } from './stores/reminders';
import { selectZone, useStatus } from './stores/status';

const BUSY = new Set(['creating', 'updating', 'deleting']);

export function startApp(): () => void {
  const unsubscribe = [
    useStatus.getState().subscribe(),
    useProfile.getState().subscribe(),
    useDay.getState().subscribe(),
    useConnections.getState().subscribe(),
    useKiviCare.getState().subscribe(),
    useReminders.getState().subscribe(),
  ];
  void (async () => {
    await Promise.all([useStatus.getState().load(), useProfile.getState().load()]);
    const day = useDay.getState();
    if (!day.date) await day.setDate(todayIn(selectZone(useStatus.getState())));
    await useConnections.getState().load();
  })();
  // Any activity keeps an unlocked doctor's profile open; main decides when it locks.
  const touch = () => useProfile.getState().touch();
  const opts = { passive: true, capture: true } as const;
  window.addEventListener('pointerdown', touch, opts);
  window.addEventListener('keydown', touch, opts);
  // Events keep the page current; these catch up when one was missed (a meeting being made, a
  // Zoom sign-in finished in the browser while the window was in the background).
  const poll = setInterval(() => {
    const busy = useDay.getState().appointments.some((a) => BUSY.has(a.meeting.state));
    if (busy) void useDay.getState().reload();
  }, 2000);
  const refresh = () => {
    void useConnections.getState().load();
    void useStatus.getState().load();
    void useDay.getState().reload();
  };
  window.addEventListener('focus', refresh);
  return () => {
    clearInterval(poll);
    window.removeEventListener('focus', refresh);
    for (const u of unsubscribe) u();
    window.removeEventListener('pointerdown', touch, opts);
    window.removeEventListener('keydown', touch, opts);
  };
}
