// Loads every store once and follows main's events; returns the teardown for React's effect.
import { todayIn } from './lib/time';
import { useConnections } from './stores/connections';
import { useDay } from './stores/day';
import { useProfile } from './stores/profile';
import { useReminders } from './stores/reminders';
import { selectZone, useStatus } from './stores/status';

export function startApp(): () => void {
  const unsubscribe = [
    useStatus.getState().subscribe(),
    useProfile.getState().subscribe(),
    useDay.getState().subscribe(),
    useConnections.getState().subscribe(),
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
  return () => {
    for (const u of unsubscribe) u();
    window.removeEventListener('pointerdown', touch, opts);
    window.removeEventListener('keydown', touch, opts);
  };
}
