// Who is using the desktop: front desk, or one doctor unlocked with a PIN. Main decides locking.
import { create } from 'zustand';
import { invoke, on } from '../api';
import { throttle } from '../lib/throttle';
import type { Doctor, Profile } from '../lib/types';

interface ProfileState {
  profile: Profile | null;
  doctors: Doctor[];
  error: string | null;
  load(): Promise<void>;
  unlock(doctorId: string, pin: string): Promise<string | null>;
  lock(): Promise<void>;
  touch(): void;
  subscribe(): () => void;
}

/** Activity pings are cheap for main but need not be per keystroke. */
const TOUCH_INTERVAL_MS = 20_000;

let lockTimer: ReturnType<typeof setTimeout> | undefined;

/** Main locks the profile; the page asks again just after lockAt in case the event was missed. */
function followLock(profile: Profile, refresh: () => void): void {
  clearTimeout(lockTimer);
  if (profile.role !== 'doctor') return;
  const ms = Date.parse(profile.lockAt) - Date.now() + 1000;
  lockTimer = setTimeout(refresh, Math.max(1000, Math.min(ms, 2 ** 31 - 1)));
}

export const useProfile = create<ProfileState>((set, get) => {
  const touch = throttle(() => {
    void invoke('profiles:touch', {}).then((r) => {
      if (r.ok) set({ profile: r.value });
    });
  }, TOUCH_INTERVAL_MS);
  return {
    profile: null,
    doctors: [],
    error: null,
    async load() {
      const [profile, doctors] = await Promise.all([invoke('profiles:get', {}), invoke('doctors:list', {})]);
      set({
        profile: profile.ok ? profile.value : { role: 'front-desk' },
        doctors: doctors.ok ? doctors.value : [],
        error: doctors.ok ? null : doctors.error.message,
      });
    },
    async unlock(doctorId, pin) {
      const r = await invoke('profiles:unlock', { doctorId, pin });
      if (!r.ok) return r.error.message;
      set({ profile: r.value });
      return null;
    },
    async lock() {
      const r = await invoke('profiles:lock', {});
      set({ profile: r.ok ? r.value : { role: 'front-desk' } });
    },
    touch() {
      if (get().profile?.role === 'doctor') touch();
    },
    subscribe() {
      return on('profiles:changed', (profile) => set({ profile }));
    },
  };
});

const refreshProfile = () => {
  void invoke('profiles:get', {}).then((r) => {
    if (r.ok) useProfile.setState({ profile: r.value });
  });
};
useProfile.subscribe((s, prev) => {
  if (s.profile && s.profile !== prev.profile) followLock(s.profile, refreshProfile);
});

export const selectUnlockedDoctorId = (s: ProfileState): string | null =>
  s.profile?.role === 'doctor' ? s.profile.doctorId : null;

export const doctorName = (doctors: Doctor[], id: string | null): string =>
  doctors.find((d) => d.id === id)?.displayName ?? 'the doctor';
