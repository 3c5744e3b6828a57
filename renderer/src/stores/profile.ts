// Who is using the desktop: front desk, one doctor unlocked with a PIN, or the clinic admin. Main
// decides locking and rights; the page mirrors them.
import { create } from 'zustand';
import { invoke, on } from '../api';
import { throttle } from '../lib/throttle';
import type { Doctor, Profile } from '../lib/types';
import { toast } from './toasts';

interface Rights {
  allowed: string[];
  ownOnly: string[];
}

interface ProfileState {
  profile: Profile | null;
  doctors: Doctor[];
  /** What the core lets the current profile call (the page mirrors it; the core enforces it). */
  rights: Rights;
  security: { adminSecretSet: boolean; adminSecretByPolicy: boolean } | null;
  error: string | null;
  load(): Promise<void>;
  unlock(doctorId: string, pin: string): Promise<string | null>;
  unlockAdmin(secret: string): Promise<string | null>;
  setAdminSecret(newSecret: string, currentSecret?: string): Promise<string | null>;
  setPin(doctorId: string, newPin: string, currentPin?: string): Promise<string | null>;
  lock(): Promise<void>;
  touch(): void;
  subscribe(): () => void;
}

/** Activity pings are cheap for main but need not be per keystroke. */
const TOUCH_INTERVAL_MS = 20_000;

let lockTimer: ReturnType<typeof setTimeout> | undefined;
/** The Lock button was pressed: the profiles:changed that follows is no surprise. */
let lockAsked = false;

/** Main locks the profile; the page asks again just after lockAt in case the event was missed. */
function followLock(profile: Profile, refresh: () => void): void {
  clearTimeout(lockTimer);
  if (profile.role === 'front-desk') return;
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
    rights: { allowed: [], ownOnly: [] },
    security: null,
    error: null,
    async load() {
      const [profile, doctors, security] = await Promise.all([
        invoke('profiles:get', {}),
        invoke('doctors:list', {}),
        invoke('profiles:security', {}),
      ]);
      set({
        profile: profile.ok ? profile.value : { role: 'front-desk' },
        doctors: doctors.ok ? doctors.value : [],
        security: security.ok ? security.value : null,
        error: doctors.ok ? null : doctors.error.message,
      });
      await loadRights();
    },
    async unlock(doctorId, pin) {
      const r = await invoke('profiles:unlock', { doctorId, pin });
      if (!r.ok) return r.error.message;
      set({ profile: r.value });
      return null;
    },
    async unlockAdmin(secret) {
      const r = await invoke('profiles:unlockAdmin', { secret });
      if (!r.ok) return r.error.message;
      set({ profile: r.value });
      return null;
    },
    async setAdminSecret(newSecret, currentSecret) {
      const r = await invoke('profiles:setAdminSecret', {
        newSecret,
        ...(currentSecret ? { currentSecret } : {}),
      });
      if (!r.ok) return r.error.message;
      set({ profile: r.value });
      await get().load();
      return null;
    },
    async setPin(doctorId, newPin, currentPin) {
      const r = await invoke('profiles:setPin', { doctorId, newPin, ...(currentPin ? { currentPin } : {}) });
      if (!r.ok) return r.error.message;
      await get().load();
      return null;
    },
    async lock() {
      lockAsked = true;
      const r = await invoke('profiles:lock', {});
      set({ profile: r.ok ? r.value : { role: 'front-desk' } });
    },
    touch() {
      if (get().profile?.role !== 'front-desk') touch();
    },
    subscribe() {
      return on('profiles:changed', (profile) => {
        const before = get().profile;
        set({ profile });
        // Main locked it (idle, screen lock, sleep), not the Lock button: say so, never silently.
        if (profile.role === 'front-desk' && before && before.role !== 'front-desk' && !lockAsked) {
          // (Neither "profile" nor "lock" in the words: the Profile list and Lock keep their names.)
          const who =
            before.role === 'doctor' ? doctorName(get().doctors, before.doctorId) : 'The clinic admin';
          toast(`${who} was signed out after a time without activity. Front desk is in use.`);
        }
        lockAsked = false;
      });
    },
  };
});

const refreshProfile = () => {
  void invoke('profiles:get', {}).then((r) => {
    if (r.ok) useProfile.setState({ profile: r.value });
  });
};
async function loadRights(): Promise<void> {
  const r = await invoke('profiles:rights', {});
  useProfile.setState({ rights: r.ok ? r.value : { allowed: [], ownOnly: [] } });
}

useProfile.subscribe((s, prev) => {
  if (s.profile && s.profile !== prev.profile) {
    followLock(s.profile, refreshProfile);
    void loadRights();
  }
});

/**
 * May the current profile do this (for this doctor)? The page hides or disables what this says no
 * to; the core refuses it anyway.
 */
export function can(
  s: Pick<ProfileState, 'rights' | 'profile'>,
  channel: string,
  doctorId?: string,
): boolean {
  if (!s.rights.allowed.includes(channel)) return false;
  if (!s.rights.ownOnly.includes(channel)) return true;
  return s.profile?.role === 'doctor' && s.profile.doctorId === doctorId;
}

export const selectUnlockedDoctorId = (s: ProfileState): string | null =>
  s.profile?.role === 'doctor' ? s.profile.doctorId : null;

export const doctorName = (doctors: Doctor[], id: string | null): string =>
  doctors.find((d) => d.id === id)?.displayName ?? 'the doctor';
